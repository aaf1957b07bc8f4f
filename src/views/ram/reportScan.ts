import { CredentialReportFormatError, parseCredentialReport, type ReportRow } from '../../aliyun/credentialReport';
import { AliyunError } from '../../aliyun/errors';
import type { ImsService } from '../../aliyun/imsService';
import type { KeyWarning } from './keyHealth';
import type { KeyScanOptions, KeyScanResult } from './keyScan';
import type { RamExplorerModel } from './ramModel';
import { emptyWarnings, marksOfReportRow, type UserMarks } from './userMarks';

/** A report older than this is not trusted: IMS itself makes a new one only after 4 hours. */
export const REPORT_MAX_AGE_MS = 4 * 60 * 60 * 1000;
/** How often GenerateCredentialReport is asked again while the report is being made. */
export const REPORT_POLL_MS = 1000;
/** How long to wait for a report being made before falling back to the per-user pass. */
export const REPORT_MAX_WAIT_MS = 5 * 60 * 1000;

/** Why the report could not be used, so the per-user pass runs instead. */
export type ReportFallbackReason = 'refused' | 'stale' | 'unreadable' | 'notReady';

export class ReportUnavailable extends Error {
  constructor(readonly reason: ReportFallbackReason, message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'ReportUnavailable';
  }
}

export interface ReportScanResult extends KeyScanResult {
  readonly source: 'report';
  readonly generatedTime: string;
  /** Users who can sign in to the console without MFA. */
  readonly noMfa: number;
  /** GenerateCredentialReport asked again while the report was being made (not round trips of the check itself). */
  readonly polls: number;
  /** Time spent waiting while the report was made (the polls and the pauses between them). */
  readonly waitedMs: number;
  /** Generate plus the pages read. */
  readonly roundTrips: number;
  readonly pages: number;
  /** Lines of the CSV that could not be read and were skipped. */
  readonly brokenLines: number;
  /** The account's own keys, from the `<root>` row. */
  readonly root?: UserMarks;
}

export interface ReportScanOptions extends KeyScanOptions {
  readonly pollMs?: number;
  readonly maxWaitMs?: number;
  readonly maxAgeMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Page size; the API's largest by default. */
  readonly maxItems?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function refusedOrThrow(error: unknown): never {
  if (error instanceof AliyunError && error.kind === 'noPermission') {
    throw new ReportUnavailable('refused', error.message, error);
  }
  throw error;
}

/** The rows of a fresh report: generate (waiting while it is made), then every page. */
export async function readCredentialReport(ims: ImsService, options: ReportScanOptions): Promise<{
  rows: ReportRow[]; generatedTime: string; polls: number; waitedMs: number; pages: number; brokenLines: number;
}> {
  const sleep = options.sleep ?? defaultSleep;
  const started = Date.now();
  let polls = 0;
  let state = await ims.generateCredentialReport().catch(refusedOrThrow);
  const waitFrom = Date.now();
  while (state.toUpperCase() !== 'COMPLETE') {
    if (options.isCancelled?.() || Date.now() - started > (options.maxWaitMs ?? REPORT_MAX_WAIT_MS)) {
      throw new ReportUnavailable('notReady', 'The credential report was still being made.');
    }
    await sleep(options.pollMs ?? REPORT_POLL_MS);
    polls++;
    state = await ims.generateCredentialReport().catch(refusedOrThrow);
  }
  const waitedMs = polls > 0 ? Date.now() - waitFrom : 0;
  const rows: ReportRow[] = [];
  let generatedTime = '';
  let nextToken: string | undefined;
  let pages = 0;
  let brokenLines = 0;
  do {
    const page = await ims.getCredentialReport(nextToken, options.maxItems).catch(refusedOrThrow);
    pages++;
    generatedTime ||= page.generatedTime;
    try {
      const parsed = parseCredentialReport(page.csv);
      rows.push(...parsed.rows);
      brokenLines += parsed.brokenCount;
    } catch (error) {
      if (error instanceof CredentialReportFormatError) {
        throw new ReportUnavailable('unreadable', error.message, error);
      }
      throw error;
    }
    nextToken = page.nextToken;
  } while (nextToken && !options.isCancelled?.());
  const generated = Date.parse(generatedTime);
  if (!Number.isNaN(generated) && options.now.getTime() - generated > (options.maxAgeMs ?? REPORT_MAX_AGE_MS)) {
    throw new ReportUnavailable('stale', `The credential report was made at ${generatedTime}, more than 4 hours ago.`);
  }
  return { rows, generatedTime, polls, waitedMs, pages, brokenLines };
}

/**
 * Check All AccessKeys from the account's credential report: a handful of calls for the whole
 * account instead of two per user. Throws ReportUnavailable where the per-user pass must run instead.
 */
export async function scanFromReport(model: RamExplorerModel, options: ReportScanOptions): Promise<ReportScanResult | undefined> {
  const generation = model.generation;
  const current = await model.session();
  if (!current) {
    return undefined;
  }
  const report = await readCredentialReport(current.session.ims, options);
  const warnings: Record<KeyWarning, number> = emptyWarnings();
  const marks = new Map<string, UserMarks>();
  let keys = 0;
  let atLimit = 0;
  let noMfa = 0;
  let root: UserMarks | undefined;
  for (const row of report.rows) {
    const m = marksOfReportRow(row, options.settings, options.now);
    if (row.root) {
      root = m;
      continue;
    }
    marks.set(row.userName, m);
    keys += m.keys;
    atLimit += m.atLimit ? 1 : 0;
    noMfa += m.noMfa ? 1 : 0;
    for (const w of Object.keys(warnings) as KeyWarning[]) {
      warnings[w] += m.warnings[w];
    }
  }
  model.recordReport(generation, { marks, generatedTime: report.generatedTime });
  const roundTrips = 1 + report.pages;
  const result: ReportScanResult = {
    source: 'report', users: marks.size, keys, usersFailed: 0, lastUseUnknown: 0, atLimit, warnings,
    cancelled: options.isCancelled?.() === true || !model.isCurrent(generation),
    calls: roundTrips + report.polls, throttled: 0, peakParallelism: 1,
    generatedTime: report.generatedTime, noMfa, polls: report.polls, waitedMs: report.waitedMs, roundTrips, pages: report.pages, brokenLines: report.brokenLines, root,
  };
  options.log.info(`[ram] checked ${keys} keys of ${marks.size} users from the credential report of ${report.generatedTime} in ${roundTrips} round trips (${report.polls} polls while it was made)${report.brokenLines ? `, ${report.brokenLines} lines unreadable` : ''}`);
  return result;
}
