// Small helpers shared by the test-host scripts: paths, logging, ports, process groups, cleanup.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE_DIR = path.join(ROOT, '.vscode-test');
export const RESULTS_DIR = process.env.TEST_RESULTS_DIR ? path.resolve(process.env.TEST_RESULTS_DIR) : path.join(ROOT, 'test-results');

export function log(message) {
  process.stdout.write(`[host] ${message}\n`);
}

export function warn(message) {
  process.stderr.write(`[host] ${message}\n`);
}

export function elapsed(start) {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Milliseconds from an environment variable, or the default. */
export function envMs(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds, got "${raw}"`);
  return value;
}

/** Tiny `--name value` / `--flag` parser; unknown options are an error. */
export function parseArgs(argv, known) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.replace(/^--/, '');
    if (!arg.startsWith('--') || !(name in known)) throw new Error(`unknown argument "${arg}" (known: ${Object.keys(known).map((k) => `--${k}`).join(' ')})`);
    if (known[name] === 'flag') out[name] = true;
    else {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      out[name] = argv[++i];
    }
  }
  return out;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A fresh run folder: .vscode-test/runs/<timestamp>-<kind>-<pid>/. Successful runs delete theirs;
 * failed ones are kept for a look, and only the newest few of those.
 */
export function makeRunDir(kind, keep = 5) {
  const runs = path.join(CACHE_DIR, 'runs');
  mkdirSync(runs, { recursive: true });
  const old = readdirSync(runs).sort();
  for (const name of old.slice(0, Math.max(0, old.length - keep))) rmSync(path.join(runs, name), { recursive: true, force: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(runs, `${stamp}-${kind}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Process groups we started and have not seen exit; killed synchronously if we exit abruptly.
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

/** Spawn a child as the leader of its own process group, so the whole tree can be stopped. */
export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid) {
    liveGroups.add(child.pid);
    child.once('exit', () => liveGroups.delete(child.pid));
  }
  child.exited = new Promise((resolve) => {
    if (!child.pid) child.once('error', () => resolve({ code: null, signal: null }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return child;
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the child's process group, wait, then SIGKILL whatever is left of it. */
export async function stopGroup(child, graceMs = 5000) {
  if (!child?.pid) return;
  const pid = child.pid;
  try { process.kill(-pid, 'SIGTERM'); } catch { /* gone */ }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    while (groupAlive(pid)) await sleep(50);
  }
  liveGroups.delete(pid);
}

/**
 * Cleanup steps run once, in reverse order, on normal end, on error and on SIGINT/SIGTERM/SIGHUP.
 * `onSignal` decides the exit code after a signal (130 for tests; 0 for `npm start`).
 */
export class Cleanup {
  constructor({ signalExitCode = (signal) => (signal === 'SIGINT' ? 130 : 143) } = {}) {
    this.steps = [];
    this.running = undefined;
    this.signalled = undefined;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        if (this.signalled) {
          // The same signal often arrives twice (to us and to our group); a later one means "now".
          if (Date.now() - this.signalledAt < 3000) return;
          warn(`${signal} again: exiting now`);
          process.exit(signalExitCode(signal));
        }
        this.signalled = signal;
        this.signalledAt = Date.now();
        warn(`${signal}: stopping everything…`);
        this.run().finally(() => process.exit(signalExitCode(signal)));
      });
    }
  }

  add(label, fn) {
    this.steps.push({ label, fn });
  }

  run() {
    this.running ??= (async () => {
      while (this.steps.length) {
        const { label, fn } = this.steps.pop();
        try {
          const t0 = Date.now();
          await Promise.race([fn(), sleep(15000).then(() => { throw new Error('timed out'); })]);
          if (process.env.TEST_HOST_VERBOSE === '1') log(`cleanup: ${label} (${elapsed(t0)})`);
        } catch (err) {
          warn(`cleanup: ${label} failed: ${err?.message ?? err}`);
        }
      }
    })();
    return this.running;
  }
}

/**
 * A runner's main: run it within `timeoutMs` (named by the env variable `timeoutVar` in the message),
 * report a failure through `fail`, always run `cleanup`, then exit with the exit code set.
 */
export async function runMain(main, { timeoutMs, timeoutVar, cleanup, fail }) {
  const limit = deadline(timeoutMs, `did not finish within ${timeoutMs / 1000} s, its limit (${timeoutVar}; defaults in test/host/testPlan.mjs)`);
  try {
    await Promise.race([main(), limit]);
  } catch (err) {
    fail(err?.message ?? String(err));
  } finally {
    limit.cancel();
    await cleanup.run();
  }
  process.exit(process.exitCode ?? 1);
}

/** Reject after `ms` with a clear message; the timer does not keep the process alive. */
export function deadline(ms, message) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  promise.cancel = () => clearTimeout(timer);
  return promise;
}
