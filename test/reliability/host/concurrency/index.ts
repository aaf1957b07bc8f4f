// The concurrency part's entry (issue 7): the runner opens this in two windows at once
// (workspace folders window-a and window-b), then in a third one (verify). Its file is not a
// `*.test.ts`, so a suite that globs the reliability folder for tests does not pick it up.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'concurrentEdits.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
  });
}
