// `npm run bench`'s part inside a real VS Code (code-server) extension host: activation, the first
// cloud call, and memory. Runs through test/host/run-integration.mjs like the integration suite.
import * as path from 'node:path';
import { runMocha } from '../../integration/runMocha';

export function run(): Promise<void> {
  return runMocha([path.join(__dirname, 'measure.test.js')], 300_000);
}
