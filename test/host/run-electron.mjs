#!/usr/bin/env node
// The same integration suite against desktop VS Code (Electron), through @vscode/test-electron.
// Needs internet access to download VS Code once (into .vscode-test/), and a display (on a
// headless Linux box run it under `xvfb-run -a`). Offline, use `npm run test:integration`.
//
//   node test/host/run-electron.mjs [--extension DIR] [--tests FILE] [--seed FILE] [--emulator FILE]
//
// Env: VSCODE_TEST_VERSION (default 1.100.3, the minimum supported; or "stable", "insiders"),
//      ELECTRON_DOWNLOAD_TIMEOUT_MS (idle download timeout, default 20000),
//      INTEGRATION_TIMEOUT_MS (overall limit, default 600000).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { endpointsSetting, startEmulator } from './emulator.mjs';
import { QUIET_SETTINGS } from './workbench.mjs';
import { CACHE_DIR, Cleanup, elapsed, envMs, log, makeRunDir, parseArgs, RESULTS_DIR, ROOT, runMain, warn } from './util.mjs';

const require = createRequire(import.meta.url);
const opts = parseArgs(process.argv.slice(2), { extension: 'value', tests: 'value', seed: 'value', emulator: 'value' });
const extensionPath = path.resolve(opts.extension ?? ROOT);
const testsPath = path.resolve(opts.tests ?? path.join(extensionPath, 'out', 'test', 'integration', 'index.js'));
const defaultSeed = path.join(ROOT, 'test', 'integration', 'seed.json');
const seed = opts.seed ? path.resolve(opts.seed) : existsSync(defaultSeed) ? defaultSeed : undefined;
const version = process.env.VSCODE_TEST_VERSION || '1.100.3';
const downloadTimeoutMs = envMs('ELECTRON_DOWNLOAD_TIMEOUT_MS', 20000);
const timeoutMs = envMs('INTEGRATION_TIMEOUT_MS', 10 * 60 * 1000);
const resultsDir = path.join(RESULTS_DIR, 'electron');

const cleanup = new Cleanup();

async function main() {
  const started = Date.now();
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const main = manifest.main && path.resolve(extensionPath, manifest.main);
  if (main && !existsSync(main) && !existsSync(`${main}.js`)) throw new Error(`the extension is not built: ${path.relative(ROOT, main)} is missing. Run: npm run build`);
  if (!existsSync(testsPath)) throw new Error(`the integration suite entry ${path.relative(ROOT, testsPath)} is missing. Run: npm run compile-tests`);

  const { downloadAndUnzipVSCode, runTests } = require('@vscode/test-electron');
  log(`desktop VS Code ${version} via @vscode/test-electron (cache: ${path.relative(ROOT, CACHE_DIR)}/)`);
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: CACHE_DIR, timeout: downloadTimeoutMs });
  } catch (err) {
    throw new Error(
      `could not get desktop VS Code ${version}: ${err?.message ?? err}\n` +
        '  @vscode/test-electron downloads VS Code from update.code.visualstudio.com, which needs internet access.\n' +
        '  Offline, run the same suite in code-server instead: npm run test:integration',
    );
  }

  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const runDir = makeRunDir('electron');
  const workspace = path.join(runDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(path.join(workspace, 'README.md'), '# Integration test workspace\n');
  cleanup.add('remove run folder', async () => {
    if (process.exitCode === 0) rmSync(runDir, { recursive: true, force: true });
    else log(`run folder kept: ${path.relative(ROOT, runDir)}`);
  });

  const emulator = await startEmulator({ seed, script: opts.emulator, logFile: path.join(resultsDir, 'emulator.log') });
  cleanup.add('stop emulator', emulator.stop);
  log(`emulator on ${emulator.endpoint} (${seed ? `seed ${path.relative(ROOT, seed)}` : 'demo data'})`);

  // A desktop window is local: machine-scoped settings are read from the user settings file.
  const userDataDir = path.join(runDir, 'user-data');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    ...QUIET_SETTINGS,
    'alibabaCloud.endpoints': endpointsSetting(emulator.endpoint),
  }, null, 2));

  const code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: testsPath,
    extensionTestsEnv: { ALIBABA_CLOUD_EMULATOR: emulator.endpoint, ALIBABA_CLOUD_TEST_RESULTS: RESULTS_DIR },
    launchArgs: [
      workspace,
      `--user-data-dir=${userDataDir}`,
      `--extensions-dir=${path.join(runDir, 'extensions')}`,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-gpu',
      '--no-sandbox',
    ],
  });
  log(`VS Code exited with ${code} after ${elapsed(started)}`);
  process.exitCode = code === 0 ? 0 : 1;
}

await runMain(main, {
  timeoutMs, timeoutVar: 'INTEGRATION_TIMEOUT_MS', cleanup,
  fail: (message) => {
    warn(`FAILED: ${message}`);
    process.exitCode = 1;
  },
});
