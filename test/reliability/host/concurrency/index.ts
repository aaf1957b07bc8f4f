// The concurrency part's entry (issue 7): the runner opens this in two windows at once
// (workspace folders window-a and window-b), then in a third one (verify). Its file is not a
// `*.test.ts`, so a suite that globs the reliability folder for tests does not pick it up.
import * as path from 'node:path';
import { runMocha } from '../../../integration/runMocha';

export function run(): Promise<void> {
  return runMocha([path.join(__dirname, 'concurrentEdits.js')], 120_000);
}
