/**
 * The account's credential report (IMS GenerateCredentialReport / GetCredentialReport): the CSV
 * RAM makes, from the seed's users, keys and optional logon fields, and its "being made" phase.
 */
import type { Account, KeyRecord, User } from './state';
import { isoSeconds } from './util';

/** The columns, in order (see alibaba-roles-and-reports.md §4). */
export const REPORT_COLUMNS: readonly string[] = [
  'user',
  'user_creation_time',
  'user_last_logon',
  'password_exist',
  'password_active',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  ...[1, 2].flatMap((n) => ['exist', 'active', 'last_rotated', 'last_used'].map((f) => `access_key_${n}_${f}`)),
  ...[1, 2, 3].flatMap((n) => ['exist', 'active', 'last_rotated', 'last_used'].map((f) => `additional_access_key_${n}_${f}`)),
];

/** A fresh report is reused this long: GenerateCredentialReport then answers COMPLETE. */
export const REPORT_FRESH_MS = 4 * 3600_000;

export interface CredentialReport {
  generatedMs: number;
  generatedTime: string;
  /** CSV lines without the header: `<root>` first, then the users in creation order. */
  rows: string[];
}

/** Per account: the last finished report and one being made. */
export interface ReportState {
  ready?: CredentialReport;
  pending?: CredentialReport;
}

const NA = 'N/A';
const bool = (b: boolean): string => (b ? 'TRUE' : 'FALSE');

function keyColumns(keys: readonly KeyRecord[]): string[] {
  const sorted = [...keys].sort((a, b) => Date.parse(a.createDate) - Date.parse(b.createDate));
  const out: string[] = [];
  for (let i = 0; i < 5; i++) {
    const k = sorted[i];
    out.push(bool(k !== undefined), k ? bool(k.status === 'Active') : NA, k ? k.createDate : NA, k?.lastUsedDate ?? NA);
  }
  return out;
}

function userRow(user: User, principalDomain: string): string[] {
  const password = user.passwordExist === true;
  return [
    // The report names users by their logon name (UPN), not by UserName alone.
    `${user.userName}@${principalDomain}`,
    user.createDate,
    // Never logged on is a hyphen in RAM's report, not N/A.
    user.lastLogon ?? '-',
    bool(password),
    password ? 'TRUE' : NA,
    NA,
    NA,
    user.mfaActive !== undefined ? bool(user.mfaActive) : password ? 'FALSE' : NA,
    ...keyColumns(user.keys),
  ];
}

function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

export function buildReport(account: Account, nowMs: number): CredentialReport {
  // Without an alias, an account's default domain is `<accountId>.onaliyun.com`.
  const domain = `${account.accountId}.onaliyun.com`;
  const root = ['<root>', NA, NA, 'TRUE', 'TRUE', NA, NA, NA, ...keyColumns(account.rootKeys)];
  return {
    generatedMs: nowMs,
    generatedTime: isoSeconds(nowMs),
    rows: [csvLine(root), ...account.userList.map((u) => csvLine(userRow(u, domain)))],
  };
}

/** Moves a report whose making is over to `ready`. */
export function settle(state: ReportState, nowMs: number): void {
  if (state.pending && nowMs >= state.pending.generatedMs) {
    state.ready = state.pending;
    state.pending = undefined;
  }
}

/** `STARTED` while one is being made or a new one starts; `COMPLETE` when a fresh one exists. */
export function generate(state: ReportState, account: Account, nowMs: number, generationMs: number): 'STARTED' | 'COMPLETE' {
  settle(state, nowMs);
  if (state.pending) {
    return 'STARTED';
  }
  if (state.ready && nowMs - state.ready.generatedMs < REPORT_FRESH_MS) {
    return 'COMPLETE';
  }
  const report = buildReport(account, nowMs + generationMs);
  if (generationMs <= 0) {
    state.ready = report;
    return 'COMPLETE';
  }
  state.pending = report;
  return 'STARTED';
}

export function csvContent(rows: readonly string[]): string {
  return `${csvLine(REPORT_COLUMNS)}\n${rows.map((r) => `${r}\n`).join('')}`;
}
