// The running workbench, handed from test/host/run-ui.mjs to the specs in this folder.
let current;

export function setSession(session) {
  current = session;
}

/** `{ page, resultsDir, extensionId, serverUrl }` of the workbench under test. */
export function session() {
  if (!current) throw new Error('no workbench: run the UI tests with `npm run test:ui` (test/host/run-ui.mjs)');
  return current;
}
