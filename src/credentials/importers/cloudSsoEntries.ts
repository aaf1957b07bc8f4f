// CloudSSO profiles of the aliyun CLI: the directory's sign-in URL, the account and the access
// configuration become a CloudSSO profile; the CLI's access token, while it works, moves into
// secret storage. The cached STS credentials are left behind: they are renewed from the token.
import { checkSignInUrl, type AccessToken } from '../../aliyun/cloudSsoPortal';
import { t } from '../../util/l10n';
import type { CloudSsoDefinition } from '../profile';
import type { EntryOutcome } from './roleEntries';
import { entryNameAndRegion, type FoundCloudSso } from './types';

export type { FoundCloudSso };

type JsonObject = Record<string, unknown>;

/** The fields of a CLI CloudSSO profile that carry a secret, or describe one (its end): removal takes them all. */
export const CLI_CLOUDSSO_SECRET_FIELDS = ['access_token', 'cloud_sso_access_token_expire', 'access_key_secret', 'sts_token', 'sts_expiration'] as const;

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Account IDs are digits; anything else is a typo or a field pasted in the wrong place. */
const ACCOUNT_ID = /^\d{1,32}$/;
/** Access configuration IDs look like `ac-…`; we only refuse what cannot be one. */
const ACCESS_CONFIGURATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_TOKEN = 8192;

function holdsSecrets(p: JsonObject): boolean {
  return ['access_token', 'access_key_secret', 'sts_token'].some((f) => text(p[f]) !== '');
}

/** Is this CLI entry a CloudSSO one? The mode says so, or (no mode) the sign-in URL does, as the CLI decides. */
export function isCliCloudSso(p: JsonObject, declared: string): boolean {
  return declared === 'CloudSSO' || (!declared && text(p.cloud_sso_sign_in_url).trim() !== '');
}

/** The token of the entry, when it is one that still works at `now`. */
function readToken(p: JsonObject, now: number): Pick<FoundCloudSso, 'token' | 'tokenState'> {
  const token = typeof p.access_token === 'string' ? p.access_token.trim() : '';
  if (!token) {
    return { tokenState: 'none' };
  }
  const expire = typeof p.cloud_sso_access_token_expire === 'number' ? p.cloud_sso_access_token_expire : Number(text(p.cloud_sso_access_token_expire) || NaN);
  // The CLI treats a token without an end as ended, and so do we; a token with odd characters is not one.
  if (!Number.isFinite(expire) || expire * 1000 <= now || token.length > MAX_TOKEN || /[\s\p{Cc}]/u.test(token)) {
    return { tokenState: 'expired' };
  }
  return { tokenState: 'valid', token: { accessToken: token, expiresAt: new Date(expire * 1000).toISOString() } };
}

export interface CliReadOptions {
  /** alibabaCloud.allowInsecureEndpoints: a sign-in URL may be plain http to another computer (read only for such a URL). */
  readonly allowInsecure?: boolean | (() => boolean);
  /** ms since the epoch: whether a token has ended. */
  readonly now?: number;
}

/** A CloudSSO entry on its own: the profile it becomes, or why it cannot be imported (nothing secret in the reason). */
export function readCloudSsoEntry(p: JsonObject, name: string, raw: string, options: CliReadOptions = {}): EntryOutcome {
  const key = raw || name;
  const refuse = (reason: string): EntryOutcome => ({ name: key, notImportable: { name, mode: 'CloudSSO', reason } });
  const rawUrl = text(p.cloud_sso_sign_in_url).trim();
  if (!rawUrl) {
    return refuse(t('it has no cloud_sso_sign_in_url: the sign-in URL of the CloudSSO directory. Configure it again with "aliyun configure --mode CloudSSO", or sign in with CloudSSO here.'));
  }
  const url = checkSignInUrl(rawUrl, { allowInsecure: options.allowInsecure });
  if (!url.ok) {
    return refuse(t('its cloud_sso_sign_in_url is not valid. {0}', url.message));
  }
  const accountId = text(p.cloud_sso_account_id).trim();
  if (!accountId) {
    return refuse(t('it has no cloud_sso_account_id: the CLI never finished choosing an account. Sign in with CloudSSO here instead.'));
  }
  if (!ACCOUNT_ID.test(accountId)) {
    return refuse(t('its cloud_sso_account_id is not an Alibaba Cloud account ID (digits only).'));
  }
  const accessConfigurationId = text(p.cloud_sso_access_config).trim();
  if (!accessConfigurationId) {
    return refuse(t('it has no cloud_sso_access_config: the CLI never finished choosing an access configuration. Sign in with CloudSSO here instead.'));
  }
  if (!ACCESS_CONFIGURATION_ID.test(accessConfigurationId)) {
    return refuse(t('its cloud_sso_access_config is not an access configuration ID (such as ac-0123abcd).'));
  }
  const entry = entryNameAndRegion(name, text(p.region_id));
  return {
    name: key,
    found: {
      name: entry.name,
      kind: 'CloudSSO',
      accessKeyId: '',
      secrets: { accessKeySecret: '' },
      sso: { signInUrl: url.value, accountId, accessConfigurationId, ...readToken(p, options.now ?? Date.now()), holdsSecrets: holdsSecrets(p) },
      regionId: entry.regionId,
      source: `aliyun-cli:${name}`,
      ref: raw,
    },
  };
}

/** What a CloudSSO profile stores: the definition without the sign-in the file carried. */
export function definitionOf(found: FoundCloudSso): CloudSsoDefinition {
  return { signInUrl: found.signInUrl, accountId: found.accountId, accessConfigurationId: found.accessConfigurationId };
}

/** Removes the token, its end and the cached STS credentials of a CLI CloudSSO entry; true when it held any. */
export function removeCloudSsoSecrets(p: JsonObject): boolean {
  const had = holdsSecrets(p);
  // With the token's end and the STS expiration gone, the CLI signs in again instead of using empty values.
  CLI_CLOUDSSO_SECRET_FIELDS.forEach((f) => delete p[f]);
  return had;
}

/** Where an import puts the sign-ins it carries (CloudSsoSignIns). */
export interface SignInTarget {
  signIn(signInUrl: string): Promise<{ readonly expiresAt: string } | undefined>;
  save(signInUrl: string, token: AccessToken): Promise<void>;
}

/** What happened to the sign-in of one directory: its token `saved`, or the one held already `kept` (it ends later). */
export interface ImportedSignIn {
  readonly signInUrl: string;
  readonly outcome: 'saved' | 'kept';
  readonly expiresAt: string;
}

/**
 * Moves the working tokens of the given entries into secret storage: per sign-in URL the one that
 * ends last, unless the sign-in held already ends later still (a newer sign-in wins).
 */
export async function importSignIns(entries: readonly FoundCloudSso[], target: SignInTarget): Promise<ImportedSignIn[]> {
  const best = new Map<string, AccessToken>();
  for (const e of entries) {
    const current = best.get(e.signInUrl);
    if (e.token && (!current || Date.parse(e.token.expiresAt) > Date.parse(current.expiresAt))) {
      best.set(e.signInUrl, e.token);
    }
  }
  const out: ImportedSignIn[] = [];
  for (const [signInUrl, token] of best) {
    const held = await target.signIn(signInUrl);
    if (held && Date.parse(held.expiresAt) >= Date.parse(token.expiresAt)) {
      out.push({ signInUrl, outcome: 'kept', expiresAt: held.expiresAt });
      continue;
    }
    await target.save(signInUrl, token);
    out.push({ signInUrl, outcome: 'saved', expiresAt: token.expiresAt });
  }
  return out;
}
