import { errorMessage } from '../../util/errors';
import { t } from '../../util/l10n';
import { isCloudSsoProfile, isRoleProfile, type Profile } from '../profile';
import type { CredentialsFor } from '../profileSessions';
import type { TemporaryCredentials } from '../roles/refreshingCredentials';
import { resolveChain } from '../roles/roleChain';
import { ServeRefusal } from './credentialsServer';

/**
 * An STS token profile without a known expiry is served as lasting this long from each request:
 * the SDKs keep credentials until 15 minutes before their expiry, so they come back every few
 * minutes and pick up a token edited in the meantime. The token itself may run out earlier; the
 * program then gets Alibaba Cloud's own "expired" answer, as it would with the token in hand.
 */
export const UNKNOWN_EXPIRY_HORIZON_MS = 20 * 60 * 1000;

/** Where the active profile's served credentials come from. */
export interface ServingSources {
  readonly get: (id: string) => Promise<Profile | undefined>;
  /** What every profile signs with (a role profile's temporary credentials, renewed). */
  readonly credentialsFor: CredentialsFor;
  /** The role profile the person chose, in this workspace, for serving an AccessKey profile. */
  readonly roleFor: (accessKeyProfileId: string) => string | undefined;
  readonly now?: () => number;
}

/** Whose credentials programs get while `active` is the active profile. */
export type ServedProfile =
  | { readonly kind: 'role' | 'sts' | 'cloudSso'; readonly profile: Profile }
  /** An AccessKey profile through the role profile chosen for it: `profile` is the role profile. */
  | { readonly kind: 'roleForKey'; readonly profile: Profile; readonly key: Profile }
  /** An AccessKey profile without a role: nothing is served until one is chosen. */
  | { readonly kind: 'needsRole'; readonly key: Profile };

/** The role profiles that assume a role with `key` (directly or through other role profiles), the ones to offer for serving it. */
export async function rolesAssumedWith(key: Profile, profiles: readonly Profile[]): Promise<Profile[]> {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const found: Profile[] = [];
  for (const p of profiles.filter(isRoleProfile)) {
    const chain = await resolveChain(p, async (id) => byId.get(id)).catch(() => []);
    if (chain.length > 0 && chain[chain.length - 1].id === key.id) {
      found.push(p);
    }
  }
  return found;
}

export async function servedProfile(active: Profile, sources: ServingSources): Promise<ServedProfile> {
  if (isRoleProfile(active)) {
    return { kind: 'role', profile: active };
  }
  if (isCloudSsoProfile(active)) {
    // Temporary credentials from the directory's portal, renewed by CloudSsoCredentials: served directly.
    return { kind: 'cloudSso', profile: active };
  }
  if (active.kind === 'StsToken') {
    return { kind: 'sts', profile: active };
  }
  const roleId = sources.roleFor(active.id);
  const role = roleId ? await sources.get(roleId) : undefined;
  return role && isRoleProfile(role) ? { kind: 'roleForKey', profile: role, key: active } : { kind: 'needsRole', key: active };
}

/**
 * The temporary credentials programs get for the active profile: a role profile's (renewed by
 * RoleCredentials), a CloudSSO profile's (renewed by CloudSsoCredentials), an STS token profile's token until its expiry, and for an AccessKey profile
 * those of the role chosen for it. A long-lived secret is never among them: each kind either
 * yields a security token with an expiry or is refused.
 */
export async function servedCredentials(active: Profile, sources: ServingSources): Promise<TemporaryCredentials> {
  const served = await servedProfile(active, sources);
  if (served.kind === 'needsRole') {
    throw new ServeRefusal('RoleNotChosen', t('Profile "{0}" holds a long-lived AccessKey, which is never served to programs. In VS Code, choose a role for it to assume (Alibaba Cloud: Choose Role to Serve…).', served.key.name));
  }
  const now = (sources.now ?? Date.now)();
  let credentials;
  try {
    credentials = await sources.credentialsFor(served.profile);
  } catch (error) {
    throw new ServeRefusal('CredentialsUnavailable', t('Profile "{0}" has no credentials to serve now: {1}', served.profile.name, errorMessage(error)));
  }
  if (!credentials.securityToken) {
    throw new ServeRefusal('NoSecurityToken', t('Profile "{0}" has no STS token, so it is not served.', served.profile.name));
  }
  const expiry = served.kind === 'sts' ? served.profile.expiration : credentials.expiration;
  const expiresAt = expiry ? Date.parse(expiry) : served.kind === 'sts' ? now + UNKNOWN_EXPIRY_HORIZON_MS : NaN;
  if (served.kind === 'sts' && expiresAt <= now) {
    throw new ServeRefusal('CredentialsExpired', t('The STS token of profile "{0}" has expired. Edit the profile in VS Code and enter a new one.', served.profile.name));
  }
  if (Number.isNaN(expiresAt) || expiresAt <= now) {
    // Renewed credentials always carry a future expiry; anything else is not handed out.
    throw new ServeRefusal('CredentialsUnavailable', t('Profile "{0}" has no credentials to serve now: {1}', served.profile.name, t('they arrived without a valid expiry.')));
  }
  return {
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    securityToken: credentials.securityToken,
    expiration: utcSeconds(expiresAt),
  };
}

/** `2026-12-06T21:00:00Z`: the one form every SDK parses (the Node SDK takes 20 or 24 characters only). */
function utcSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
