// `npm run bench`'s part inside a real VS Code (code-server) extension host: activation, the first
// cloud call, and memory. Runs through test/host/run-integration.mjs like the integration suite.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 300_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'measure.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} measurement(s) failed.`)) : resolve()));
  });
}
