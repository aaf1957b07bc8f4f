#!/usr/bin/env node
// `npm run test:integration`: run the integration suite (Mocha, via its `run()` export) inside the
// extension host of a real VS Code (code-server), against the emulator.
//
//   node test/host/run-integration.mjs [--extension DIR] [--tests FILE] [--seed FILE] [--emulator FILE]
//
// Env: INTEGRATION_TIMEOUT_MS (the limit; default in testPlan.mjs), TEST_HOST_VERBOSE=1 (print all workbench logs),
//      TEST_HOST_KEEP_RUN=1 (keep .vscode-test/runs/<run>/ after a successful run).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { endpointsSetting, mergeSeeds, startEmulator } from './emulator.mjs';
import { QUIET_SETTINGS, recordConsole, waitForWorkbench, workbenchUrl, writeSettings } from './workbench.mjs';
import { limitMs } from './testPlan.mjs';
import { Cleanup, elapsed, freePort, log, makeRunDir, parseArgs, RESULTS_DIR, ROOT, runMain, warn } from './util.mjs';
import { finalSecretScan } from './finalScan.mjs';
import { createMochaOutputFilter, summaryProblem } from './mochaOutput.mjs';

const opts = parseArgs(process.argv.slice(2), { extension: 'value', tests: 'value', seed: 'value', emulator: 'value' });
const extensionPath = path.resolve(opts.extension ?? ROOT);
const testsPath = path.resolve(opts.tests ?? path.join(extensionPath, 'out', 'test', 'integration', 'index.js'));
const defaultSeed = path.join(ROOT, 'test', 'integration', 'seed.json');
const seedParts = path.join(ROOT, 'test', 'integration', 'seeds');
const timeoutMs = limitMs('INTEGRATION_TIMEOUT_MS');
const verbose = process.env.TEST_HOST_VERBOSE === '1';
const resultsDir = path.join(RESULTS_DIR, 'integration');

const cleanup = new Cleanup();

function checkInputs() {
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const main = manifest.main && path.resolve(extensionPath, manifest.main);
  if (main && !existsSync(main) && !existsSync(`${main}.js`)) {
    throw new Error(`the extension is not built: ${path.relative(ROOT, main)} is missing. Run: npm run build`);
  }
  if (!existsSync(testsPath)) {
    throw new Error(`the integration suite entry ${path.relative(ROOT, testsPath)} is missing. Run: npm run compile-tests`);
  }
  return `${manifest.publisher}.${manifest.name}`;
}

/** The integration seed: test/integration/seed.json plus the accounts of every part in test/integration/seeds/. */
async function buildSeed(runDir) {
  if (!existsSync(defaultSeed)) return undefined;
  const { file, parts } = await mergeSeeds({ base: defaultSeed, partsDir: seedParts, out: path.join(runDir, 'seed.json') });
  return parts.length === 0 ? defaultSeed : file;
}

async function main() {
  const started = Date.now();
  const extensionId = checkInputs();
  const codeServer = await ensureCodeServer();
  log(`VS Code ${codeServer.vscode} (code-server ${codeServer.version}, commit ${codeServer.commit.slice(0, 10)})`);

  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const runDir = makeRunDir('integration');
  const workspace = path.join(runDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(path.join(workspace, 'README.md'), '# Integration test workspace\n');
  cleanup.add('remove run folder', async () => {
    if (process.exitCode === 0 && process.env.TEST_HOST_KEEP_RUN !== '1') rmSync(runDir, { recursive: true, force: true });
    else log(`run folder kept: ${path.relative(ROOT, runDir)}`);
  });

  const seed = opts.seed ? path.resolve(opts.seed) : await buildSeed(runDir);
  // A port per product: an extension that sends a product's request to another's endpoint fails here.
  const emulator = await startEmulator({ seed, script: opts.emulator, logFile: path.join(resultsDir, 'emulator.log'), portPerProduct: true });
  cleanup.add('stop emulator', emulator.stop);
  const ports = Object.entries(emulator.endpoints).map(([product, endpoint]) => `${product} ${endpoint}`).join(', ');
  log(`emulator on ${ports} (${seed ? `seed ${path.relative(ROOT, seed)}` : 'demo data'})`);

  const port = await freePort();
  writeSettings(path.join(runDir, 'user-data'), {
    user: QUIET_SETTINGS,
    machine: { 'alibabaCloud.endpoints': endpointsSetting(emulator.endpoints) },
  });
  const server = await startCodeServer({
    dir: runDir,
    port,
    folder: workspace,
    logFile: path.join(resultsDir, 'code-server.log'),
    env: { ALIBABA_CLOUD_EMULATOR: emulator.endpoint, ALIBABA_CLOUD_TEST_RESULTS: RESULTS_DIR },
  });
  cleanup.add('stop code-server', server.stop);
  log(`code-server on ${server.url} (${elapsed(started)})`);

  // Chromium's temporary files, scanned with the rest; a short path, as its singleton socket is there.
  const browserTmp = mkdtempSync(path.join(os.tmpdir(), 'vscb-'));
  cleanup.add('remove the browser\'s temporary folder', () => rmSync(browserTmp, { recursive: true, force: true }));
  const browser = await launchBrowser({ userDataDir: path.join(runDir, 'chromium'), tmpDir: browserTmp });
  cleanup.add('close Chromium', browser.close);
  const { page } = browser;
  const consoleLog = recordConsole(page, path.join(resultsDir, 'browser-console.log'));
  cleanup.add('close console log', consoleLog.close);

  const output = createMochaOutputFilter({ verbose, write: (line) => process.stdout.write(`${line}\n`) });
  let settle;
  const exited = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  exited.catch(() => {}); // awaited below; this only keeps an early rejection from being "unhandled"
  await page.exposeFunction('codeAutomationLog', (level, message) => output.push(level, message));
  await page.exposeFunction('codeAutomationExit', (code) => settle.resolve(code));
  page.on('crash', () => settle.reject(new Error('the workbench page crashed')));
  server.child.exited.then(({ code, signal }) => settle.reject(new Error(`code-server exited during the run (code ${code}, signal ${signal})`)));

  const url = workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath });
  log(`running ${path.relative(ROOT, testsPath) || testsPath} in the extension host with ${extensionId} loaded from ${path.relative(ROOT, extensionPath) || '.'}`);
  await page.goto(url);
  await waitForWorkbench(page);
  const code = await exited;

  const summary = output.summary();
  log(`extension host finished with exit code ${code} (${summary.passing} passing, ${summary.failing} failing, ${summary.pending} pending) in ${elapsed(started)}`);
  const problem = code !== 0 ? `the suite failed (exit code ${code})` : summaryProblem(summary);
  if (problem) fail(problem);

  // A leak is news whatever the tests said: the scan runs after a failed suite too.
  const { problems } = await finalSecretScan({
    context: browser.context, origin: server.url, userDataDir: path.join(runDir, 'user-data'), browserProfile: path.join(runDir, 'chromium'),
    emulatorEndpoint: emulator.endpoint, seed: seed?.endsWith('.json') ? JSON.parse(readFileSync(seed, 'utf8')) : undefined,
    stop: async () => {
      await browser.close();
      await consoleLog.close();
      await server.stop();
      await emulator.stop();
    },
    // The runner's merged seed holds every seeded secret on purpose.
    roots: [runDir, resultsDir, browserTmp], exclude: [path.join(runDir, 'seed.json')], expectFiles: opts.extension ? [] : ['Alibaba Cloud.log'], log, warn,
  });
  if (problems.length) return fail(`secret scan:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  if (!problem) process.exitCode = 0;
}

function fail(message) {
  process.exitCode = 1;
  if (cleanup.signalled) return; // interrupted: whatever broke after that is not news
  warn(`FAILED: ${message}`);
  warn(`logs: ${path.relative(ROOT, resultsDir)}/ (browser-console.log, code-server.log, emulator.log)`);
}

await runMain(main, { timeoutMs, timeoutVar: 'INTEGRATION_TIMEOUT_MS', cleanup, fail });
