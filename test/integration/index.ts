// The suite's entry: runs Mocha inside the VS Code extension host (the @vscode/test-electron
// contract), so the same suite runs under code-server here and desktop VS Code elsewhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMocha } from './runMocha';

export function run(): Promise<void> {
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.js')).sort();
  return runMocha(files.map((f) => path.join(__dirname, f)), 30_000);
}
