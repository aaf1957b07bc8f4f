import { ACCESS_KEYS_PER_USER } from '../../aliyun/ramService';
import type { AccessKeyInfo } from '../../aliyun/types';

/** A key younger than this is not flagged for never having been used: it may just be new. */
const NEVER_USED_GRACE_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface HealthSettings {
  /** Keys older than this many days are flagged for rotation. */
  readonly keyAgeWarningDays: number;
  /** Keys not used for this many days are flagged. */
  readonly unusedKeyWarningDays: number;
}

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = { keyAgeWarningDays: 90, unusedKeyWarningDays: 90 };

/** What the last use lookup found: a date, "never" (null), or not known (yet). */
export type LastUse = { readonly state: 'loading' } | { readonly state: 'known'; readonly date: string | null } | { readonly state: 'failed'; readonly message: string };

export type KeyWarning = 'inactive' | 'old' | 'unused' | 'neverUsed';

export interface KeyHealth {
  readonly ageDays: number | undefined;
  /** Days since the last use; undefined when never used or not known. */
  readonly idleDays: number | undefined;
  readonly warnings: readonly KeyWarning[];
}

export function daysBetween(fromIso: string | undefined, now: Date): number | undefined {
  if (!fromIso) {
    return undefined;
  }
  const from = Date.parse(fromIso);
  return Number.isNaN(from) ? undefined : Math.max(0, Math.floor((now.getTime() - from) / DAY_MS));
}

/** The warnings a key earns, most important first. */
export function keyHealth(key: AccessKeyInfo, lastUse: LastUse, settings: HealthSettings, now: Date): KeyHealth {
  const ageDays = daysBetween(key.createDate, now);
  const idleDays = lastUse.state === 'known' && lastUse.date ? daysBetween(lastUse.date, now) : undefined;
  const warnings: KeyWarning[] = [];
  if (key.status === 'Inactive') {
    warnings.push('inactive');
  }
  if (ageDays !== undefined && ageDays > settings.keyAgeWarningDays) {
    warnings.push('old');
  }
  if (lastUse.state === 'known') {
    if (lastUse.date === null) {
      if (ageDays === undefined || ageDays >= NEVER_USED_GRACE_DAYS) {
        warnings.push('neverUsed');
      }
    } else if (idleDays !== undefined && idleDays > settings.unusedKeyWarningDays) {
      warnings.push('unused');
    }
  }
  return { ageDays, idleDays, warnings };
}

export function atKeyLimit(keys: readonly AccessKeyInfo[]): boolean {
  return keys.length >= ACCESS_KEYS_PER_USER;
}

/** Settings as the user typed them, made safe (whole days, at least 1). */
export function cleanHealthSettings(raw: { keyAgeWarningDays?: unknown; unusedKeyWarningDays?: unknown }): HealthSettings {
  const days = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
  return {
    keyAgeWarningDays: days(raw.keyAgeWarningDays, DEFAULT_HEALTH_SETTINGS.keyAgeWarningDays),
    unusedKeyWarningDays: days(raw.unusedKeyWarningDays, DEFAULT_HEALTH_SETTINGS.unusedKeyWarningDays),
  };
}
