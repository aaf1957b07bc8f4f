import type { ReportRow } from '../../aliyun/credentialReport';
import type { AccessKeyInfo } from '../../aliyun/types';
import { atKeyLimit, keyHealth, type HealthSettings, type KeyWarning, type LastUse } from './keyHealth';

/**
 * What a user row shows about its keys, whichever way they were learnt: key by key (ListAccessKeys
 * and GetAccessKeyLastUsed) or from the credential report. Both go through keyHealth, so the same
 * keys earn the same marks either way.
 */
export interface UserMarks {
  readonly keys: number;
  readonly atLimit: boolean;
  readonly warnings: Readonly<Record<KeyWarning, number>>;
  /** Keys with a warning worth acting on (old, unused, never used). */
  readonly concerns: number;
  /** Can sign in to the console without MFA: known only from the report. */
  readonly noMfa?: boolean;
}

export interface MarkedKey {
  readonly key: AccessKeyInfo;
  readonly lastUse: LastUse;
}

export function emptyWarnings(): Record<KeyWarning, number> {
  return { inactive: 0, old: 0, unused: 0, neverUsed: 0 };
}

export function marksOfKeys(keys: readonly MarkedKey[], settings: HealthSettings, now: Date): UserMarks {
  const warnings = emptyWarnings();
  let concerns = 0;
  for (const { key, lastUse } of keys) {
    const found = keyHealth(key, lastUse, settings, now).warnings;
    for (const w of found) {
      warnings[w]++;
    }
    if (found.some((w) => w !== 'inactive')) {
      concerns++;
    }
  }
  return { keys: keys.length, atLimit: atKeyLimit(keys.map((k) => k.key)), warnings, concerns };
}

/** A report row's key slots as keys; the report has no IDs, so each gets a placeholder. */
export function reportKeys(row: ReportRow): MarkedKey[] {
  return row.keys.map((k, i) => ({
    key: { accessKeyId: `#${i + 1}`, status: k.active ? 'Active' : 'Inactive', createDate: k.lastRotated ?? '' },
    lastUse: { state: 'known', date: k.lastUsed ?? null },
  }));
}

export function marksOfReportRow(row: ReportRow, settings: HealthSettings, now: Date): UserMarks {
  return { ...marksOfKeys(reportKeys(row), settings, now), noMfa: row.passwordExist && row.mfaActive === false };
}
