// What every suite entry that runs inside the extension host does (the @vscode/test-electron
// `run()` contract): Mocha over the given files, rejecting on a failure or when there is no file.
import Mocha from 'mocha';

/** MOCHA_GREP (passed through the runner's environment) runs a subset while developing; never in CI, where a subset would pass as the whole suite. */
function grepFromEnvironment(): string | undefined {
  const grep = process.env.MOCHA_GREP || undefined;
  if (grep && process.env.CI) {
    console.log(`MOCHA_GREP=${JSON.stringify(grep)} ignored: CI is set, so every test runs`);
    return undefined;
  }
  return grep;
}

export function runMocha(files: readonly string[], timeout: number): Promise<void> {
  // A left-over it.only, or a skipped or body-less test, fails the run instead of shrinking it.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout, reporter: 'spec', grep: grepFromEnvironment(), forbidOnly: true, forbidPending: true });
  files.forEach((file) => mocha.addFile(file));
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error('No test files found.'));
      return;
    }
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
  });
}
