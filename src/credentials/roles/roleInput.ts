import { t } from '../../util/l10n';
import type { CheckedValue } from '../profile';

export type { CheckedValue };

/** `acs:ram::<account id>:role/<role name>`: the only form STS accepts. */
const ROLE_ARN = /^acs:ram::(\d{1,32}):role\/([A-Za-z0-9._-]{1,64})$/;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

/** STS's own bounds: 900 s, and the longest maximum a role may set (12 hours). */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43200;
export const DEFAULT_DURATION_SECONDS = 3600;
const MAX_EXTERNAL_ID = 1224;
const MAX_POLICY = 2048;

export interface RoleArn {
  readonly arn: string;
  readonly accountId: string;
  readonly roleName: string;
}

export function parseRoleArn(raw: string | undefined): CheckedValue<RoleArn> {
  const value = (raw ?? '').trim();
  const match = ROLE_ARN.exec(value);
  if (!match) {
    return { ok: false, message: t('A role ARN looks like acs:ram::1234567890123456:role/deployer (the account ID, then the role name).') };
  }
  return { ok: true, value: { arn: value, accountId: match[1], roleName: match[2] } };
}

export function checkSessionName(raw: string | undefined): CheckedValue<string> {
  const value = (raw ?? '').trim();
  if (!SESSION_NAME.test(value)) {
    return { ok: false, message: t('A session name has 2 to 64 characters: letters, digits and . @ _ -.') };
  }
  return { ok: true, value };
}

/** A session name STS accepts, made from a user's name (or anything else): other characters become '-'. */
export function sessionNameFrom(name: string | undefined): string {
  const cleaned = (name ?? '').replace(/[^A-Za-z0-9.@_-]/g, '-').slice(0, 64);
  return cleaned.length >= 2 ? cleaned : 'vscode-session';
}

export function checkDuration(raw: string | number | undefined): CheckedValue<number> {
  const text = String(raw ?? '').trim();
  const value = text === '' ? DEFAULT_DURATION_SECONDS : Number(text);
  if (!Number.isInteger(value) || value < MIN_DURATION_SECONDS || value > MAX_DURATION_SECONDS) {
    return { ok: false, message: t('The duration is a whole number of seconds from {0} to {1} (the role may allow less).', MIN_DURATION_SECONDS, MAX_DURATION_SECONDS) };
  }
  return { ok: true, value };
}

export function checkExternalId(raw: string | undefined): CheckedValue<string | undefined> {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: true, value: undefined };
  }
  if (value.length < 2 || value.length > MAX_EXTERNAL_ID || /\s/.test(value)) {
    return { ok: false, message: t('An external ID has 2 to {0} characters and no spaces.', MAX_EXTERNAL_ID) };
  }
  return { ok: true, value };
}

/** A session policy: a JSON policy document with a Statement list, or nothing. */
export function checkSessionPolicy(raw: string | undefined): CheckedValue<string | undefined> {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: true, value: undefined };
  }
  if (value.length > MAX_POLICY) {
    return { ok: false, message: t('A session policy has at most {0} characters.', MAX_POLICY) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { ok: false, message: t('The session policy is not JSON. It looks like {"Version":"1","Statement":[{"Effect":"Allow","Action":"slb:Describe*","Resource":"*"}]}.') };
  }
  const statements = (parsed as { Statement?: unknown } | null)?.Statement;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(statements) || statements.length === 0) {
    return { ok: false, message: t('The session policy needs a "Statement" list, e.g. {"Version":"1","Statement":[{"Effect":"Allow","Action":"slb:Describe*","Resource":"*"}]}.') };
  }
  return { ok: true, value: JSON.stringify(parsed) };
}
