// The CloudSSO portal's protocol words: paths, steps, what an error answer means, which sign-in URLs
// are allowed, how answers are read. No I/O here, so the kernel and the prompts use it without the client.
import type { CheckedValue } from '../util/checked';
import { t } from '../util/l10n';
import { isLoopbackHost } from './endpoints';

/** The aliyun CLI's public client id (the CLI lets it be overridden, and so do we: alibabaCloud.cloudSso.clientId). */
export const DEFAULT_CLOUDSSO_CLIENT_ID = 'app-vaz16tltdxs96audqf35';

export type PortalStep = 'device-authorization' | 'token' | 'accounts' | 'access-configurations' | 'cloud-credentials';

export type CloudSsoErrorKind =
  | 'denied'          // the person denied the sign-in on the page
  | 'expiredCode'     // device code expired / unknown
  | 'signInExpired'   // access token expired or invalid (401)
  | 'notAssigned'     // 403 on accounts/access-configurations/cloud-credentials
  | 'unreachable'     // network fault, timeout, DNS
  | 'wrongUrl'        // 404 / not a portal / unknown client id
  | 'malformed'       // 2xx but the body is not what the protocol says
  | 'throttled'       // slow down / 429
  | 'other';

export const PORTAL_PATHS: Readonly<Record<PortalStep, string>> = {
  'device-authorization': '/device-authorization',
  token: '/token',
  accounts: '/access-assignments/accounts',
  'access-configurations': '/access-assignments/access-configurations',
  'cloud-credentials': '/cloud-credentials',
};

/** The step in the person's words. */
export function describeStep(step: PortalStep): string {
  switch (step) {
    case 'device-authorization': return t('starting the sign-in (device authorization)');
    case 'token': return t('waiting for the sign-in (token)');
    case 'accounts': return t('listing your accounts');
    case 'access-configurations': return t('listing the access configurations');
    case 'cloud-credentials': return t('getting the temporary credentials');
  }
}

const AFTER_SIGN_IN: ReadonlySet<PortalStep> = new Set(['accounts', 'access-configurations', 'cloud-credentials']);

/**
 * What a non-2xx answer means. The real portal's codes are mostly undocumented, so the HTTP status
 * and the words of the code and message decide, not only the codes the emulator uses.
 */
export function classifyPortalError(step: PortalStep, status: number, words: string, isJson: boolean): CloudSsoErrorKind | 'pending' | 'slowDown' {
  const w = words.toLowerCase();
  if (step === 'token') {
    if (/authorization_?pending|\bpending\b/.test(w)) {
      return 'pending';
    }
    if (/slow_?\s?down/.test(w) || status === 429) {
      return 'slowDown';
    }
    if (/access_?denied|\bdenied\b|rejected|declined/.test(w)) {
      return 'denied';
    }
    if (/device_?code|expired|invalid_?grant/.test(w)) {
      return 'expiredCode';
    }
  }
  if (status === 429 || /throttl|slow_?\s?down|too many/.test(w)) {
    return 'throttled';
  }
  if (AFTER_SIGN_IN.has(step)) {
    if (status === 401 || /access_?token_?(invalid|expired)|\b(invalid|expired)_?(access_?)?token\b|\btoken_?expired|unauthori[sz]ed/.test(w)) {
      return 'signInExpired';
    }
    if (status === 403) {
      return 'notAssigned';
    }
  }
  if (status === 404 || (status >= 300 && status < 400) || !isJson || /invalid_?client|client_?id|portal_?url|not_?found/.test(w)) {
    return 'wrongUrl';
  }
  if (status === 502 || status === 503 || status === 504) {
    return 'unreachable';
  }
  return 'other';
}

export interface MessageParts {
  readonly host: string;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly detail?: string;
}

/** The message of a CloudSsoError: names the step, never a token, secret or device code. */
export function portalErrorMessage(kind: CloudSsoErrorKind, step: PortalStep, parts: MessageParts): string {
  const stepWords = describeStep(step);
  const answer = parts.status === undefined ? '' : parts.code ? `HTTP ${parts.status} ${parts.code}` : `HTTP ${parts.status}`;
  const request = parts.requestId ? ` ${t('(request ID {0})', parts.requestId)}` : '';
  switch (kind) {
    case 'denied':
      return t('The CloudSSO sign-in was denied on its web page ({0}). Sign in again and approve it.', stepWords);
    case 'expiredCode':
      return t('The CloudSSO sign-in code expired before it was approved ({0}). Sign in again and approve it in time.', stepWords);
    case 'signInExpired':
      return t('Your CloudSSO sign-in at {0} has ended or is no longer valid ({1} was refused: {2}). Sign in again.', parts.host, stepWords, answer);
    case 'notAssigned':
      return t('CloudSSO refused {0} ({1}): you are not assigned to this account or access configuration. Ask your CloudSSO administrator for the assignment, or pick another one.', stepWords, answer) + request;
    case 'unreachable':
      return t('The CloudSSO portal {0} could not be reached while {1} ({2}). Check the network and the sign-in URL.', parts.host, stepWords, parts.detail ?? answer);
    case 'wrongUrl':
      return t('{0} does not answer like a CloudSSO sign-in portal while {1} ({2}). Check the sign-in URL (the CloudSSO console shows it, e.g. https://signin-cn-shanghai.alibabacloudsso.com/start/login) and the setting alibabaCloud.cloudSso.clientId.', parts.host, stepWords, answer);
    case 'malformed':
      return t('The CloudSSO portal {0} gave an answer that does not follow the protocol while {1}: {2}.', parts.host, stepWords, parts.detail ?? answer);
    case 'throttled':
      return t('The CloudSSO portal {0} asked to slow down while {1} ({2}). Wait a moment and try again.', parts.host, stepWords, answer);
    case 'other':
      return t('CloudSSO failed while {0} ({1}).', stepWords, answer || parts.detail || '?') + request;
  }
}

const MAX_URL = 2048;

/**
 * A directory's sign-in URL: https, or plain http to this computer only (the emulator) unless
 * `allowInsecure` (alibabaCloud.allowInsecureEndpoints). Returns the URL trimmed, or a message.
 */
export function checkSignInUrl(raw: string | undefined, options: { allowInsecure?: boolean | (() => boolean) } = {}): CheckedValue<string> {
  const value = (raw ?? '').trim();
  if (!value) {
    return { ok: false, message: t('Enter the CloudSSO sign-in URL, e.g. https://signin-cn-shanghai.alibabacloudsso.com/start/login (the CloudSSO console shows it on its overview page).') };
  }
  let url: URL | undefined;
  try {
    url = /\s/.test(value) || value.length > MAX_URL ? undefined : new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    return { ok: false, message: t('This is not a sign-in URL. It looks like https://signin-cn-shanghai.alibabacloudsso.com/start/login.') };
  }
  if (url.username || url.password) {
    return { ok: false, message: t('The sign-in URL must not contain a user name or password.') };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.host) && !(typeof options.allowInsecure === 'function' ? options.allowInsecure() : options.allowInsecure === true)) {
    return { ok: false, message: t('The sign-in URL must start with https:// (plain http is allowed only to this computer, or with the setting alibabaCloud.allowInsecureEndpoints): anyone on the way could read the sign-in.') };
  }
  return { ok: true, value };
}

// Readers of the portal's answers: lenient where the protocol is unknown, strict where a value is used.
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function positive(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A page to open in the browser: http(s) only, never javascript: or file:. */
export function webUrl(value: unknown): string | undefined {
  const s = text(value);
  try {
    return s && /^https?:$/.test(new URL(s).protocol) ? s : undefined;
  } catch {
    return undefined;
  }
}

/** An error code or request id as the portal sent it, if it looks like one (never free text). */
export function safeCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,80}$/.test(value) ? value : undefined;
}
