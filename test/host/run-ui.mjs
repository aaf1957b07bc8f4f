#!/usr/bin/env node
// `npm run test:ui`: start the emulator (demo data) and code-server with the extension loaded in
// development mode, open the workbench in headless Chromium, and run the Mocha specs in test/ui/.
//
//   node test/host/run-ui.mjs [--extension DIR] [--vsix FILE] [--locale zh-cn] [--emulator FILE] [--headed] [--spec TEXT]
//
// With --vsix the package is installed into the isolated code-server (--install-extension) and the
// specs run against what ships, not against the development folder. With --locale the workbench
// runs in that display language; the specs read it from the session and expect the translated
// strings. Results go to test-results/ui/ (English) or test-results/ui-<locale>/. --spec runs only the
// spec files whose name contains TEXT (while developing one; a full run needs every spec).
//
// Env: UI_TIMEOUT_MS (the limit; default in testPlan.mjs), TEST_HOST_KEEP_RUN=1.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureCodeServer, installVsix, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { endpointsSetting, startEmulator } from './emulator.mjs';
import { QUIET_SETTINGS, recordConsole, waitForWorkbench, workbenchUrl, writeSettings } from './workbench.mjs';
import { limitMs } from './testPlan.mjs';
import { Cleanup, elapsed, freePort, log, makeRunDir, parseArgs, RESULTS_DIR, ROOT, runMain, warn } from './util.mjs';
import { setSession } from '../ui/session.mjs';

const require = createRequire(import.meta.url);
const opts = parseArgs(process.argv.slice(2), { extension: 'value', vsix: 'value', locale: 'value', emulator: 'value', headed: 'flag', spec: 'value' });
const extensionPath = path.resolve(opts.extension ?? ROOT);
const specsDir = path.join(ROOT, 'test', 'ui');
const locale = (opts.locale ?? 'en').toLowerCase();
const resultsDir = path.join(RESULTS_DIR, locale === 'en' ? 'ui' : `ui-${locale}`);
const timeoutMs = limitMs('UI_TIMEOUT_MS');

const cleanup = new Cleanup();

function fail(message) {
  process.exitCode = 1;
  if (cleanup.signalled) return; // interrupted: whatever broke after that is not news
  warn(`FAILED: ${message}`);
  warn(`logs: ${path.relative(ROOT, resultsDir)}/ (browser-console.log, code-server.log, emulator.log)`);
}

async function main() {
  const started = Date.now();
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const extensionId = `${manifest.publisher}.${manifest.name}`;
  const main = path.resolve(extensionPath, manifest.main ?? 'index.js');
  const vsix = opts.vsix && path.resolve(opts.vsix);
  if (vsix && !existsSync(vsix)) throw new Error(`no such VSIX: ${vsix}. Run: npm run package`);
  if (!vsix && !existsSync(main) && !existsSync(`${main}.js`)) throw new Error(`the extension is not built: ${path.relative(ROOT, main)} is missing. Run: npm run build`);
  const specs = readdirSync(specsDir).filter((f) => f.endsWith('.test.mjs') && (!opts.spec || f.includes(opts.spec))).sort().map((f) => path.join(specsDir, f));
  if (!specs.length) throw new Error(`no UI specs (*.test.mjs${opts.spec ? ` with "${opts.spec}" in the name` : ''}) in ${path.relative(ROOT, specsDir)}`);

  const codeServer = await ensureCodeServer();
  log(`VS Code ${codeServer.vscode} (code-server ${codeServer.version})`);
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const runDir = makeRunDir('ui');
  const workspace = path.join(runDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(path.join(workspace, 'README.md'), '# UI test workspace\n');
  cleanup.add('remove run folder', async () => {
    if (process.exitCode === 0 && process.env.TEST_HOST_KEEP_RUN !== '1') rmSync(runDir, { recursive: true, force: true });
    else log(`run folder kept: ${path.relative(ROOT, runDir)}`);
  });

  const emulator = await startEmulator({ script: opts.emulator, logFile: path.join(resultsDir, 'emulator.log') });
  cleanup.add('stop emulator', emulator.stop);
  log(`emulator on ${emulator.endpoint} (demo data)`);

  writeSettings(path.join(runDir, 'user-data'), {
    user: QUIET_SETTINGS,
    machine: { 'alibabaCloud.endpoints': endpointsSetting(emulator.endpoint) },
  });
  if (vsix) {
    const out = await installVsix({ vsix, userDataDir: path.join(runDir, 'user-data'), extensionsDir: path.join(runDir, 'extensions') });
    log(`installed ${path.relative(ROOT, vsix)}: ${out.split('\n').pop()}`);
  }
  if (!locale.startsWith('en')) {
    // VS Code shows a display language only when a language pack for it is known; no pack can be
    // downloaded here, so register a minimal one whose untranslated core strings fall back to English.
    // That is enough for the extension's own package.nls.<locale>.json and l10n bundle to apply.
    const pack = path.join(runDir, 'language-pack', 'main.i18n.json');
    mkdirSync(path.dirname(pack), { recursive: true });
    writeFileSync(pack, JSON.stringify({ version: '1.0.0', contents: {} }));
    writeFileSync(path.join(runDir, 'user-data', 'languagepacks.json'), JSON.stringify({
      [locale]: { hash: 'test', extensions: [{ extensionIdentifier: { id: 'test.language-pack', uuid: '' }, version: '1.0.0' }], translations: { vscode: pack }, label: locale },
    }));
  }
  // Another extension beside ours (test/ui/intruder), loaded in development mode; ours stays what it is
  // (installed from the VSIX: production mode). Its reports and files go here.
  const intruderDir = path.join(runDir, 'intruder');
  mkdirSync(intruderDir, { recursive: true, mode: 0o700 });
  const server = await startCodeServer({
    dir: runDir,
    port: await freePort(),
    folder: workspace,
    logFile: path.join(resultsDir, 'code-server.log'),
    locale: opts.locale && locale,
    // openExternal of a loopback URL opens code-server's /proxy/PORT/, as for people using code-server:
    // the CloudSSO spec approves its sign-in on the emulator's page there.
    proxy: true,
    env: { ALIBABA_CLOUD_EMULATOR: emulator.endpoint, ALIBABA_CLOUD_TEST_RESULTS: RESULTS_DIR, INTRUDER_DIR: intruderDir },
  });
  cleanup.add('stop code-server', server.stop);

  const browser = await launchBrowser({ userDataDir: path.join(runDir, 'chromium'), headless: !opts.headed });
  cleanup.add('close Chromium', browser.close);
  const { page } = browser;
  const consoleLog = recordConsole(page, path.join(resultsDir, 'browser-console.log'));
  cleanup.add('close console log', consoleLog.close);

  const intruder = path.join(specsDir, 'intruder');
  const url = workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: vsix ? [intruder] : [extensionPath, intruder] });
  log(vsix
    ? `opening the workbench with ${extensionId} installed from ${path.basename(vsix)}`
    : `opening the workbench with ${extensionId} loaded from ${path.relative(ROOT, extensionPath) || '.'} (development mode)`);
  await page.goto(url);
  await waitForWorkbench(page);
  log(`workbench ready (${elapsed(started)})${locale === 'en' ? '' : `, display language ${locale}`}`);

  setSession({ page, resultsDir, extensionId, serverUrl: server.url, locale, extensionPath, emulatorUrl: emulator.url, intruderDir, runDir });
  const Mocha = require('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60000, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, forbidOnly: true, forbidPending: true });
  for (const spec of specs) mocha.addFile(spec);
  await mocha.loadFilesAsync();
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  log(`UI tests finished in ${elapsed(started)}; screenshots and logs in ${path.relative(ROOT, resultsDir)}/`);
  if (stats.failures > 0) return fail(`${stats.failures} UI test(s) failed`);
  if (stats.pending > 0) return fail(`${stats.pending} UI test(s) pending (skipped or without a body)`);
  if (stats.passes === 0) return fail('no UI test ran');
  process.exitCode = 0;
}

await runMain(main, { timeoutMs, timeoutVar: 'UI_TIMEOUT_MS', cleanup, fail });
