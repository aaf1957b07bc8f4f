// The running workbench, handed from test/host/run-ui.mjs to the specs in this folder.
let current;

export function setSession(session) {
  current = { locale: 'en', ...session };
}

/**
 * `{ page, resultsDir, extensionId, serverUrl, locale, extensionPath, emulatorUrl, intruderDir, runDir }` of the
 * workbench under test (`runDir`: the run's folder: user data, extensions, the browser's profile).
 * `locale` is the display language (`en`, `zh-cn`); `extensionPath` the folder whose package.json,
 * package.nls*.json and l10n/ bundles the extension was built from (the VSIX holds the same files).
 */
export function session() {
  if (!current) throw new Error('no workbench: run the UI tests with `npm run test:ui` (test/host/run-ui.mjs)');
  return current;
}
