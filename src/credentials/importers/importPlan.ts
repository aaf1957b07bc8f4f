import { t } from '../../util/l10n';
import { suffixedName, uniqueProfileName, type Profile } from '../profile';
import { sameCloudSsoTarget } from '../cloudSso/sameTarget';
import { planRoleSources, standInFor, type DraftImport, type PlannedImport } from './rolePlan';
import type { FoundProfile } from './types';

/**
 * What to do when a found profile has the name of an existing one (names compare without case):
 * `rename` keeps both, the new one as "name (2)"; `replace` puts the found key, secret and region
 * into the existing profile (its id, label and active state stay); `skip` leaves the existing one.
 * Two found profiles with one name: the first takes it, the next is renamed (or skipped with `skip`).
 */
export type ConflictRule = 'rename' | 'replace' | 'skip';

export type { PlannedImport, PlannedSource } from './rolePlan';

/** The name a clashing import gets: "name (2)", "name (3)", … */
function freeName(name: string, taken: Set<string>): string {
  return uniqueProfileName(taken, (n) => suffixedName(name, ` (${n + 1})`));
}

/**
 * The chosen entries and the ones their role chains need: a chained entry's source is imported
 * with it unless a profile stands for it already (the same key, or a role imported from it before).
 */
function withSources(chosen: readonly FoundProfile[], available: readonly FoundProfile[], existing: readonly Profile[]): FoundProfile[] {
  const byRef = new Map<string, FoundProfile>();
  available.forEach((f) => byRef.has(f.ref) || byRef.set(f.ref, f));
  const wanted = new Set(chosen);
  for (const f of chosen) {
    let current = f;
    for (let links = 0; current.role?.sourceName !== undefined && links <= available.length; links++) {
      const source = byRef.get(current.role.sourceName);
      if (!source || wanted.has(source) || standInFor(source, existing)) {
        break;
      }
      wanted.add(source);
      current = source;
    }
  }
  return [...available.filter((f) => wanted.has(f)), ...chosen.filter((f) => !available.includes(f))];
}

/**
 * Which found profiles are stored and how (`available` is everything the file offers, for the
 * sources a chosen role needs). Role entries get their source: the entry's key becomes an
 * AccessKey profile unless one holds it already; a chained entry's source is the profile its
 * source entry becomes, or the existing one that stands for it. A role whose final chain would
 * be broken (a loop through replaced profiles, too long) is skipped with the reason.
 */
export async function planImport(chosen: readonly FoundProfile[], existing: readonly Profile[], rule: ConflictRule, available: readonly FoundProfile[] = chosen): Promise<PlannedImport[]> {
  const taken = new Set(existing.map((p) => p.name.toLowerCase()));
  const byName = new Map(existing.map((p) => [p.name.toLowerCase(), p]));
  const planned = new Set<string>();
  const byTarget = (f: FoundProfile): DraftImport => {
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
  };
  const ssoStored: FoundProfile[] = [];
  const drafts = withSources(chosen, available, existing).map((f): DraftImport => {
    const sso = f.sso;
    if (!sso) {
      return byTarget(f);
    }
    // A CloudSSO profile is its directory, account and access configuration: one is enough, whatever
    // its name (replacing the profile of its own name is still what `replace` says).
    const clash = byName.get(f.name.toLowerCase());
    const same = rule === 'replace' && clash && standInFor(f, [clash]) ? undefined : standInFor(f, existing);
    if (same) {
      return { found: f, action: 'skip', name: f.name, existing: same, duplicate: true, note: t('profile "{0}" signs in to this account with this access configuration already', same.name) };
    }
    const twin = ssoStored.find((o) => o.sso && sameCloudSsoTarget(o.sso, sso));
    if (twin) {
      return { found: f, action: 'skip', name: f.name, duplicate: true, note: t('"{0}" in the same file signs in to this account with this access configuration', twin.name) };
    }
    const draft = byTarget(f);
    if (draft.action !== 'skip') {
      ssoStored.push(f);
    }
    return draft;
  });
  return planRoleSources(drafts, existing, taken, available);
}
