// The reliability suite's part inside a real VS Code (code-server) extension host: the views and
// the key commands under injected faults. Run by test/host/run-reliability.mjs; the two-window
// concurrency part (./concurrency/) has its own entry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.MOCHA_GREP || undefined });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  files.forEach((f) => mocha.addFile(path.join(__dirname, f)));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) {
        reject(new Error(`${failures} test(s) failed.`));
      } else if (files.length === 0) {
        reject(new Error('No reliability test files found.'));
      } else {
        resolve();
      }
    });
  });
}
