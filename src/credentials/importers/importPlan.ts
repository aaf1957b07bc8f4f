import { t } from '../../util/l10n';
import { suffixedName, uniqueProfileName, type Profile } from '../profile';
import type { FoundProfile } from './types';

/**
 * What to do when a found profile has the name of an existing one (names compare without case):
 * `rename` keeps both, the new one as "name (2)"; `replace` puts the found key, secret and region
 * into the existing profile (its id, label and active state stay); `skip` leaves the existing one.
 * Two found profiles with one name: the first takes it, the next is renamed (or skipped with `skip`).
 */
export type ConflictRule = 'rename' | 'replace' | 'skip';

export interface PlannedImport {
  readonly found: FoundProfile;
  readonly action: 'add' | 'replace' | 'skip';
  /** The name it will have. */
  readonly name: string;
  /** The existing profile it collides with (replaced with `replace`). */
  readonly existing?: Profile;
  readonly note?: string;
}

/** The name a clashing import gets: "name (2)", "name (3)", … */
function freeName(name: string, taken: Set<string>): string {
  return uniqueProfileName(taken, (n) => suffixedName(name, ` (${n + 1})`));
}

export function planImport(found: readonly FoundProfile[], existing: readonly Profile[], rule: ConflictRule): PlannedImport[] {
  const taken = new Set(existing.map((p) => p.name.toLowerCase()));
  const byName = new Map(existing.map((p) => [p.name.toLowerCase(), p]));
  const planned = new Set<string>();
  return found.map((f): PlannedImport => {
    const key = f.name.toLowerCase();
    const clash = byName.get(key);
    const inBatch = planned.has(key);
    if (!clash && !inBatch) {
      taken.add(key);
      planned.add(key);
      return { found: f, action: 'add', name: f.name };
    }
    if (rule === 'skip') {
      return { found: f, action: 'skip', name: f.name, existing: clash, note: t('a profile named "{0}" exists', f.name) };
    }
    if (rule === 'replace' && clash && !inBatch) {
      planned.add(key);
      return { found: f, action: 'replace', name: clash.name, existing: clash };
    }
    const name = freeName(f.name, taken);
    taken.add(name.toLowerCase());
    planned.add(name.toLowerCase());
    return { found: f, action: 'add', name, existing: clash, note: t('renamed from "{0}"', f.name) };
  });
}
