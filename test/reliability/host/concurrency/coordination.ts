// How the windows' extension hosts find each other: files in one shared folder under the test
// results (ALIBABA_CLOUD_TEST_RESULTS, handed to every extension host by the runner). Each window
// knows who it is from its workspace folder's name (window-a, window-b, verify).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resultsDir } from '../../counts';
import type { Journal, WindowName } from './plan';

export type Role = WindowName | 'verify';

export function role(): Role {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const name = folder ? path.basename(folder.uri.fsPath) : '';
  const found = ({ 'window-a': 'A', 'window-b': 'B', verify: 'verify' } as const)[name];
  if (!found) {
    throw new Error(`the concurrency part needs a workspace folder named window-a, window-b or verify (got "${name}"): run it through test/host/run-reliability.mjs`);
  }
  return found;
}

/** test-results/reliability/concurrency/: the runner empties it before the windows start. */
export function sharedDir(): string {
  const dir = path.join(resultsDir(), 'reliability', 'concurrency');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Tell the other window to stop waiting: this one failed. */
export function abort(me: Role, reason: string): void {
  writeAtomic(path.join(sharedDir(), `abort.${me}`), reason);
}

function aborted(me: Role): string | undefined {
  for (const file of fs.readdirSync(sharedDir())) {
    if (file.startsWith('abort.') && file !== `abort.${me}`) {
      return `window ${file.slice('abort.'.length)} failed: ${fs.readFileSync(path.join(sharedDir(), file), 'utf8')}`;
    }
  }
  return undefined;
}

/** Waits until every window in `who` has reached the barrier `name` (or one of them gave up). */
export async function barrier(name: string, me: Role, who: readonly Role[], timeoutMs = 90_000): Promise<void> {
  const dir = sharedDir();
  writeAtomic(path.join(dir, `barrier.${name}.${me}`), new Date().toISOString());
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = who.filter((w) => !fs.existsSync(path.join(dir, `barrier.${name}.${w}`)));
    if (missing.length === 0) {
      return;
    }
    const reason = aborted(me);
    if (reason) {
      throw new Error(`stopped at barrier "${name}": ${reason}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`barrier "${name}": window(s) ${missing.join(', ')} did not arrive within ${timeoutMs / 1000} s`);
    }
    await sleep(20);
  }
}

export function writeJournal(journal: Journal): void {
  writeAtomic(path.join(sharedDir(), `journal.${journal.window}.json`), JSON.stringify(journal, null, 2));
}

export function readJournals(who: readonly WindowName[]): Journal[] {
  return who.map((w) => {
    const file = path.join(sharedDir(), `journal.${w}.json`);
    if (!fs.existsSync(file)) {
      throw new Error(`window ${w} left no journal (${file}): it did not get through phase 1`);
    }
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Journal;
  });
}

/** What one window found, for the checking window's tally. */
export interface WindowReport {
  readonly role: Role;
  readonly checks: number;
  /** Signed calls that proved a profile's secret. */
  readonly signed: number;
  readonly lost: number;
  readonly detail: string;
}

export function writeReport(report: WindowReport): void {
  writeAtomic(path.join(sharedDir(), `report.${report.role}.json`), JSON.stringify(report, null, 2));
}

export function readReports(): WindowReport[] {
  return fs.readdirSync(sharedDir())
    .filter((f) => /^report\..+\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(sharedDir(), f), 'utf8')) as WindowReport);
}
