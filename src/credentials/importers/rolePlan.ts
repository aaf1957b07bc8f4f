// The sources of imported role profiles, and the check that every chain they make works, before
// anything is stored.
import { t } from '../../util/l10n';
import { isCloudSsoProfile, isRoleProfile, isStsAccessKeyId, suffixedName, uniqueProfileName, type Profile, type ProfileKind } from '../profile';
import { resolveChain } from '../roles/roleChain';
import { sameCloudSsoTarget } from '../cloudSso/sameTarget';
import { definitionOf } from './cloudSsoEntries';
import type { FoundProfile } from './types';

/** Where a role profile's source comes from: a profile that exists, or one this import stores first. */
export type PlannedSource = { readonly existing: Profile } | { readonly planned: PlannedImport };

export interface PlannedImport {
  readonly found: FoundProfile;
  readonly action: 'add' | 'replace' | 'skip';
  /** The name it will have. */
  readonly name: string;
  /** The existing profile it collides with (replaced with `replace`). */
  readonly existing?: Profile;
  readonly note?: string;
  /** Role profiles that are stored: the profile whose credentials assume the role. */
  readonly source?: PlannedSource;
  /** An AccessKey profile made for the key of the role entry `found` (no profile held that key). */
  readonly keyPart?: boolean;
  /** Skipped because a profile, or an earlier entry, is the same CloudSSO profile already (its sign-in is still of use). */
  readonly duplicate?: boolean;
}

export type DraftImport = { -readonly [K in keyof PlannedImport]: PlannedImport[K] };

/** The kind of profile a found key becomes. */
export function keyKind(found: FoundProfile): ProfileKind {
  return isStsAccessKeyId(found.accessKeyId) ? 'StsToken' : 'AccessKey';
}

/**
 * An existing profile that already is what `found` would become: the same key, a role imported
 * from the same entry, or a CloudSSO profile of the same directory, account and access configuration.
 */
export function standInFor(found: FoundProfile, existing: readonly Profile[]): Profile | undefined {
  const role = found.role;
  const sso = found.sso;
  if (sso) {
    return existing.find((p) => isCloudSsoProfile(p) && sameCloudSsoTarget(p.sso, sso));
  }
  return role
    ? existing.find((p) => isRoleProfile(p) && p.source === found.source && p.role.roleArn === role.roleArn)
    : existing.find((p) => !isRoleProfile(p) && !isCloudSsoProfile(p) && p.accessKeyId === found.accessKeyId);
}

function skip(draft: DraftImport, note: string): void {
  draft.action = 'skip';
  draft.note = note;
  draft.source = undefined;
}

/** The profile a draft stands for in the final state: its role pointing at its source's id. */
function finalProfile(draft: DraftImport, idOf: (d: PlannedImport) => string): Profile {
  const f = draft.found;
  const source = draft.source;
  const sourceProfileId = source ? ('existing' in source ? source.existing.id : idOf(source.planned)) : '';
  if (f.sso) {
    return { id: idOf(draft), name: draft.name, kind: 'CloudSSO', accessKeyId: '', regionId: f.regionId ?? '', source: f.source, createdAt: '', sso: definitionOf(f.sso) };
  }
  return {
    id: idOf(draft), name: draft.name, kind: f.role && !draft.keyPart ? 'RamRole' : keyKind(f), accessKeyId: f.role && !draft.keyPart ? '' : f.accessKeyId,
    regionId: f.regionId ?? '', source: f.source, createdAt: '',
    role: f.role && !draft.keyPart ? { ...f.role, sourceProfileId } : undefined,
  };
}

/**
 * Gives every role draft its source and checks the chains of the final state, skipping (with the
 * reason) a role whose source is not imported or whose chain would not end at a key. `taken`
 * holds the names in use (lowercase); the AccessKey profiles made for keys take theirs from it.
 */
export async function planRoleSources(
  drafts: DraftImport[], existing: readonly Profile[], taken: Set<string>, available: readonly FoundProfile[],
): Promise<PlannedImport[]> {
  const replaced = new Set(drafts.filter((d) => d.action === 'replace').map((d) => d.existing?.id));
  // A replaced profile becomes what the file says: it no longer stands for what it held.
  const usable = existing.filter((p) => !replaced.has(p.id));
  const byRef = new Map<string, FoundProfile>();
  [...available, ...drafts.map((d) => d.found)].forEach((f) => byRef.has(f.ref) || byRef.set(f.ref, f));
  const keyParts = new Map<string, DraftImport>();

  const keyPart = (d: DraftImport): DraftImport => {
    let part = keyParts.get(d.found.accessKeyId);
    if (!part) {
      const key = t('key');
      const name = uniqueProfileName(taken, (n) => suffixedName(d.name, n === 1 ? ` (${key})` : ` (${key} ${n})`));
      taken.add(name.toLowerCase());
      part = { found: { ...d.found, kind: keyKind(d.found), role: undefined, expiration: undefined }, action: 'add', name, keyPart: true };
      keyParts.set(d.found.accessKeyId, part);
    }
    return part;
  };

  const done = new Set<DraftImport>();
  const assign = (d: DraftImport): void => {
    const role = d.found.role;
    if (done.has(d) || d.action === 'skip' || !role) {
      return;
    }
    done.add(d); // before following the source: a loop ends here (and is caught below)
    if (role.sourceName === undefined) {
      const holder = usable.find((p) => !isRoleProfile(p) && p.accessKeyId === d.found.accessKeyId);
      const inBatch = drafts.find((o) => !o.found.role && o.action !== 'skip' && o.found.accessKeyId === d.found.accessKeyId);
      d.source = holder ? { existing: holder } : inBatch ? { planned: inBatch } : { planned: keyPart(d) };
      return;
    }
    const sourceFound = byRef.get(role.sourceName);
    const source = drafts.find((o) => o.found === sourceFound);
    if (source) {
      assign(source);
    }
    const standIn = sourceFound && (!source || source.action === 'skip') ? standInFor(sourceFound, usable) : undefined;
    if (source && source.action !== 'skip') {
      d.source = { planned: source };
    } else if (standIn) {
      d.source = { existing: standIn };
    } else {
      skip(d, source?.note
        ? t('its source profile "{0}" is not imported ({1})', role.sourceName, source.note)
        : t('its source profile "{0}" is not imported', role.sourceName));
    }
  };
  drafts.forEach(assign);

  // The final state, checked as the role profiles will be used; a broken one is skipped, and so
  // are the ones that needed it, until nothing changes.
  const ids = new Map<PlannedImport, string>();
  const idOf = (d: PlannedImport) => {
    let id = ids.get(d);
    if (!id) {
      id = d.action === 'replace' && d.existing ? d.existing.id : `import-${ids.size + 1}`;
      ids.set(d, id);
    }
    return id;
  };
  for (let changed = true; changed;) {
    changed = false;
    const live = [...drafts, ...keyParts.values()].filter((d) => d.action !== 'skip');
    const profiles = new Map(existing.map((p) => [p.id, p]));
    live.forEach((d) => profiles.set(idOf(d), finalProfile(d, idOf)));
    for (const d of live) {
      if (!d.found.role || d.keyPart) {
        continue;
      }
      const source = d.source && 'planned' in d.source ? d.source.planned : undefined;
      if (source && source.action === 'skip') {
        skip(d, t('its source profile "{0}" is not imported ({1})', source.found.name, source.note ?? ''));
        changed = true;
        continue;
      }
      try {
        await resolveChain(profiles.get(idOf(d)) as Profile, async (id) => profiles.get(id));
      } catch (error) {
        skip(d, error instanceof Error ? error.message : String(error));
        changed = true;
      }
    }
  }

  // Each AccessKey profile made for a key goes just before the first role that uses it.
  const out: PlannedImport[] = [];
  for (const d of drafts) {
    const part = d.action !== 'skip' && d.source && 'planned' in d.source && d.source.planned.keyPart ? d.source.planned : undefined;
    if (part && !out.includes(part)) {
      out.push(part);
    }
    out.push(d);
  }
  return out;
}
