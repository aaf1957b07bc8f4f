// The VS Code workbench served by code-server: payload URLs, settings, readiness, console capture.
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { URLSearchParams } from 'node:url';

/**
 * `http://127.0.0.1:PORT/?folder=…&payload=…`: the payload is how the web workbench receives what
 * desktop VS Code takes as --extensionDevelopmentPath / --extensionTestsPath.
 */
export function workbenchUrl(serverUrl, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const authority = new URL(serverUrl).host;
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
  const payload = [];
  // One path or several: each is loaded as an extension under development (the others stay installed ones).
  for (const p of [extensionDevelopmentPath].flat().filter(Boolean)) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const params = new URLSearchParams();
  if (folder) params.set('folder', path.resolve(folder));
  if (payload.length) params.set('payload', JSON.stringify(payload));
  const query = params.toString();
  return `${serverUrl}/${query ? `?${query}` : ''}`;
}

// Keep the workbench quiet and deterministic: nothing online, no welcome, no restored state.
export const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'workbench.localHistory.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autofetch': false,
  'github.gitAuthentication': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.surveys.enabled': false,
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'files.watcherExclude': { '**/node_modules/**': true },
  'window.restoreWindows': 'none',
  'window.commandCenter': false,
  'editor.accessibilitySupport': 'off',
  'accessibility.signals.sounds.volume': 0,
};

/** Parse a settings file, which may hold comments and trailing commas (JSONC). */
export function parseJsonc(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1') || '{}');
}

function readSettings(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    return parseJsonc(text);
  } catch (err) {
    throw new Error(`cannot read ${file} (${err.message}); fix or delete it`);
  }
}

/**
 * Fresh settings for an isolated code-server. `User/settings.json` holds what the whole window
 * reads. Machine-scoped settings (like `alibabaCloud.endpoints`) go to `Machine/settings.json`, the
 * remote machine's settings: code-server is a remote window, and that is the file the scope is
 * meant for (code-server 4.100.3 also honours them from User/settings.json).
 */
export function writeSettings(userDataDir, { user = {}, machine = {} }) {
  return {
    User: updateSettingsFile(path.join(userDataDir, 'User', 'settings.json'), { overrides: user, keep: false }),
    Machine: updateSettingsFile(path.join(userDataDir, 'Machine', 'settings.json'), { overrides: machine, keep: false }),
  };
}

/** Write `defaults` under and `overrides` over what the file holds (unless `keep` is false). */
export function updateSettingsFile(file, { defaults = {}, overrides = {}, keep = true }) {
  mkdirSync(path.dirname(file), { recursive: true });
  const existing = keep ? readSettings(file) : {};
  writeFileSync(file, `${JSON.stringify({ ...defaults, ...existing, ...overrides }, null, 2)}\n`);
  return file;
}

/** Save the whole browser console (workbench noise included) to a file; returns a close function. */
export function recordConsole(page, file) {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const stamp = () => new Date().toISOString().slice(11, 23);
  page.on('console', (msg) => out.write(`${stamp()} [${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', (err) => out.write(`${stamp()} [pageerror] ${err.stack ?? err}\n`));
  page.on('crash', () => out.write(`${stamp()} [crash] page crashed\n`));
  page.on('requestfailed', (req) => out.write(`${stamp()} [requestfailed] ${req.url()} ${req.failure()?.errorText ?? ''}\n`));
  return {
    write: (line) => out.write(`${stamp()} ${line}\n`),
    close: () => new Promise((resolve) => out.end(resolve)),
  };
}

/** Wait for the workbench to render, with a message that says what did not happen. */
export async function waitForWorkbench(page, timeoutMs = 60000) {
  try {
    await page.waitForSelector('.monaco-workbench', { state: 'visible', timeout: timeoutMs });
  } catch (err) {
    throw new Error(`the VS Code workbench (.monaco-workbench) did not appear within ${timeoutMs / 1000} s: ${err.message.split('\n')[0]}`);
  }
}
