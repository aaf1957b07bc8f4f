import { t } from '../../util/l10n';
import type { CheckedValue } from '../profile';

// The values of a new RAM user, checked as RAM checks them, so a refusal comes before anything
// is created rather than half-way.

export const RAM_USER_NAME_MAX = 64;
export const RAM_DISPLAY_NAME_MAX = 128;
export const RAM_POLICY_NAME_MAX = 128;

const USER_NAME_RE = /^[A-Za-z0-9.@_-]+$/;
const DISPLAY_NAME_RE = /^[A-Za-z0-9.@_\- \u4e00-\u9fa5]+$/u;
const POLICY_NAME_RE = /^[A-Za-z0-9-]+$/;

interface NameRule {
  readonly max: number;
  readonly pattern: RegExp;
  readonly empty: () => string;
  readonly tooLong: (max: number) => string;
  readonly badChars: () => string;
}

function checkNameBy(rule: NameRule, raw: string | undefined): CheckedValue<string> {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: false, message: rule.empty() };
  }
  if (value.length > rule.max) {
    return { ok: false, message: rule.tooLong(rule.max) };
  }
  return rule.pattern.test(value) ? { ok: true, value } : { ok: false, message: rule.badChars() };
}

const USER_NAME: NameRule = {
  max: RAM_USER_NAME_MAX, pattern: USER_NAME_RE, empty: () => t('Give the RAM user a name.'),
  tooLong: (max) => t('A RAM user name has at most {0} characters.', max),
  badChars: () => t('A RAM user name may contain only letters (A–Z, a–z), digits and . @ _ -'),
};

const DISPLAY_NAME: NameRule = {
  max: RAM_DISPLAY_NAME_MAX, pattern: DISPLAY_NAME_RE, empty: () => t('Give the RAM user a display name.'),
  tooLong: (max) => t('A display name has at most {0} characters.', max),
  badChars: () => t('A display name may contain only letters (A–Z, a–z), digits, Chinese characters, spaces and . @ _ -'),
};

/** RAM's UserName: 1–64 of letters, digits and `. @ _ -`. */
export function checkRamUserName(raw: string | undefined): CheckedValue<string> {
  return checkNameBy(USER_NAME, raw);
}

/** RAM's DisplayName: 1–128 of letters, digits, Chinese characters, spaces and `. @ _ -`. */
export function checkRamDisplayName(raw: string | undefined): CheckedValue<string> {
  return checkNameBy(DISPLAY_NAME, raw);
}

/** A policy's name as RAM takes it: 1–128 of letters, digits and `-`. */
export function checkPolicyName(raw: string | undefined): CheckedValue<string> {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: false, message: t('Type the name of a policy, such as AliyunOSSReadOnlyAccess.') };
  }
  if (value.length > RAM_POLICY_NAME_MAX || !POLICY_NAME_RE.test(value)) {
    return { ok: false, message: t('A policy name has at most {0} letters, digits and hyphens: {1} is not one.', RAM_POLICY_NAME_MAX, value) };
  }
  return { ok: true, value };
}

/** At least one policy, each well-formed; repeats dropped, the order kept. */
export function checkPolicies(raw: readonly unknown[] | undefined): CheckedValue<string[]> {
  const names: string[] = [];
  for (const item of raw ?? []) {
    const checked = checkPolicyName(typeof item === 'string' ? item : undefined);
    if (!checked.ok) {
      return checked;
    }
    if (!names.includes(checked.value)) {
      names.push(checked.value);
    }
  }
  if (names.length === 0) {
    return { ok: false, message: t('Pick at least one permission: a RAM user without a policy may do nothing, so its AccessKey would be of no use.') };
  }
  return { ok: true, value: names };
}

export interface PolicyChoice {
  readonly name: string;
  readonly description: () => string;
  /** Grants (nearly) everything: say so where it is picked. */
  readonly broad?: boolean;
}

/** The system policies offered first, each with what it allows; the person may type any other. */
export const SUGGESTED_POLICIES: readonly PolicyChoice[] = [
  { name: 'AliyunSLBReadOnlyAccess', description: () => t('Read load balancers, their listeners and backend servers.') },
  { name: 'AliyunSLBFullAccess', description: () => t('Create, change and delete load balancers.') },
  { name: 'AliyunRAMReadOnlyAccess', description: () => t('Read RAM users, roles, AccessKeys and the credential report.') },
  { name: 'AliyunRAMFullAccess', description: () => t('Manage RAM users, roles and AccessKeys; it can grant itself more, so give it only to administrators.'), broad: true },
  { name: 'AliyunSTSAssumeRoleAccess', description: () => t('Assume RAM roles (STS AssumeRole), for role profiles.') },
  { name: 'AdministratorAccess', description: () => t('Everything in the account, as much as the root key. Rarely what a program needs.'), broad: true },
];
