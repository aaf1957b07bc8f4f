// What every suite entry that runs inside the extension host does (the @vscode/test-electron
// `run()` contract): Mocha over the given files, rejecting on a failure or when there is no file.
import Mocha from 'mocha';

export function runMocha(files: readonly string[], timeout: number): Promise<void> {
  // MOCHA_GREP (passed through the runner's environment) runs a subset while developing.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout, reporter: 'spec', grep: process.env.MOCHA_GREP || undefined });
  files.forEach((file) => mocha.addFile(file));
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error('No test files found.'));
      return;
    }
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
  });
}
