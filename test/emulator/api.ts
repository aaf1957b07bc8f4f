/**
 * Types shared by the product modules (ram.ts, sts.ts, slb.ts, ims.ts) and the server, and the
 * permission check every signed request goes through.
 */
import * as crypto from 'crypto';
import { AccessDeniedDetail, ApiError } from './errors';
import type { Product } from './faults';
import { documentDecision, policiesAllow } from './policy';
import type { Account, EmulatorState, KeyRecord, StsCredential, User } from './state';

export type Caller =
  | { kind: 'root'; account: Account; key: KeyRecord }
  | { kind: 'user'; account: Account; user: User; key: KeyRecord }
  | { kind: 'sts'; account: Account; cred: StsCredential };

export interface ActionContext {
  caller: Caller;
  /** Business parameters (query and form body, common parameters included). */
  params: ReadonlyMap<string, string>;
  state: EmulatorState;
  nowMs: number;
}

export type ResponseBody = Record<string, unknown>;

export interface ActionDef {
  handler: (ctx: ActionContext) => ResponseBody;
  /** `ram:ListUsers`; undefined = no permission needed (sts:GetCallerIdentity). */
  authAction?: string;
  /** Checked by the gateway before authorization (e.g. SLB's RegionId → MissingRegionId). */
  required?: readonly string[];
}

export interface ProductDef {
  product: Product;
  /** Product code as used in the `Recommend` URL. */
  code: 'Ram' | 'Sts' | 'Slb' | 'Ims';
  version: string;
  actions: Readonly<Record<string, ActionDef>>;
  hostId(params: ReadonlyMap<string, string>): string;
  denied(detail: AccessDeniedDetail): ApiError;
}

export function param(ctx: ActionContext, name: string): string | undefined {
  const v = ctx.params.get(name);
  return v === undefined || v === '' ? undefined : v;
}

export function accessDeniedDetail(
  caller: Caller,
  authAction: string,
  policyType = 'AccountLevelIdentityBasedPolicy',
  noPermissionType: AccessDeniedDetail['NoPermissionType'] = 'ImplicitDeny',
): AccessDeniedDetail {
  const encoded = crypto.randomBytes(180).toString('base64');
  if (caller.kind === 'user') {
    return {
      AuthAction: authAction,
      AuthPrincipalType: 'SubUser',
      AuthPrincipalOwnerId: caller.account.accountId,
      AuthPrincipalDisplayName: caller.user.userId,
      PolicyType: policyType,
      NoPermissionType: noPermissionType,
      EncodedDiagnosticMessage: `AQIBIAAAA${encoded}`,
    };
  }
  const displayName =
    caller.kind === 'sts' ? `${caller.cred.roleName}:${caller.cred.roleSessionName}` : caller.account.accountId;
  return {
    AuthAction: authAction,
    AuthPrincipalType: caller.kind === 'sts' ? 'AssumedRoleUser' : 'Account',
    AuthPrincipalOwnerId: caller.account.accountId,
    AuthPrincipalDisplayName: displayName,
    PolicyType: policyType,
    NoPermissionType: noPermissionType,
    EncodedDiagnosticMessage: `AQIBIAAAA${encoded}`,
  };
}

export function callerPolicies(caller: Caller): readonly string[] | undefined {
  switch (caller.kind) {
    case 'root':
      return undefined;
    case 'user':
      return caller.user.policies;
    case 'sts':
      return caller.cred.policies;
  }
}

/**
 * Why the caller may not do `authAction`, or undefined when it may: root may do everything; others
 * need a policy allowing it, and temporary credentials with a session policy need that too.
 */
export function permissionDenial(caller: Caller, authAction: string): AccessDeniedDetail | undefined {
  const policies = callerPolicies(caller);
  if (policies === undefined) {
    return undefined;
  }
  if (!policiesAllow(policies, authAction)) {
    return accessDeniedDetail(caller, authAction);
  }
  if (caller.kind === 'sts' && caller.cred.sessionPolicy) {
    const decision = documentDecision(caller.cred.sessionPolicy, authAction);
    if (decision !== 'allow') {
      return accessDeniedDetail(caller, authAction, 'SessionPolicy', decision === 'deny' ? 'ExplicitDeny' : 'ImplicitDeny');
    }
  }
  return undefined;
}
