#!/usr/bin/env node
// `npm run test:reliability`: the reliability suite, end to end.
//   1. node parts: Mocha, test/reliability/node/.mocharc.json (fault matrix, bad-input corpus)
//   2. one emulator (seed: test/reliability/seeds/*) and one code-server
//   3. the VS Code part: out/test/reliability/host/index.js in one window's extension host
//   4. concurrency: two windows at once, then a third opened afterwards
//      (out/test/reliability/host/concurrency/index.js)
//   5. a scan of the browser's storage (decoded) and of every file the run wrote, the browser
//      profile and every log included, for every secret of the seed and every one the emulator issued
//   6. the counts each part wrote to test-results/reliability/counts/, added up
//
//   node test/host/run-reliability.mjs
//
// Env: RELIABILITY_TIMEOUT_MS (the limit; default in testPlan.mjs), TEST_HOST_VERBOSE=1 (print all workbench logs),
//      TEST_HOST_KEEP_RUN=1 (keep .vscode-test/runs/<run>/ after a successful run).
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { endpointsSetting, mergeSeeds, startEmulator } from './emulator.mjs';
import { reliabilitySecretScan } from './reliabilityScan.mjs';
import { runInWindow, windowProblem } from './suiteWindow.mjs';
import { limitMs } from './testPlan.mjs';
import { Cleanup, elapsed, freePort, log, makeRunDir, RESULTS_DIR, ROOT, runMain, sleep, spawnGroup, stopGroup, warn } from './util.mjs';
import { QUIET_SETTINGS, writeSettings } from './workbench.mjs';

const require = createRequire(import.meta.url);
const timeoutMs = limitMs('RELIABILITY_TIMEOUT_MS');
const verbose = process.env.TEST_HOST_VERBOSE === '1';
const resultsDir = path.join(RESULTS_DIR, 'reliability');
const countsDir = path.join(resultsDir, 'counts');
// Secrets a part typed that are in no seed (wrong secrets, bad inputs): `<part>.json`, an array of strings.
const declaredSecretsDir = path.join(resultsDir, 'secrets');
const seedParts = path.join(ROOT, 'test', 'reliability', 'seeds');
const nodeConfig = path.join(ROOT, 'test', 'reliability', 'node', '.mocharc.json');
const vscodeTests = path.join(ROOT, 'out', 'test', 'reliability', 'host', 'index.js');
const concurrencyTests = path.join(ROOT, 'out', 'test', 'reliability', 'host', 'concurrency', 'index.js');

/** The counts files each stage must leave (test/reliability/counts.ts). */
const EXPECTED_PARTS = {
  node: ['fault-matrix', 'bad-input'],
  vscode: ['vscode-faults', 'vscode-keys'],
  concurrency: ['concurrency'],
};

const cleanup = new Cleanup();
const failures = [];

function failed(message) {
  failures.push(message);
  warn(`FAILED: ${message}`);
}

function checkInputs() {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const main = path.resolve(ROOT, manifest.main);
  if (!existsSync(main) && !existsSync(`${main}.js`)) throw new Error(`the extension is not built: ${path.relative(ROOT, main)} is missing. Run: npm run build`);
  if (!existsSync(concurrencyTests)) throw new Error(`${path.relative(ROOT, concurrencyTests)} is missing. Run: npm run compile-tests`);
}

function countsFiles() {
  return existsSync(countsDir) ? readdirSync(countsDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)) : [];
}

/** After a stage: did it leave the counts files it owes? */
function expectCounts(stage) {
  const have = countsFiles();
  const missing = EXPECTED_PARTS[stage].filter((p) => !have.includes(p));
  if (missing.length) failed(`${stage}: no counts from ${missing.map((p) => `${p}.json`).join(', ')} in ${path.relative(ROOT, countsDir)}/ (found: ${have.join(', ') || 'none'})`);
}

// ---- 1. node parts -------------------------------------------------------------------------

async function runNodeParts() {
  if (!existsSync(nodeConfig)) {
    failed(`the node parts' Mocha config ${path.relative(ROOT, nodeConfig)} is missing`);
    return;
  }
  const started = Date.now();
  log(`node parts: mocha --config ${path.relative(ROOT, nodeConfig)}`);
  const mocha = require.resolve('mocha/bin/mocha.js');
  const env = { ...process.env, ALIBABA_CLOUD_TEST_RESULTS: RESULTS_DIR };
  // Shown as it comes, and kept in node.log: a log the secret scan reads too.
  const out = createWriteStream(path.join(resultsDir, 'node.log'));
  const child = spawnGroup(process.execPath, [mocha, '--config', nodeConfig], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => { process.stdout.write(d); out.write(d); });
  child.stderr.on('data', (d) => { process.stderr.write(d); out.write(d); });
  cleanup.add('stop the node parts', () => stopGroup(child));
  const { code, signal } = await child.exited;
  await new Promise((resolve) => out.end(resolve));
  log(`node parts finished with exit code ${code}${signal ? ` (${signal})` : ''} in ${elapsed(started)}`);
  if (code !== 0) failed(`the node parts failed (exit code ${code}${signal ? `, ${signal}` : ''})`);
  expectCounts('node');
}

/** One verdict for a window's run (suiteWindow.mjs); a problem is a failure of the suite. */
function judge(label, result) {
  const problem = windowProblem(result);
  if (problem) failed(`${label}: ${problem}`);
  return !problem;
}

// ---- 3. the VS Code part -----------------------------------------------------------------------

async function runVscodePart({ browser, server, runDir }) {
  if (!existsSync(vscodeTests)) {
    failed(`the VS Code part ${path.relative(ROOT, vscodeTests)} is missing. Run: npm run compile-tests`);
    return;
  }
  const started = Date.now();
  const folder = path.join(runDir, 'workspace');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'README.md'), '# Reliability test workspace\n');
  log(`VS Code part: ${path.relative(ROOT, vscodeTests)} in one window`);
  const page = browser.page;
  const result = await runInWindow({
    page, server, folder, testsPath: vscodeTests, consoleFile: path.join(resultsDir, 'browser-console.log'), windowTimeoutMs: timeoutMs, cleanup, verbose,
  });
  log(`VS Code part finished with exit code ${result.code} in ${elapsed(started)}`);
  judge('the VS Code part', result);
  await page.close().catch(() => {});
  expectCounts('vscode');
}

// ---- 4. concurrency ------------------------------------------------------------------------------

/**
 * Two workbench windows as two tabs of one browser profile: code-server keeps SecretStorage in the
 * browser's localStorage for the page's origin, but each window works on its own copy, read when
 * it opens (VS Code for the Web). They edit profiles at once, coordinating through files in
 * test-results/reliability/concurrency/; the window that writes second must refuse (the
 * extension's SharedSecrets) rather than wipe the first one's secrets. Then, with both closed, a
 * third window (a reload) checks what was persisted, applies the refused edits, does a signed call
 * per profile, and writes the counts.
 */
async function runConcurrency({ browser, server, runDir, control }) {
  const started = Date.now();
  rmSync(path.join(resultsDir, 'concurrency'), { recursive: true, force: true });
  mkdirSync(path.join(resultsDir, 'concurrency'), { recursive: true });
  // Whatever the VS Code part left armed must not hit these windows.
  await control('DELETE', 'faults');
  await control('POST', 'clock', { offsetMs: 0 });
  await control('DELETE', 'rate-limit').catch(() => {}); // an emulator without rate limits answers 404
  const folder = (name) => {
    const dir = path.join(runDir, 'concurrency', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'README.md'), `# Concurrency test workspace ${name}\n`);
    return dir;
  };
  const windowTimeoutMs = 180000;
  const open = async (name, prefix) => runInWindow({
    page: await browser.context.newPage(), server, folder: folder(name), testsPath: concurrencyTests, prefix,
    consoleFile: path.join(resultsDir, `browser-console-${name}.log`), windowTimeoutMs, cleanup, verbose,
  });
  log('concurrency: two windows (window-a, window-b) edit profiles at once');
  const pages = () => browser.context.pages();
  const [a, b] = await Promise.all([open('window-a', '[A] '), open('window-b', '[B] ')]);
  const okA = judge('concurrency, window A', a);
  const okB = judge('concurrency, window B', b);
  // Give the browser a moment to save what the windows wrote (it saves after each write, unawaited),
  // then close them: the third window sees what was persisted, not what they hold in memory.
  await sleep(1000);
  for (const page of pages()) await page.close().catch(() => {});
  log(`concurrency: a third window checks what was persisted (windows A and B ${okA && okB ? 'passed' : 'FAILED'})`);
  const verify = await open('verify', '[verify] ');
  judge('concurrency, the window opened afterwards', verify);
  log(`concurrency finished in ${elapsed(started)}`);
  expectCounts('concurrency');
}

// ---- 6. counts -----------------------------------------------------------------------------------

function summarize({ scan, started }) {
  const parts = countsFiles().sort().map((name) => JSON.parse(readFileSync(path.join(countsDir, `${name}.json`), 'utf8')));
  const sum = (key) => parts.reduce((n, p) => n + (Number(p[key]) || 0), 0);
  const concurrency = parts.find((p) => p.part === 'concurrency')?.extra;
  if (concurrency && concurrency.lost !== 0) failed(`concurrency: ${concurrency.lost} profile edit(s) lost`);
  const leaks = scan?.leaks;
  const totals = { faults: sum('faults'), inputs: sum('inputs'), checks: sum('checks'), leaks };
  for (const p of parts) {
    const extra = Object.entries(p.extra ?? {}).map(([k, v]) => `${k} ${v}`).join(', ');
    log(`  ${p.part}: ${[p.faults !== undefined && `faults ${p.faults}`, p.inputs !== undefined && `inputs ${p.inputs}`, `checks ${p.checks}`, extra].filter(Boolean).join(', ')}`);
  }
  const line = `reliability: faults tried ${totals.faults}, inputs tried ${totals.inputs}, leaks found ${leaks ?? 'not scanned'}`
    + (concurrency ? `, profiles edited concurrently ${concurrency.profilesEdited} (${concurrency.refusedAsStale} refused as stale and applied after a reload, ${concurrency.lost} lost)` : '');
  const summary = {
    ok: failures.length === 0,
    line,
    totals,
    parts,
    failures,
    secretScan: scan,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return line;
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  checkInputs();
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(countsDir, { recursive: true });

  await runNodeParts();

  const codeServer = await ensureCodeServer();
  log(`VS Code ${codeServer.vscode} (code-server ${codeServer.version}, commit ${codeServer.commit.slice(0, 10)})`);
  const runDir = makeRunDir('reliability');
  cleanup.add('remove run folder', async () => {
    if (process.exitCode === 0 && process.env.TEST_HOST_KEEP_RUN !== '1') rmSync(runDir, { recursive: true, force: true });
    else log(`run folder kept: ${path.relative(ROOT, runDir)}`);
  });
  const { file: seedFile, seed, parts } = await mergeSeeds({
    partsDir: seedParts, out: path.join(runDir, 'seed.json'), description: 'test/reliability/seeds/* merged by run-reliability.mjs',
  });
  const emulator = await startEmulator({ seed: seedFile, logFile: path.join(resultsDir, 'emulator.log') });
  cleanup.add('stop emulator', emulator.stop);
  const endpoint = emulator.endpoint;
  log(`emulator on ${endpoint} (seed parts: ${parts.join(', ')})`);
  const control = async (method, pathname, body) => {
    const res = await fetch(`http://${endpoint}/__emulator/${pathname}`, { method, headers: body ? { 'content-type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`emulator control ${method} ${pathname} answered ${res.status}`);
    return res.json();
  };

  const port = await freePort();
  writeSettings(path.join(runDir, 'user-data'), { user: QUIET_SETTINGS, machine: { 'alibabaCloud.endpoints': endpointsSetting(endpoint) } });
  const server = await startCodeServer({
    dir: runDir, port, logFile: path.join(resultsDir, 'code-server.log'),
    env: { ALIBABA_CLOUD_EMULATOR: endpoint, ALIBABA_CLOUD_TEST_RESULTS: RESULTS_DIR },
  });
  cleanup.add('stop code-server', server.stop);
  log(`code-server on ${server.url} (${elapsed(started)})`);
  // Chromium's temporary files, scanned with the rest; a short path, as its singleton socket is there.
  const browserTmp = mkdtempSync(path.join(os.tmpdir(), 'vscb-'));
  cleanup.add('remove the browser\'s temporary folder', () => rmSync(browserTmp, { recursive: true, force: true }));
  const browser = await launchBrowser({ userDataDir: path.join(runDir, 'chromium'), tmpDir: browserTmp });
  cleanup.add('close Chromium', browser.close);

  // A failed part does not stop the others: every part's counts and the scan still come out.
  const stage = async (name, fn) => {
    try {
      await fn();
    } catch (err) {
      failed(`${name}: ${err?.message ?? err}`);
    }
  };
  await stage('the VS Code part', () => runVscodePart({ browser, server, runDir }));
  await stage('concurrency', () => runConcurrency({ browser, server, runDir, control }));

  // The scan stops the browser, code-server and the emulator itself: the browser is read while
  // open, the files once nothing writes any more.
  let scan;
  await stage('secret scan', async () => {
    const result = await reliabilitySecretScan({ browser, browserTmp, server, emulator, runDir, seed, resultsDir, declaredSecretsDir });
    result.problems.forEach((p) => failed(`secret scan: ${p}`));
    scan = result.report;
  });

  const line = summarize({ scan, started });
  log(line);
  log(`finished in ${elapsed(started)}; summary: ${path.relative(ROOT, path.join(resultsDir, 'summary.json'))}`);
  if (failures.length) {
    process.exitCode = 1;
    warn(`FAILED (${failures.length}):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    warn(`logs: ${path.relative(ROOT, resultsDir)}/ (node.log, browser-console*.log, code-server.log, emulator.log, concurrency/)`);
  } else process.exitCode = 0;
}

function fail(message) {
  process.exitCode = 1;
  if (cleanup.signalled) return; // interrupted: whatever broke after that is not news
  warn(`FAILED: ${message}`);
  warn(`logs: ${path.relative(ROOT, resultsDir)}/`);
}

await runMain(main, { timeoutMs, timeoutVar: 'RELIABILITY_TIMEOUT_MS', cleanup, fail });
