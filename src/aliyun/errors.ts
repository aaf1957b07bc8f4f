import { SafeError } from '../util/errors';
import { maskAccessKeyId, redact } from '../util/mask';
import { t } from '../util/l10n';

export type Product = 'ram' | 'sts' | 'slb' | 'ims';

/** What went wrong, in the user's terms; each kind has one message and its own actions. */
export type ErrorKind =
  | 'unknownKey'
  | 'disabledKey'
  | 'wrongSecret'
  | 'clockSkew'
  | 'nonceReused'
  | 'tokenExpired'
  | 'tokenInvalid'
  | 'noPermission'
  | 'throttled'
  | 'notFound'
  | 'limitExceeded'
  | 'conflict'
  | 'invalidInput'
  | 'serverError'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'badResponse'
  | 'noCredentials'
  | 'unknown';

export interface CallContext {
  readonly product: Product;
  readonly action: string;
  /** host[:port], never a URL with a query. */
  readonly endpoint: string;
  readonly accessKeyId?: string;
  /** Values that must never appear in a message (secret, security token). */
  readonly secrets?: readonly string[];
}

export interface AliyunErrorInit {
  kind: ErrorKind;
  code: string;
  message: string;
  product: Product;
  action: string;
  endpoint: string;
  statusCode?: number;
  requestId?: string;
  retryAfterMs?: number;
  /** For noPermission: the denied action (e.g. `slb:DescribeRegions`) and a system policy that grants it. */
  deniedAction?: string;
  suggestedPolicy?: string;
  /** For noPermission: `ExplicitDeny` when a Deny statement blocks the action (granting more does not help). */
  noPermissionType?: string;
  /** For noPermission: whose policy is missing, `SubUser` (a RAM user) or `AssumedRoleUser` (a role). */
  principalType?: string;
  /** The service's own message, redacted; for the log. */
  serviceMessage?: string;
}

/**
 * The one error type every Alibaba Cloud call throws. Its `message` is safe to show: no secret,
 * no signed URL, AccessKey IDs masked.
 */
export class AliyunError extends SafeError {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly product: Product;
  readonly action: string;
  readonly endpoint: string;
  readonly statusCode?: number;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly deniedAction?: string;
  readonly suggestedPolicy?: string;
  readonly noPermissionType?: string;
  readonly principalType?: string;
  readonly serviceMessage?: string;

  constructor(init: AliyunErrorInit) {
    super(init.message);
    this.name = 'AliyunError';
    this.kind = init.kind;
    this.code = init.code;
    this.product = init.product;
    this.action = init.action;
    this.endpoint = init.endpoint;
    this.statusCode = init.statusCode;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.deniedAction = init.deniedAction;
    this.suggestedPolicy = init.suggestedPolicy;
    this.noPermissionType = init.noPermissionType;
    this.principalType = init.principalType;
    this.serviceMessage = init.serviceMessage;
  }

  /**
   * Worth another try for an idempotent read. A timeout is: one lost answer (or a keep-alive
   * socket that died while the computer slept) says nothing about the next request.
   */
  get transient(): boolean {
    return this.kind === 'throttled' || this.kind === 'serverError' || this.kind === 'badResponse' || this.kind === 'timeout'
      || (this.kind === 'unreachable' && this.code === 'ECONNRESET');
  }

  /** One line for the log: code, status, action, request id. */
  toLogString(): string {
    const parts = [`${this.product}:${this.action}`, this.code];
    if (this.statusCode) {
      parts.push(`HTTP ${this.statusCode}`);
    }
    if (this.requestId) {
      parts.push(`RequestId ${this.requestId}`);
    }
    if (this.serviceMessage) {
      parts.push(this.serviceMessage);
    }
    return parts.join(' | ');
  }
}

/** A write whose answer was lost may still have happened: look before doing anything again. */
export function outcomeUnknown(error: unknown): boolean {
  return !(error instanceof AliyunError)
    || error.kind === 'timeout' || error.kind === 'unreachable' || error.kind === 'serverError'
    || error.kind === 'badResponse' || error.kind === 'unknown';
}

/** A custom policy document that allows exactly one action, to paste into the RAM console. */
export function policyDocumentFor(action: string): string {
  return JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: [action], Resource: '*' }] }, null, 2);
}

/** The system policy that grants an action, as Alibaba Cloud names them. */
export function policyFor(action: string): string | undefined {
  const [service, name = ''] = action.split(':');
  const read = /^(Get|List|Describe)/.test(name);
  switch (service.toLowerCase()) {
    case 'ram':
    case 'ims':
      return read ? 'AliyunRAMReadOnlyAccess' : 'AliyunRAMFullAccess';
    case 'slb':
      return read ? 'AliyunSLBReadOnlyAccess' : 'AliyunSLBFullAccess';
    case 'sts':
      return 'AliyunSTSAssumeRoleAccess';
    default:
      return undefined;
  }
}

interface SdkLikeError {
  name?: string;
  code?: string;
  statusCode?: number;
  requestId?: string;
  retryAfter?: number;
  message?: string;
  data?: Record<string, unknown>;
  accessDeniedDetail?: Record<string, unknown>;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== 'undefined' ? value : undefined;
}

/** Converts whatever a call threw (SDK error, Node network error, parse error) into an AliyunError. */
export function toAliyunError(error: unknown, ctx: CallContext): AliyunError {
  if (error instanceof AliyunError) {
    return error;
  }
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkLikeError;
  const secrets = ctx.secrets ?? [];
  const data = e.data ?? {};
  const code = str(data['Code']) ?? str(e.code) ?? e.name ?? 'Error';
  const statusCode = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const requestId = str(data['RequestId']) ?? str(e.requestId);
  const serviceMessage = redact(str(data['Message']) ?? str(e.message) ?? '', secrets);
  const key = maskAccessKeyId(ctx.accessKeyId);
  const base = { code, product: ctx.product, action: ctx.action, endpoint: ctx.endpoint, statusCode, requestId, serviceMessage };
  const make = (kind: ErrorKind, message: string, extra: Partial<AliyunErrorInit> = {}) =>
    new AliyunError({ ...base, kind, message, ...extra });

  // Transport failures first: these carry no service code.
  if (statusCode === undefined) {
    if (e.name === 'RequestTimeoutError') {
      return make('timeout', t('{0} did not answer in time. Check your network or proxy, or try again.', ctx.endpoint), { code: 'Timeout' });
    }
    const sysCode = str(e.code) ?? '';
    if (NETWORK_CODES.has(sysCode)) {
      return make('unreachable', t('Cannot reach {0} ({1}). Check your network connection, proxy settings (http.proxy) and the alibabaCloud.endpoints setting.', ctx.endpoint, sysCode), { code: sysCode });
    }
    if (/CERT|SSL|TLS|EPROTO/i.test(sysCode) || /certificate|ssl|tls/i.test(e.message ?? '')) {
      return make('tls', t('The secure connection to {0} failed ({1}). A proxy that inspects TLS may need its certificate trusted.', ctx.endpoint, sysCode || 'TLS'), { code: sysCode || 'TLS' });
    }
    if (e.name === 'SyntaxError') {
      return make('badResponse', t('{0} answered with something that is not an Alibaba Cloud API response. A proxy or gateway may be in the way; try again later.', ctx.endpoint), { code: 'BadResponse' });
    }
    if (code === 'InvalidCredentials') {
      return make('noCredentials', t('This profile has no AccessKey secret. Edit the profile and enter it again.'));
    }
  }

  if (code.includes('Throttling')) {
    const retryAfterMs = typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter : undefined;
    return make('throttled', t('Alibaba Cloud is limiting the request rate ({0}). Wait a moment and try again.', code), { retryAfterMs });
  }
  switch (code) {
    case 'InvalidAccessKeyId.NotFound':
      return make('unknownKey', t('Alibaba Cloud does not know the AccessKey ID {0}: it was deleted, or it is mistyped. Check the ID, or create a new AccessKey.', key));
    case 'InvalidAccessKeyId.Inactive':
      return make('disabledKey', t('The AccessKey {0} is disabled. Enable it in RAM (from another profile or the console), or use another key.', key));
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignature':
      return make('wrongSecret', t('The AccessKey secret does not match the AccessKey ID {0}. Enter the secret again: check for stray spaces or a secret from an older key.', key));
    case 'InvalidTimeStamp.Expired':
    case 'InvalidTimeStamp.Format':
      return make('clockSkew', t('This computer\'s clock differs from Alibaba Cloud\'s by more than 15 minutes. Synchronize the system clock and try again.'));
    case 'SignatureNonceUsed':
      return make('nonceReused', t('Alibaba Cloud rejected the request as a replay. Try again.'));
    case 'InvalidSecurityToken.Expired':
      return make('tokenExpired', t('The STS security token of this profile has expired. Get a new token and update the profile.'));
    case 'InvalidSecurityToken.MismatchWithAccessKey':
    case 'InvalidSecurityToken.Malformed':
    case 'MissingSecurityToken':
    case 'InvalidSecurityToken':
      return make('tokenInvalid', t('The STS security token does not belong to the AccessKey ID {0}. Enter the AccessKey ID, secret and token from the same STS credentials.', key));
  }
  if (code === 'NoPermission' || code === 'Forbidden.RAM' || code === 'Forbidden' || code.startsWith('Forbidden.') || code === 'NoPermission.RAM') {
    const detail = e.accessDeniedDetail ?? (data['AccessDeniedDetail'] as Record<string, unknown> | undefined) ?? {};
    const deniedAction = str(detail['AuthAction']) ?? `${ctx.product}:${ctx.action}`;
    const suggestedPolicy = policyFor(deniedAction);
    const noPermissionType = str(detail['NoPermissionType']);
    const principalType = str(detail['AuthPrincipalType']);
    const role = principalType === 'AssumedRoleUser';
    let message: string;
    if (noPermissionType === 'ExplicitDeny') {
      message = role
        ? t('The AccessKey {0} may not call {1}: a policy of its RAM role explicitly denies it. Granting more does not help; an administrator must change the Deny statement.', key, deniedAction)
        : t('The AccessKey {0} may not call {1}: a policy explicitly denies it. Granting more does not help; an administrator must change the Deny statement.', key, deniedAction);
    } else if (suggestedPolicy) {
      message = role
        ? t('The AccessKey {0} may not call {1}. Attach a policy that allows it, such as {2}, to its RAM role.', key, deniedAction, suggestedPolicy)
        : t('The AccessKey {0} may not call {1}. Attach a policy that allows it, such as {2}, to its RAM user.', key, deniedAction, suggestedPolicy);
    } else {
      message = t('The AccessKey {0} may not call {1}. Ask an administrator to grant it.', key, deniedAction);
    }
    return make('noPermission', message, { deniedAction, suggestedPolicy, noPermissionType, principalType });
  }
  if (code === 'InvalidRegionId.NotFound' || code === 'InvalidRegionId') {
    return make('notFound', t('{0} does not know the region of this request ({1}). Check the region of the profile.', ctx.endpoint, code));
  }
  if (code.startsWith('EntityNotExist') || code.endsWith('.NotFound')) {
    return make('notFound', t('{0} was not found ({1}). It may have been deleted; refresh and try again.', ctx.action, code));
  }
  if (code.startsWith('LimitExceeded')) {
    return make('limitExceeded', code === 'LimitExceeded.User.AccessKey'
      ? t('This RAM user already has two AccessKeys, the most Alibaba Cloud allows. Delete one (an inactive one first) and try again.')
      : t('An Alibaba Cloud limit was reached ({0}).', code));
  }
  if (code.startsWith('DeleteConflict') || code.startsWith('EntityAlreadyExists')) {
    return make('conflict', t('{0} conflicts with the current state ({1}): {2}', ctx.action, code, serviceMessage));
  }
  if (statusCode !== undefined && statusCode >= 500) {
    return make('serverError', t('Alibaba Cloud had an internal error ({0}, HTTP {1}). Try again later.', code, statusCode));
  }
  if (code.startsWith('Missing') || code.startsWith('Invalid')) {
    return make('invalidInput', t('Alibaba Cloud rejected the request ({0}): {1}', code, serviceMessage));
  }
  return make('unknown', statusCode
    ? t('{0} failed ({1}, HTTP {2}): {3}', ctx.action, code, statusCode, serviceMessage)
    : t('{0} failed: {1}', ctx.action, serviceMessage || code));
}
