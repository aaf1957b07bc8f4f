/**
 * RAM roles: built from the seed, their ARN, their trust policy as RAM shows it, and who it trusts.
 */
import type { Caller } from './api';
import type { SeedRole } from './seedTypes';
import { isoSeconds, stableDigits } from './util';

export interface Trust {
  account: boolean;
  users: string[];
  roles: string[];
  externalId?: string;
}

export interface Role {
  roleName: string;
  roleId: string;
  description: string;
  maxSessionDuration: number;
  createDate: string;
  updateDate: string;
  trust: Trust;
  policies: string[];
  /** When each policy was attached (ListPoliciesForRole). */
  policyDates: Map<string, string>;
  /** Seed order; ListRoles pages by it. */
  seq: number;
}

/** The stable id a role (or a seeded STS token of that role name) gets when the seed names none. */
export function defaultRoleId(accountId: string, roleName: string): string {
  return `3${stableDigits(`${accountId}/role/${roleName}`, 18)}`;
}

export function roleFromSeed(accountId: string, s: SeedRole, seq: number, loadedAtMs: number, taken: ReadonlySet<string>): Role {
  let roleId = s.roleId ?? defaultRoleId(accountId, s.roleName);
  while (s.roleId === undefined && taken.has(roleId)) {
    roleId = `3${stableDigits(`${roleId}+`, 18)}`;
  }
  const createDate = isoSeconds(s.createDate ? Date.parse(s.createDate) : loadedAtMs);
  const policies = [...new Set(s.policies ?? [])];
  return {
    roleName: s.roleName,
    roleId,
    description: s.description ?? '',
    maxSessionDuration: s.maxSessionDuration ?? 3600,
    createDate,
    updateDate: s.updateDate ? isoSeconds(Date.parse(s.updateDate)) : createDate,
    // No trust at all: the console's default for a role of this account, the account itself.
    trust: s.trust
      ? { account: s.trust.account ?? false, users: [...(s.trust.users ?? [])], roles: [...(s.trust.roles ?? [])], externalId: s.trust.externalId }
      : { account: true, users: [], roles: [] },
    policies,
    policyDates: new Map(policies.map((p) => [p, createDate])),
    seq,
  };
}

/** `acs:ram::<id>:role/<name>` with the name lowercased, as RAM and the console show it. */
export function roleArn(accountId: string, role: Role): string {
  return `acs:ram::${accountId}:role/${role.roleName.toLowerCase()}`;
}

/** The trust policy as GetRole's `AssumeRolePolicyDocument` (a JSON string). */
export function assumeRolePolicyDocument(accountId: string, role: Role): string {
  const principals = [
    ...(role.trust.account ? [`acs:ram::${accountId}:root`] : []),
    ...role.trust.users.map((u) => `acs:ram::${accountId}:user/${u}`),
    ...role.trust.roles.map((r) => `acs:ram::${accountId}:role/${r.toLowerCase()}`),
  ];
  const statement: Record<string, unknown> = { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: principals } };
  if (role.trust.externalId !== undefined) {
    statement.Condition = { StringEquals: { 'sts:ExternalId': role.trust.externalId } };
  }
  return JSON.stringify({ Statement: [statement], Version: '1' });
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Does the role's trust policy name the caller (a user or a role of the role's own account)? */
export function trusts(role: Role, roleAccountId: string, caller: Caller): boolean {
  if (caller.kind === 'root' || caller.account.accountId !== roleAccountId) {
    return false;
  }
  if (role.trust.account) {
    return true;
  }
  if (caller.kind === 'user') {
    return role.trust.users.some((u) => same(u, caller.user.userName));
  }
  const callerRole = caller.cred.roleName;
  return role.trust.roles.some((r) => same(r, callerRole));
}
