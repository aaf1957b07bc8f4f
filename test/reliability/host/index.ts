// The reliability suite's part inside a real VS Code (code-server) extension host: the views and
// the key commands under injected faults. Run by test/host/run-reliability.mjs; the two-window
// concurrency part (./concurrency/) has its own entry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMocha } from '../../integration/runMocha';

export function run(): Promise<void> {
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  return runMocha(files.map((f) => path.join(__dirname, f)), 60_000);
}
