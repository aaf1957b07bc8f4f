/**
 * What the RAM actions share: parameter checks, named users and roles, and Marker/MaxItems paging.
 */
import { ActionContext, ResponseBody, param } from './api';
import { Errors } from './errors';
import { POLICY_DESCRIPTIONS } from './policy';
import type { Role } from './roles';
import { User, indexBySeq } from './state';

const NAME_RE = /^[A-Za-z0-9.@_-]+$/;

/** UserName / RoleName: 1–64 of `A-Z a-z 0-9 . @ - _`. */
export function checkName(param: 'UserName' | 'RoleName', name: string): void {
  if (!NAME_RE.test(name)) {
    throw Errors.ramInvalidChars(param);
  }
  if (name.length > 64) {
    throw Errors.ramLength(param);
  }
}

export function requireParam(ctx: ActionContext, name: string): string {
  const v = param(ctx, name);
  if (v === undefined) {
    throw Errors.missing(name);
  }
  return v;
}

/** A named user of the caller's account, or EntityNotExist.User. */
export function namedUser(ctx: ActionContext, name: string): User {
  checkName('UserName', name);
  const user = ctx.state.findUser(ctx.caller.account, name);
  if (!user) {
    throw Errors.userNotFound();
  }
  return user;
}

/** The role named by `RoleName` in the caller's account, or EntityNotExist.Role. */
export function namedRole(ctx: ActionContext): Role {
  const name = requireParam(ctx, 'RoleName');
  checkName('RoleName', name);
  const role = ctx.state.findRole(ctx.caller.account, name);
  if (!role) {
    throw Errors.ramRoleNotFound();
  }
  return role;
}

/**
 * One page of `list` (ascending `seq`) by `MaxItems` (1–1000, default 100) and the opaque `Marker`,
 * which names the first item of the next page and is returned only while `IsTruncated`.
 */
export function pageOf<T extends { seq: number }>(ctx: ActionContext, list: readonly T[], kind: string): { items: T[]; truncated: boolean; marker?: string } {
  const rawMax = param(ctx, 'MaxItems');
  let maxItems = 100;
  if (rawMax !== undefined) {
    if (!/^\d+$/.test(rawMax) || Number(rawMax) < 1 || Number(rawMax) > 1000) {
      throw Errors.ramInvalidValue('MaxItems');
    }
    maxItems = Number(rawMax);
  }
  const marker = param(ctx, 'Marker');
  let start = 0;
  if (marker !== undefined) {
    const m = new RegExp(`^${kind}:(\\d+)$`).exec(Buffer.from(marker, 'base64').toString('utf8'));
    if (!m) {
      throw Errors.ramInvalidValue('Marker');
    }
    start = indexBySeq(list, Number(m[1]));
  }
  const end = Math.min(start + maxItems, list.length);
  const truncated = end < list.length;
  return {
    items: list.slice(start, end),
    truncated,
    marker: truncated ? Buffer.from(`${kind}:${list[end].seq}`, 'utf8').toString('base64') : undefined,
  };
}

/** `Policies.Policy[]` of ListPoliciesForUser / ListPoliciesForRole: system policies only. */
export function policiesJson(policies: readonly string[], dates: ReadonlyMap<string, string>, fallbackDate: string): ResponseBody {
  return {
    Policies: {
      Policy: policies.map((name) => ({
        PolicyName: name,
        PolicyType: 'System',
        Description: POLICY_DESCRIPTIONS[name] ?? '',
        DefaultVersion: 'v1',
        AttachDate: dates.get(name) ?? fallbackDate,
      })),
    },
  };
}
