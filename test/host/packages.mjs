// The Debian packages the test host needs, in one list. `npm test` and .ci/run (setup.mjs),
// `npm start` and the code-server install all check and install them from here, and only the
// missing ones: root runs apt-get, a passwordless sudo runs it through sudo, anyone else gets the
// command to run, in one line, before anything else happens.
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromiumPath } from './browser.mjs';
import { log, sleep } from './util.mjs';

const run = promisify(execFile);

function hasCommand(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir || '.', name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function hasChromium() {
  try {
    return Boolean(chromiumPath());
  } catch {
    return false;
  }
}

/**
 * `for`: 'tests' (the suites need it every run) or 'code-server' (only to install code-server).
 * `present`: the check that also counts what was installed another way (dpkg is asked first).
 */
export const PACKAGES = [
  { name: 'chromium', for: 'tests', why: 'the browser of the UI and integration host', present: hasChromium },
  { name: 'fonts-wqy-microhei', for: 'tests', why: 'Chinese glyphs for the zh-cn UI screenshots', present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') },
  { name: 'build-essential', for: 'code-server', why: 'its native modules are built from source', present: () => hasCommand('make') && hasCommand('g++') },
  { name: 'pkg-config', for: 'code-server', why: 'finds Kerberos for its kerberos module', present: () => hasCommand('pkg-config') },
  { name: 'libkrb5-dev', for: 'code-server', why: 'headers of its kerberos module', present: () => hasCommand('krb5-config') },
  // Seeded into @vscode/ripgrep's download cache, which would otherwise fetch rg from GitHub.
  { name: 'ripgrep', for: 'code-server', why: 'its search, seeded from Debian', present: () => existsSync('/usr/bin/rg') },
];

export const packagesFor = (purpose) => PACKAGES.filter((p) => p.for === purpose).map((p) => p.name);

/** Names in TEST_HOST_PRETEND_MISSING (comma-separated) count as missing: to try the install paths. */
function pretendMissing() {
  return new Set((process.env.TEST_HOST_PRETEND_MISSING ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** Which of `names` are not installed, in the order of PACKAGES. */
export async function missingPackages(names) {
  const wanted = PACKAGES.filter((p) => names.includes(p.name));
  if (!wanted.length) return [];
  const installed = new Set();
  try {
    const { stdout } = await run('dpkg-query', ['-W', '-f', '${Package} ${db:Status-Abbrev}\n', ...wanted.map((p) => p.name)]);
    for (const line of stdout.split('\n')) if (/^\S+ ii/.test(line)) installed.add(line.split(' ')[0]);
  } catch (err) {
    // dpkg-query exits 1 when a package is unknown, and still lists the others.
    for (const line of String(err.stdout ?? '').split('\n')) if (/^\S+ ii/.test(line)) installed.add(line.split(' ')[0]);
  }
  const pretend = pretendMissing();
  return wanted.filter((p) => pretend.has(p.name) || (!installed.has(p.name) && !p.present())).map((p) => p.name);
}

/** root, or a sudo that asks no password: the prefix to run apt-get with; undefined if neither. */
async function privilege() {
  if (process.getuid?.() === 0) return [];
  if (!hasCommand('sudo')) return undefined;
  return run('sudo', ['-n', 'true']).then(() => ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'], () => undefined);
}

function aptCommand(missing, sudo) {
  const s = sudo ? 'sudo ' : '';
  return `${s}apt-get update && ${s}apt-get install -y ${missing.join(' ')}`;
}

// apt-get stays in our process group, so Ctrl-C reaches it as it would from a shell.
let running;

function sh(argv) {
  log(`$ ${argv.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    running = child;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running = undefined;
      if (code === 0) resolve();
      else reject(new Error(`${argv.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** Stop a running apt-get (on a time-out): SIGTERM lets dpkg finish the package it is on. */
export async function stopPackageInstall(graceMs = 10000) {
  const child = running;
  if (!child) return;
  child.kill('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (running === child && Date.now() < deadline) await sleep(100);
  if (running === child) child.kill('SIGKILL');
}

/**
 * Install whichever of `names` are missing (one `apt-get update`, one `apt-get install`).
 * Without root or a passwordless sudo, throws at once with the command to run, in one line.
 * `dryRun`: print the command instead of running it. Returns the names that were missing.
 */
export async function ensurePackages(names, { dryRun = false } = {}) {
  const missing = await missingPackages(names);
  if (!missing.length) return missing;
  const what = `missing Debian packages: ${missing.join(' ')}`;
  if (!hasCommand('apt-get')) throw new Error(`${what}; no apt-get here: install them (or set CHROMIUM_PATH for chromium) and run again`);
  const prefix = await privilege();
  if (!prefix) {
    const command = hasCommand('sudo') ? aptCommand(missing, true) : `su -c '${aptCommand(missing, false)}'`;
    throw new Error(`${what}; run this, then run again: ${command}`);
  }
  if (dryRun) {
    log(`${what}; would run: ${aptCommand(missing, prefix.length > 0)}`);
    return missing;
  }
  log(`${what}: installing`);
  await sh([...prefix, 'apt-get', 'update']);
  await sh([...prefix, 'apt-get', 'install', '-y', ...missing]);
  const still = (await missingPackages(missing)).filter((name) => !pretendMissing().has(name));
  if (still.length) throw new Error(`apt-get install finished, but these are still missing: ${still.join(' ')}`);
  return missing;
}
