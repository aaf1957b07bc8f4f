import { t } from '../util/l10n';

export type ProfileKind = 'AccessKey' | 'StsToken';

/** What we keep about a profile outside the secret entries: nothing here is secret. */
export interface Profile {
  readonly id: string;
  readonly name: string;
  readonly kind: ProfileKind;
  readonly accessKeyId: string;
  readonly regionId: string;
  /** dev / test / prod …: colours the status bar. */
  readonly label?: string;
  /** Where it came from: `manual`, `aliyun-cli:<name>`, `credentials-file:<name>`, `csv`, `created`. */
  readonly source: string;
  readonly createdAt: string;
  /** STS tokens only. */
  readonly expiration?: string;
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

/** A validation result: the cleaned value, or a message to show in the input box. */
export type Checked = { ok: true; value: string } | { ok: false; message: string };

function clean(raw: string | undefined, what: string, max: number): Checked {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: false, message: t('{0} cannot be empty.', what) };
  }
  if (/\s/.test(value)) {
    return { ok: false, message: t('{0} contains a space or line break inside it. Paste it again without them.', what) };
  }
  if (value.length > max) {
    return { ok: false, message: t('{0} is too long ({1} characters; at most {2}).', what, value.length, max) };
  }
  return { ok: true, value };
}

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
