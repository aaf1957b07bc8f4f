// The suite's entry: runs Mocha inside the VS Code extension host (the @vscode/test-electron
// contract), so the same suite runs under code-server here and desktop VS Code elsewhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // MOCHA_GREP (passed through the runner's environment) runs a subset while developing.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', grep: process.env.MOCHA_GREP || undefined });
  const root = __dirname;
  const files = (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const file of files) {
    mocha.addFile(path.join(root, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) {
        reject(new Error(`${failures} test(s) failed.`));
      } else if (files.length === 0) {
        reject(new Error('No integration test files found.'));
      } else {
        resolve();
      }
    });
  });
}
