import { isValidRegionId } from '../aliyun/endpoints';
import type { CheckedValue } from '../util/checked';
import { t } from '../util/l10n';

/** The one region-ID rule (it guards host names, so it lives with the endpoints). */
export { isValidRegionId };

export type ProfileKind = 'AccessKey' | 'StsToken' | 'RamRole' | 'CloudSSO';

/** A role profile: which role to assume, asking with which source profile (an AccessKey profile, or another role profile). */
export interface RoleDefinition {
  readonly roleArn: string;
  readonly sourceProfileId: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly externalId?: string;
  /** A session policy (JSON): narrows what the role may do in this profile. */
  readonly policy?: string;
}

/** A CloudSSO profile: which account and access configuration, through which directory's sign-in. */
export interface CloudSsoDefinition {
  /** The directory's full sign-in URL, as given (https://signin-….alibabacloudsso.com/start/login; http only for loopback). */
  readonly signInUrl: string;
  readonly accountId: string;
  readonly accountName?: string;
  readonly accessConfigurationId: string;
  readonly accessConfigurationName?: string;
}

/** What we keep about a profile outside the secret entries: nothing here is secret. */
export interface Profile {
  readonly id: string;
  readonly name: string;
  readonly kind: ProfileKind;
  readonly accessKeyId: string;
  readonly regionId: string;
  /** dev / test / prod …: colours the status bar. */
  readonly label?: string;
  /**
   * Where it came from: `manual`, `aliyun-cli:<name>`, `credentials-file:<section>`, `csv:<file>`,
   * `copy:<name>` (duplicated), `created` (a key made by this extension).
   */
  readonly source: string;
  readonly createdAt: string;
  /** Last change of this entry (ISO 8601); decides which edit wins when two windows edit at once. */
  readonly updatedAt?: string;
  /** STS tokens only: when the token stops working (ISO 8601), when known. */
  readonly expiration?: string;
  /** When the AccessKey was created (ISO 8601), when known: the status bar shows its age. */
  readonly keyCreatedAt?: string;
  /** Role profiles only (their `accessKeyId` is empty: the key is the source's, the credentials temporary). */
  readonly role?: RoleDefinition;
  /** CloudSSO profiles only (their `accessKeyId` is empty and they have no secret entry: the credentials come from the sign-in). */
  readonly sso?: CloudSsoDefinition;
}

export function isRoleProfile(profile: Profile): profile is Profile & { readonly role: RoleDefinition } {
  return profile.kind === 'RamRole' && profile.role !== undefined;
}

export function isCloudSsoProfile(profile: Profile): profile is Profile & { readonly sso: CloudSsoDefinition } {
  return profile.kind === 'CloudSSO' && profile.sso !== undefined;
}

/** Profiles whose credentials are obtained (temporary), not stored: role and CloudSSO profiles. */
export function hasObtainedCredentials(profile: Profile): boolean {
  return isRoleProfile(profile) || isCloudSsoProfile(profile);
}

export interface ProfileSecrets {
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

export const DEFAULT_REGION = 'cn-hangzhou';

/** The regions offered before (or without) a DescribeRegions answer. */
export const FALLBACK_REGIONS: readonly string[] = [
  'cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-qingdao', 'cn-zhangjiakou', 'cn-huhehaote',
  'cn-wulanchabu', 'cn-chengdu', 'cn-heyuan', 'cn-guangzhou', 'cn-hongkong', 'ap-southeast-1', 'ap-southeast-3',
  'ap-southeast-5', 'ap-southeast-6', 'ap-northeast-1', 'ap-south-1', 'us-west-1', 'us-east-1', 'eu-central-1',
  'eu-west-1', 'me-east-1',
];

const MAX_NAME = 64;
const MAX_ID = 128;
const MAX_SECRET = 256;
const MAX_TOKEN = 8192;

export type { CheckedValue };
export type Checked = CheckedValue<string>;

function clean(raw: string | undefined, what: string, max: number): Checked {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: false, message: t('{0} cannot be empty.', what) };
  }
  if (/\s/.test(value)) {
    return { ok: false, message: t('{0} contains a space or line break inside it. Paste it again without them.', what) };
  }
  // Zero-width spaces, soft hyphens and control characters come along when copying from web pages and chats.
  if (/[\p{Cc}\p{Cf}]/u.test(value)) {
    return { ok: false, message: t('{0} contains an invisible character (such as a zero-width space) inside it. Paste it again without it.', what) };
  }
  if (value.length > max) {
    return { ok: false, message: t('{0} is too long ({1} characters; at most {2}).', what, value.length, max) };
  }
  return { ok: true, value };
}

/** `base` and then `suffix`, with `base` cut so the whole stays within the name limit. */
export function suffixedName(base: string, suffix: string): string {
  return base.slice(0, MAX_NAME - suffix.length) + suffix;
}

/** The first of `candidate(1)`, `candidate(2)`, … that no profile has (names compare case-insensitively). */
export function uniqueProfileName(taken: Iterable<string>, candidate: (n: number) => string): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const name = candidate(n);
    if (!lower.has(name.toLowerCase())) {
      return name;
    }
  }
}

/** Control characters, and the invisible ones that copying from web pages and chats brings along (emoji joiners are fine). */
const INVISIBLE = /[\p{Cc}\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

export function checkProfileName(raw: string | undefined, taken: readonly string[] = []): Checked {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: false, message: t('Give the profile a name.') };
  }
  if (value.length > MAX_NAME) {
    return { ok: false, message: t('The name is too long (at most {0} characters).', MAX_NAME) };
  }
  if (/[\r\n\t]/.test(value)) {
    return { ok: false, message: t('The name cannot contain line breaks or tabs.') };
  }
  // Invisible characters would let two names look the same ("dev" and "de\u200Bv").
  if (INVISIBLE.test(value)) {
    return { ok: false, message: t('The name cannot contain invisible or control characters (such as a zero-width space).') };
  }
  if (taken.some((n) => n.toLowerCase() === value.toLowerCase())) {
    return { ok: false, message: t('A profile named "{0}" already exists.', value) };
  }
  return { ok: true, value };
}

export function checkAccessKeyId(raw: string | undefined): Checked {
  const checked = clean(raw, t('The AccessKey ID'), MAX_ID);
  if (!checked.ok) {
    return checked;
  }
  if (!/^(STS\.)?[A-Za-z0-9]+$/.test(checked.value)) {
    return { ok: false, message: t('An AccessKey ID has only letters and digits (an STS one starts with "STS."). Check what was pasted.') };
  }
  if (checked.value.length < 8) {
    return { ok: false, message: t('This AccessKey ID is too short to be real.') };
  }
  return checked;
}

export function checkAccessKeySecret(raw: string | undefined): Checked {
  const checked = clean(raw, t('The AccessKey secret'), MAX_SECRET);
  if (checked.ok && checked.value.length < 8) {
    return { ok: false, message: t('This AccessKey secret is too short to be real.') };
  }
  return checked;
}

export function checkSecurityToken(raw: string | undefined): Checked {
  return clean(raw, t('The security token'), MAX_TOKEN);
}

export function isStsAccessKeyId(accessKeyId: string): boolean {
  return accessKeyId.startsWith('STS.');
}

const MAX_LABEL = 32;
const MAX_REGION = 40;

/** The environment labels offered first; any short word is allowed. */
export const SUGGESTED_LABELS: readonly string[] = ['dev', 'test', 'staging', 'prod'];

/** A label that marks production (`prod`, `production`, `prod-eu` …): the status bar warns. */
export function isProductionLabel(label: string | undefined): boolean {
  return /^prod/i.test(label?.trim() ?? '');
}

/** An empty label means "no label". */
export function checkLabel(raw: string | undefined): Checked {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: true, value: '' };
  }
  if (value.length > MAX_LABEL) {
    return { ok: false, message: t('The environment label is too long (at most {0} characters), e.g. dev, test or prod.', MAX_LABEL) };
  }
  if (/[\r\n\t]/.test(value)) {
    return { ok: false, message: t('The environment label cannot contain line breaks or tabs.') };
  }
  // The label picks the status bar's colour (prod…): "pro\u200Bd" must not pass for something else.
  if (INVISIBLE.test(value)) {
    return { ok: false, message: t('The environment label cannot contain invisible or control characters (such as a zero-width space).') };
  }
  return { ok: true, value };
}

export function checkRegionId(raw: string | undefined): Checked {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: false, message: t('Choose a region, e.g. {0}.', DEFAULT_REGION) };
  }
  if (!isValidRegionId(value)) {
    return { ok: false, message: t('"{0}" is not a region ID. Region IDs look like cn-hangzhou or ap-southeast-1.', String(value).slice(0, MAX_REGION)) };
  }
  return { ok: true, value };
}

/** The region ID itself, exactly as stored (no trimming); throws with checkRegionId's message otherwise. */
export function requireRegionId(value: unknown): string {
  if (isValidRegionId(value)) {
    return value;
  }
  const checked = checkRegionId(typeof value === 'string' ? value : undefined);
  throw new Error(checked.ok
    ? t('"{0}" is not a region ID. Region IDs look like cn-hangzhou or ap-southeast-1.', JSON.stringify(value).slice(0, MAX_REGION))
    : checked.message);
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The expiry of an STS token: empty (unknown) or a date and time (ISO 8601, `2030-01-01T00:00:00Z`).
 * A time in the past is refused: such a token no longer works.
 */
export function checkExpiration(raw: string | undefined, now: Date = new Date()): Checked {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: true, value: '' };
  }
  const form = /^(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (form && !isCalendarDay(Number(form[1]), Number(form[2]), Number(form[3]))) {
    // Date.parse would quietly turn 2030-02-30 into 2030-03-02.
    return { ok: false, message: t('There is no {0} in the calendar. Enter the expiry as a date and time, e.g. 2030-01-31T12:00:00Z, or leave it empty if unknown.', value.slice(0, 10)) };
  }
  const time = form ? Date.parse(value.replace(' ', 'T')) : NaN;
  if (Number.isNaN(time)) {
    return { ok: false, message: t('Enter the expiry as a date and time, e.g. 2030-01-31T12:00:00Z, or leave it empty if unknown.') };
  }
  if (time <= now.getTime()) {
    return { ok: false, message: t('This time is in the past: the token has already expired. Get a new STS token.') };
  }
  return { ok: true, value: new Date(time).toISOString() };
}

/** An STS AccessKey ID goes with a token, a permanent one without. */
export function checkTokenFor(accessKeyId: string, securityToken: string | undefined): Checked {
  const token = securityToken?.trim() ?? '';
  if (isStsAccessKeyId(accessKeyId)) {
    if (!token) {
      return { ok: false, message: t('An AccessKey ID that starts with "STS." is temporary and works only with its security token. Paste the token too, or use a permanent AccessKey ID (LTAI…).') };
    }
    return checkSecurityToken(token);
  }
  if (token) {
    return { ok: false, message: t('A security token goes only with a temporary AccessKey ID (one that starts with "STS."). Leave the token empty for a permanent key.') };
  }
  return { ok: true, value: '' };
}

/** Everything a profile's credentials must satisfy, cleaned; the first problem otherwise. */
export interface CredentialInput {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  expiration?: string;
}

export type CheckedCredentials =
  | { ok: true; accessKeyId: string; secrets: ProfileSecrets; kind: ProfileKind; expiration?: string }
  | { ok: false; message: string };

export function checkCredentials(input: CredentialInput, now: Date = new Date()): CheckedCredentials {
  const id = checkAccessKeyId(input.accessKeyId);
  if (!id.ok) {
    return id;
  }
  const secret = checkAccessKeySecret(input.accessKeySecret);
  if (!secret.ok) {
    return secret;
  }
  const token = checkTokenFor(id.value, input.securityToken);
  if (!token.ok) {
    return token;
  }
  const sts = isStsAccessKeyId(id.value);
  const expiration = sts ? checkExpiration(input.expiration, now) : { ok: true as const, value: '' };
  if (!expiration.ok) {
    return expiration;
  }
  return {
    ok: true,
    accessKeyId: id.value,
    secrets: { accessKeySecret: secret.value, securityToken: sts ? token.value : undefined },
    kind: sts ? 'StsToken' : 'AccessKey',
    expiration: expiration.value || undefined,
  };
}
