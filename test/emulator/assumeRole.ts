/**
 * STS 2015-04-01 AssumeRole: the caller's checks (root refused, sts:AssumeRole checked by the
 * router, trust and external id here), the parameters' rules, and temporary credentials of the
 * role, limited by the session policy, that expire at `Expiration`.
 */
import { ActionContext, ResponseBody, accessDeniedDetail, param } from './api';
import { Errors } from './errors';
import { PolicyDocument, parsePolicyDocument } from './policy';
import { trusts } from './roles';

const ROLE_ARN_RE = /^acs:ram::(\d+):role\/([^/:]+)$/;
const SESSION_NAME_RE = /^[A-Za-z0-9.@_-]{2,64}$/;
const EXTERNAL_ID_RE = /^[A-Za-z0-9=,.@:/_-]{2,1224}$/;
const MIN_DURATION = 900;
const MAX_DURATION = 43200;

function durationParam(ctx: ActionContext): number {
  const raw = param(ctx, 'DurationSeconds');
  if (raw === undefined) {
    return 3600;
  }
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= MIN_DURATION && n <= MAX_DURATION)) {
    throw Errors.stsInvalid('DurationSeconds');
  }
  return n;
}

function sessionPolicyParam(ctx: ActionContext): PolicyDocument | undefined {
  const raw = param(ctx, 'Policy');
  if (raw === undefined) {
    return undefined;
  }
  if (Buffer.byteLength(raw, 'utf8') > 1024) {
    throw Errors.stsInvalid('PolicySize');
  }
  const doc = parsePolicyDocument(raw);
  if (!doc) {
    throw Errors.stsInvalid('PolicyGrammar');
  }
  return doc;
}

export function assumeRole(ctx: ActionContext): ResponseBody {
  const caller = ctx.caller;
  if (caller.kind === 'root') {
    throw Errors.stsRootCaller();
  }
  const arn = ROLE_ARN_RE.exec(param(ctx, 'RoleArn') ?? '');
  if (!arn) {
    throw Errors.stsInvalid('RoleArn');
  }
  const sessionName = param(ctx, 'RoleSessionName') ?? '';
  if (!SESSION_NAME_RE.test(sessionName)) {
    throw Errors.stsInvalid('RoleSessionName');
  }
  const duration = durationParam(ctx);
  const sessionPolicy = sessionPolicyParam(ctx);
  const externalId = param(ctx, 'ExternalId');
  if (externalId !== undefined && !EXTERNAL_ID_RE.test(externalId)) {
    throw Errors.stsInvalid('ExternalId');
  }

  const [, accountId, roleName] = arn;
  const account = ctx.state.accounts.find((a) => a.accountId === accountId);
  const role = account ? ctx.state.findRole(account, roleName) : undefined;
  if (!account || !role) {
    throw Errors.stsRoleNotFound();
  }
  // Trust and external id fail with the very message a missing permission gets, as STS answers.
  const trusted = trusts(role, account.accountId, caller);
  if (!trusted || (role.trust.externalId !== undefined && externalId !== role.trust.externalId)) {
    throw Errors.ramNoPermission(accessDeniedDetail(caller, 'sts:AssumeRole', 'AssumeRolePolicy'));
  }
  if (duration > role.maxSessionDuration) {
    throw Errors.stsInvalid('DurationSeconds');
  }

  const lifetime = ctx.state.settings.stsLifetimeSeconds ?? duration;
  const expirationMs = Math.floor((ctx.nowMs + lifetime * 1000) / 1000) * 1000;
  const cred = ctx.state.issueStsCredential(account, role, { roleSessionName: sessionName, expirationMs, sessionPolicy });
  const sourceIdentity = param(ctx, 'SourceIdentity');
  return {
    ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
    Credentials: {
      AccessKeyId: cred.accessKeyId,
      AccessKeySecret: cred.secret,
      SecurityToken: cred.securityToken,
      Expiration: cred.expiration,
    },
    AssumedRoleUser: {
      Arn: `acs:ram::${account.accountId}:assumed-role/${role.roleName}/${sessionName}`,
      AssumedRoleId: `${role.roleId}:${sessionName}`,
    },
  };
}
