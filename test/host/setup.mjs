#!/usr/bin/env node
// Make this machine able to run every suite: the first step of `npm test`, a phase of .ci/run, and
// what `npm start` runs before it starts. Installs, only what is missing and in this order: the
// Debian packages (packages.mjs), node_modules (`npm ci`), code-server (codeServer.mjs). Uses
// nothing from node_modules, so a fresh clone can run it.
//
//   node test/host/setup.mjs [--dry-run]   (--dry-run: say what it would install, install nothing)
//
// Env: SETUP_TIMEOUT_MS (the limit, see testPlan.mjs); TEST_HOST_PRETEND_MISSING=chromium,ripgrep
// treats those packages as missing, to try the install and the "not root" message on a machine
// that has them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, ensureCodeServer, installDir, isCodeServerInstalled } from './codeServer.mjs';
import { ensurePackages, packagesFor, stopPackageInstall } from './packages.mjs';
import { limitMs } from './testPlan.mjs';
import { Cleanup, elapsed, log, parseArgs, ROOT, runMain, spawnGroup, stopGroup, warn } from './util.mjs';

export function hasNodeModules() {
  return existsSync(path.join(ROOT, 'node_modules', '.package-lock.json')) || existsSync(path.join(ROOT, 'node_modules', 'esbuild'));
}

let npmChild;

async function npmCi() {
  log('$ npm ci');
  // Its own process group, so a time-out stops its install scripts too.
  npmChild = spawnGroup('npm', ['ci', '--loglevel=notice'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const { code, signal } = await npmChild.exited;
  npmChild = undefined;
  if (code !== 0) throw new Error(`npm ci failed (${signal ?? `exit ${code}`})`);
}

/**
 * Everything the suites need (`browser: false` for `npm start`, which uses the person's browser).
 * Checks all Debian packages first, so a missing one fails before any slow step.
 */
export async function setUp({ browser = true, dryRun = false } = {}) {
  const needCodeServer = !isCodeServerInstalled();
  const names = [...(browser ? packagesFor('tests') : []), ...(needCodeServer ? packagesFor('code-server') : [])];
  const installed = await ensurePackages(names, { dryRun });
  const done = [`Debian packages${installed.length ? ` (installed ${installed.join(' ')})` : ''}`];
  const needNodeModules = !hasNodeModules();
  if (needNodeModules && dryRun) log('node_modules is missing; would run: npm ci');
  else if (needNodeModules) await npmCi();
  done.push(`node_modules${needNodeModules ? ' (npm ci)' : ''}`);
  if (needCodeServer && dryRun) log(`code-server ${CODE_SERVER_VERSION} is missing; would install it into ${path.relative(ROOT, installDir)}`);
  else if (needCodeServer) await ensureCodeServer();
  done.push(`code-server ${CODE_SERVER_VERSION}${needCodeServer ? ' (installed)' : ''}`);
  return done;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cleanup = new Cleanup();
  cleanup.add('stop apt-get', () => stopPackageInstall());
  cleanup.add('stop npm ci', () => npmChild && stopGroup(npmChild));
  const fail = (message) => {
    process.exitCode = 1;
    warn(`setup: ${message}`);
  };
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2), { 'dry-run': 'flag' });
  } catch (err) {
    fail(err.message);
    process.exit(2);
  }
  await runMain(async () => {
    const started = Date.now();
    const done = await setUp({ dryRun: opts['dry-run'] });
    if (opts['dry-run']) log('setup (dry run): nothing was installed');
    else log(`setup: ${done.join(', ')}: ready in ${elapsed(started)}`);
    process.exitCode = 0;
  }, { timeoutMs: limitMs('SETUP_TIMEOUT_MS'), timeoutVar: 'SETUP_TIMEOUT_MS', cleanup, fail });
}
