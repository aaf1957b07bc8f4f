/* global AbortSignal */
// code-server (the real VS Code workbench and Node extension host) from npm: install once into
// the ignored cache folder, start it isolated in its own process group, stop it.
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensurePackages, packagesFor } from './packages.mjs';
import { CACHE_DIR, elapsed, log, ROOT, sleep, spawnGroup, stopGroup, warn } from './util.mjs';

// 4.100.3 = VS Code 1.100.3, our minimum `engines.vscode`, and the newest code-server on Node 20.
export const CODE_SERVER_VERSION = '4.100.3';
// Its @vscode/ripgrep postinstall downloads rg; we seed that download cache from Debian's ripgrep.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const run = promisify(execFile);

export const installDir = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const packageDir = path.join(installDir, 'node_modules', 'code-server');
const entry = path.join(packageDir, 'out', 'node', 'entry.js');
const marker = path.join(installDir, '.install-complete.json');

/** Which Node headers node-gyp should build against, so it never downloads them. */
function nodeDir() {
  for (const dir of [process.env.npm_config_nodedir, path.resolve(path.dirname(process.execPath), '..'), '/usr']) {
    if (dir && existsSync(path.join(dir, 'include', 'node', 'node.h'))) return dir;
  }
  return undefined;
}

function readMarker() {
  try {
    const data = JSON.parse(readFileSync(marker, 'utf8'));
    return data.version === CODE_SERVER_VERSION && existsSync(entry) ? data : undefined;
  } catch {
    return undefined;
  }
}

export function isCodeServerInstalled() {
  return Boolean(readMarker());
}

/** Install code-server into .vscode-test/code-server-<version>/ unless a complete install is there. */
export async function ensureCodeServer() {
  const installed = readMarker();
  if (installed) return { entry, ...installed };
  const release = await lockInstall();
  try {
    const done = readMarker(); // another process may have finished it while we waited
    return done ? { entry, ...done } : await install();
  } finally {
    release();
  }
}

/** One install at a time (say `npm start` and a test run side by side); a dead holder's lock is taken over. */
async function lockInstall() {
  const lock = `${installDir}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  let said = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let holder = 0;
    try {
      holder = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch { /* being written */ }
    let alive = false;
    try {
      if (holder) alive = Boolean(process.kill(holder, 0));
    } catch { /* dead */ }
    const stale = !holder && Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 10000;
    if ((holder && !alive) || stale) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!said) log(`waiting for another code-server install${holder ? ` (pid ${holder})` : ''} to finish…`);
    said = true;
    await sleep(1000);
  }
}

async function install() {
  await ensurePackages(packagesFor('code-server'));
  const rg = '/usr/bin/rg';
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, installDir)} (1–2 min, once)…`);
  rmSync(installDir, { recursive: true, force: true });
  const tmp = path.join(installDir, 'tmp');
  mkdirSync(path.join(tmp, RIPGREP_CACHE), { recursive: true });
  await run('tar', ['-czf', path.join(tmp, RIPGREP_CACHE, RIPGREP_ASSET), '-C', path.dirname(rg), path.basename(rg)]);
  // Its own package.json makes this folder the npm project, so the repository's .npmrc does not apply.
  writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({
    name: 'code-server-cache', private: true, description: 'Test host for the project (git-ignored cache)',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
  }, null, 2));

  // Drop what an outer `npm run` exported (npm_config_local_prefix would point npm at the project).
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  Object.assign(env, {
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true', // its postinstall refuses to run as root otherwise
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    npm_config_build_from_source: 'true', // argon2 and kerberos would try prebuilt binaries from GitHub first
    npm_config_loglevel: 'warn',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    npm_config_progress: 'false',
  });
  const headers = nodeDir();
  if (headers) env.npm_config_nodedir = headers;

  const logFile = path.join(installDir, 'npm-install.log');
  const out = createWriteStream(logFile);
  // Its own process group: a time-out or Ctrl-C stops the native builds too, not only npm.
  const npm = spawnGroup('npm', ['install', '--no-save', '--foreground-scripts'], { cwd: installDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk) => {
    out.write(chunk);
    tail = (tail + chunk.toString()).slice(-6000);
  };
  npm.stdout.on('data', keep);
  npm.stderr.on('data', keep);
  const heartbeat = setInterval(() => log(`  …still installing code-server (${elapsed(started)})`), 30000);
  const code = await new Promise((resolve) => {
    npm.on('error', (err) => { keep(`\n${err.stack}\n`); resolve(-1); });
    npm.on('close', resolve);
  });
  clearInterval(heartbeat);
  await new Promise((resolve) => out.end(resolve));
  if (code !== 0) {
    process.stderr.write(`\n--- last lines of ${logFile} ---\n${tail}\n---\n`);
    throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}); full log: ${logFile}`);
  }

  const version = await versionOf();
  const rgBin = path.join(packageDir, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  if (!existsSync(rgBin)) throw new Error(`code-server installed, but ripgrep is missing at ${rgBin}; see ${logFile}`);
  rmSync(tmp, { recursive: true, force: true });
  const data = { version: CODE_SERVER_VERSION, vscode: version.vscode, commit: version.commit, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) };
  writeFileSync(marker, JSON.stringify(data, null, 2));
  log(`code-server ${CODE_SERVER_VERSION} installed in ${elapsed(started)}`);
  return { entry, ...data };
}

/** Install a .vsix into an isolated extensions folder, as a user would (`--install-extension`). */
export async function installVsix({ vsix, userDataDir, extensionsDir }) {
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const env = { ...process.env, TMPDIR: path.join(installDir, 'tmp') };
  const { stdout } = await run(process.execPath, [entry, '--install-extension', path.resolve(vsix), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--force'], { env });
  return stdout.trim();
}

/** `code-server --version` prints "4.100.3 <commit> with Code 1.100.3". */
async function versionOf() {
  const { stdout } = await run(process.execPath, [entry, '--version'], { env: { ...process.env, TMPDIR: path.join(installDir, 'tmp') } });
  const match = /^(\S+)\s+(\S+)\s+with Code\s+(\S+)/m.exec(stdout);
  if (!match) throw new Error(`unexpected code-server --version output: ${stdout}`);
  return { codeServer: match[1], commit: match[2], vscode: match[3] };
}

/**
 * Start code-server on 127.0.0.1:port, isolated under `dir` (user data, extensions, XDG dirs, TMPDIR).
 * `env` is added to its environment and so reaches the extension host. `proxy`: serve code-server's
 * /proxy/PORT/ (off by default).
 */
export async function startCodeServer({ dir, port, folder, env = {}, logFile, userDataDir, extensionsDir, locale, proxy = false, startTimeoutMs = 60000 }) {
  userDataDir ??= path.join(dir, 'user-data');
  extensionsDir ??= path.join(dir, 'extensions');
  // Sockets live here; a Unix socket path must stay under 108 bytes, so not in the deep run folder.
  const runtimeDir = mkdtempSync(path.join(os.tmpdir(), 'vsct-'));
  const xdg = { XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_DATA_HOME: path.join(dir, 'xdg-data'), XDG_CACHE_HOME: path.join(dir, 'xdg-cache'), XDG_RUNTIME_DIR: runtimeDir, TMPDIR: path.join(dir, 'tmp') };
  for (const d of [userDataDir, extensionsDir, ...Object.values(xdg)]) mkdirSync(d, { recursive: true, mode: 0o700 });
  const configFile = path.join(dir, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // code-server's /proxy/PORT/ reaches any port of this computer: off unless a run needs it.
    ...(proxy ? [] : ['--disable-proxy']),
    '--ignore-last-opened',
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (locale) args.push('--locale', locale);
  if (folder) args.push(folder);
  const childEnv = { ...process.env, ...xdg, ...env };
  for (const key of Object.keys(childEnv)) if (key.startsWith('npm_') || key.startsWith('VSCODE_')) delete childEnv[key];
  Object.assign(childEnv, env);

  let out;
  if (logFile) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    out = createWriteStream(logFile, { flags: 'a' }).on('error', () => {});
  }
  const child = spawnGroup(process.execPath, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => out?.write(d));
  child.stderr.on('data', (d) => out?.write(d));
  child.exited.then(() => out?.end());

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(child);
    rmSync(runtimeDir, { recursive: true, force: true });
  };
  const started = Date.now();
  let exit;
  child.exited.then((e) => { exit = e; });
  for (;;) {
    if (exit) {
      await stop();
      throw new Error(`code-server exited during start (code ${exit.code}, signal ${exit.signal}); log: ${logFile}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch { /* not yet */ }
    if (Date.now() - started > startTimeoutMs) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${startTimeoutMs / 1000} s; log: ${logFile}`);
    }
    await sleep(200);
  }
  return { url, port, userDataDir, extensionsDir, child, stop };
}

// `node test/host/codeServer.mjs`: just make sure code-server is installed (setup.mjs does it all).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const info = await ensureCodeServer();
    log(`code-server ${info.version} (VS Code ${info.vscode}) ready in ${path.relative(ROOT, installDir)}`);
  } catch (err) {
    warn(err.message);
    process.exit(1);
  }
}
