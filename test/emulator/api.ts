/**
 * Types shared by the product modules (ram.ts, sts.ts, slb.ts) and the server.
 */
import * as crypto from 'crypto';
import { AccessDeniedDetail, ApiError } from './errors';
import type { Product } from './faults';
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
  code: 'Ram' | 'Sts' | 'Slb';
  version: string;
  actions: Readonly<Record<string, ActionDef>>;
  hostId(params: ReadonlyMap<string, string>): string;
  denied(detail: AccessDeniedDetail): ApiError;
}

export function param(ctx: ActionContext, name: string): string | undefined {
  const v = ctx.params.get(name);
  return v === undefined || v === '' ? undefined : v;
}

export function accessDeniedDetail(caller: Caller, authAction: string): AccessDeniedDetail {
  const encoded = crypto.randomBytes(180).toString('base64');
  if (caller.kind === 'user') {
    return {
      AuthAction: authAction,
      AuthPrincipalType: 'SubUser',
      AuthPrincipalOwnerId: caller.account.accountId,
      AuthPrincipalDisplayName: caller.user.userId,
      PolicyType: 'AccountLevelIdentityBasedPolicy',
      NoPermissionType: 'ImplicitDeny',
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
    PolicyType: 'AccountLevelIdentityBasedPolicy',
    NoPermissionType: 'ImplicitDeny',
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
