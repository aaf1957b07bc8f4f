import { DEFAULT_REGION, isValidRegionId, type CloudSsoDefinition, type Profile, type ProfileKind, type RoleDefinition } from './profile';

/** A profile removed at some time; kept so that a window that missed the removal cannot bring it back. */
export interface Tombstone {
  readonly id: string;
  readonly removedAt: string;
}

/** The non-secret index of profiles as one SecretStorage entry holds it. */
export interface IndexData {
  readonly profiles: readonly Profile[];
  readonly removed: readonly Tombstone[];
}

export const EMPTY_INDEX: IndexData = { profiles: [], removed: [] };

/** Enough to stop old removals from coming back, small enough to stay a few KB. */
export const MAX_TOMBSTONES = 200;

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * A profile as read from storage, or undefined for something that is not one. A stored region that
 * is not a region ID becomes the default region (`onBadRegion` hears of it): dropping the profile
 * would lose its key, and the bad value could never be used anyway.
 */
export function toProfile(raw: unknown, onBadRegion?: (id: string) => void): Profile | undefined {
  if (!raw || typeof raw !== 'object') {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const role = r.kind === 'RamRole' ? toRoleDefinition(r.role) : undefined;
  const sso = r.kind === 'CloudSSO' ? toCloudSsoDefinition(r.sso) : undefined;
  const obtained = role !== undefined || sso !== undefined;
  if (!str(r.id) || !str(r.name) || (!obtained && !str(r.accessKeyId))) {
    return undefined;
  }
  const kind: ProfileKind = role ? 'RamRole' : sso ? 'CloudSSO' : r.kind === 'StsToken' ? 'StsToken' : 'AccessKey';
  if (r.regionId !== undefined && r.regionId !== '' && !isValidRegionId(r.regionId)) {
    onBadRegion?.(r.id);
  }
  const optional = (key: string) => (str(r[key]) ? (r[key] as string) : undefined);
  const profile: Profile = {
    id: r.id,
    name: r.name,
    kind,
    accessKeyId: obtained ? '' : (r.accessKeyId as string),
    regionId: isValidRegionId(r.regionId) ? r.regionId : DEFAULT_REGION,
    label: optional('label'),
    source: optional('source') ?? 'manual',
    createdAt: optional('createdAt') ?? new Date(0).toISOString(),
    updatedAt: optional('updatedAt'),
    expiration: optional('expiration'),
    keyCreatedAt: optional('keyCreatedAt'),
    role,
    sso,
  };
  // Drop undefined members so that equal profiles serialize equally.
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)) as unknown as Profile;
}

/** A stored role definition, or undefined when a part is missing (such a profile is not listed). */
function toRoleDefinition(raw: unknown): RoleDefinition | undefined {
  if (!raw || typeof raw !== 'object') {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  if (!str(r.roleArn) || !str(r.sourceProfileId) || !str(r.sessionName) || typeof r.durationSeconds !== 'number') {
    return undefined;
  }
  const role: RoleDefinition = {
    roleArn: r.roleArn, sourceProfileId: r.sourceProfileId, sessionName: r.sessionName, durationSeconds: r.durationSeconds,
    externalId: str(r.externalId) ? r.externalId : undefined, policy: str(r.policy) ? r.policy : undefined,
  };
  return Object.fromEntries(Object.entries(role).filter(([, v]) => v !== undefined)) as unknown as RoleDefinition;
}

/** A stored CloudSSO definition, or undefined when a part is missing (such a profile is not listed). */
function toCloudSsoDefinition(raw: unknown): CloudSsoDefinition | undefined {
  if (!raw || typeof raw !== 'object') {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  if (!str(r.signInUrl) || !str(r.accountId) || !str(r.accessConfigurationId)) {
    return undefined;
  }
  const sso: CloudSsoDefinition = {
    signInUrl: r.signInUrl, accountId: r.accountId, accessConfigurationId: r.accessConfigurationId,
    accountName: str(r.accountName) ? r.accountName : undefined,
    accessConfigurationName: str(r.accessConfigurationName) ? r.accessConfigurationName : undefined,
  };
  return Object.fromEntries(Object.entries(sso).filter(([, v]) => v !== undefined)) as unknown as CloudSsoDefinition;
}

/** `badRegions`: ids of profiles whose stored region was not a region ID (now the default region). */
export type ParsedIndex = { ok: true; data: IndexData; badRegions: readonly string[] } | { ok: false };

/** Reads version 1 (`{version, profiles}`) and version 2 (with `removed`). */
export function parseIndex(raw: string | undefined): ParsedIndex {
  if (!raw) {
    return { ok: true, data: EMPTY_INDEX, badRegions: [] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false };
  }
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { profiles?: unknown }).profiles)) {
    return { ok: false };
  }
  const p = parsed as { profiles: unknown[]; removed?: unknown };
  const badRegions: string[] = [];
  const profiles = p.profiles.map((x) => toProfile(x, (id) => badRegions.push(id))).filter((x): x is Profile => x !== undefined);
  const removed = Array.isArray(p.removed)
    ? p.removed.filter((x): x is Tombstone => !!x && str((x as Tombstone).id) && str((x as Tombstone).removedAt))
      .map((x) => ({ id: x.id, removedAt: x.removedAt }))
    : [];
  return { ok: true, data: mergeIndex({ profiles, removed }), badRegions };
}

export function serializeIndex(data: IndexData): string {
  return JSON.stringify({ version: 2, profiles: data.profiles, removed: data.removed });
}

export function sameIndex(a: IndexData, b: IndexData): boolean {
  return serializeIndex(a) === serializeIndex(b);
}

/** The time that decides between two versions of one profile. */
export function versionOf(profile: Profile): string {
  return profile.updatedAt ?? profile.createdAt;
}

function newer(a: Profile, b: Profile): Profile {
  const va = versionOf(a);
  const vb = versionOf(b);
  if (va !== vb) {
    return va > vb ? a : b;
  }
  // Same time in two windows: any fixed rule will do, as long as every window picks the same one.
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

/**
 * Joins what several windows know: every profile by id, the later version of each, minus the
 * removed ones. Order does not matter and joining twice changes nothing, so windows that keep
 * joining what they see agree in the end, whoever wrote last.
 */
export function mergeIndex(...parts: readonly IndexData[]): IndexData {
  const removed = new Map<string, string>();
  for (const part of parts) {
    for (const t of part.removed) {
      const seen = removed.get(t.id);
      if (!seen || t.removedAt > seen) {
        removed.set(t.id, t.removedAt);
      }
    }
  }
  const profiles = new Map<string, Profile>();
  for (const part of parts) {
    for (const p of part.profiles) {
      if (removed.has(p.id)) {
        continue;
      }
      const seen = profiles.get(p.id);
      const canonical = toProfile(p) ?? p; // one key order everywhere, so equal means equal text
      profiles.set(p.id, seen ? newer(seen, canonical) : canonical);
    }
  }
  const kept = [...removed]
    .map(([id, removedAt]) => ({ id, removedAt }))
    .sort((a, b) => (a.removedAt === b.removedAt ? a.id.localeCompare(b.id) : a.removedAt < b.removedAt ? 1 : -1))
    .slice(0, MAX_TOMBSTONES)
    .sort((a, b) => a.id.localeCompare(b.id));
  const list = [...profiles.values()].sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1));
  return { profiles: list, removed: kept };
}
