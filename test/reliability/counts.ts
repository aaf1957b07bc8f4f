// The reliability suite's tally: each part writes what it tried to
// test-results/reliability/counts/<part>.json; `test/host/run-reliability.mjs` adds them up and prints
// "faults tried, inputs tried, leaks found".
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PartCounts {
  /** File name and label: `fault-matrix`, `bad-input`, `vscode-faults`, `concurrency`, … */
  readonly part: string;
  /** Injected faults tried (one per call × fault kind). */
  readonly faults?: number;
  /** Bad inputs tried. */
  readonly inputs?: number;
  /** Assertions that held (for the summary only). */
  readonly checks: number;
  /** Anything else worth printing, e.g. `{ profilesWritten: 80 }`. */
  readonly extra?: Record<string, number>;
}

/** `test-results/` of the project (or the one the test host hands the extension host). */
export function resultsDir(): string {
  return process.env.ALIBABA_CLOUD_TEST_RESULTS ?? path.resolve(__dirname, '..', '..', '..', 'test-results');
}

export function writeCounts(counts: PartCounts): void {
  const dir = path.join(resultsDir(), 'reliability', 'counts');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${counts.part}.json`), JSON.stringify(counts, null, 2) + '\n');
}
