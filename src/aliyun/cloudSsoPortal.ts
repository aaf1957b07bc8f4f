import { createHash, randomBytes } from 'node:crypto';
import { SafeError } from '../util/errors';
import { t } from '../util/l10n';
import {
  checkSignInUrl, classifyPortalError, DEFAULT_CLOUDSSO_CLIENT_ID, PORTAL_PATHS, portalErrorMessage, positive, safeCode, text, webUrl,
  type CloudSsoErrorKind, type PortalStep,
} from './cloudSsoProtocol';
import type { TemporaryCredentials } from './types';

export { checkSignInUrl, DEFAULT_CLOUDSSO_CLIENT_ID };
export type { CloudSsoErrorKind, PortalStep };

const DEFAULT_TIMEOUT_MS = 15_000;
/** The CLI's page size for accounts. */
const MAX_RESULTS = 100;
/** A portal that keeps answering "there is more" must not keep us looping. */
const MAX_PAGES = 1000;

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}
export interface AccessToken {
  accessToken: string;
  /** ISO 8601 */
  expiresAt: string;
}
export interface SsoAccount { accountId: string; displayName: string }
export interface SsoAccessConfiguration { id: string; name: string; description: string }
export interface Page<T> { items: T[]; nextToken?: string }

/** A failed portal call: the message names the step and is safe to show (no token, secret or device code). */
export class CloudSsoError extends SafeError {
  constructor(
    readonly kind: CloudSsoErrorKind,
    readonly step: PortalStep,
    message: string,
    readonly status?: number,
    readonly code?: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'CloudSsoError';
  }
}

export interface CloudSsoPortalOptions {
  clientId: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** alibabaCloud.allowInsecureEndpoints: plain http to another computer. */
  allowInsecure?: boolean;
  now?: () => number;
}

type Json = Record<string, unknown>;

/** Not approved yet, or polled too fast: an answer of the token step, not a failure. */
class PollAnswer extends Error {
  constructor(readonly answer: 'pending' | 'slowDown') {
    super(answer);
  }
}

/** PKCE S256: a random verifier and base64url(SHA-256(verifier)) without padding. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * The CloudSSO sign-in portal of one directory (the device flow the aliyun CLI uses): JSON over
 * HTTPS to scheme://host of the sign-in URL. Every failure is a CloudSsoError naming the step.
 */
export class CloudSsoPortal {
  private readonly origin?: string;
  private readonly refused?: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly signInUrl: string, private readonly options: CloudSsoPortalOptions) {
    const checked = checkSignInUrl(signInUrl, { allowInsecure: options.allowInsecure });
    if (checked.ok) {
      this.origin = new URL(checked.value).origin;
      this.signInUrl = checked.value;
    } else {
      this.refused = checked.message;
    }
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /** host[:port] of the portal, for messages and logs. */
  get host(): string {
    return this.origin ? new URL(this.origin).host : '';
  }

  async startDeviceAuthorization(codeChallenge: string): Promise<DeviceAuthorization> {
    const step: PortalStep = 'device-authorization';
    const body = await this.call(step, 'POST', PORTAL_PATHS[step], {
      body: { PortalUrl: this.signInUrl, ClientId: this.options.clientId, CodeChallenge: codeChallenge, CodeChallengeMethod: 'S256' },
    });
    const deviceCode = text(body.DeviceCode);
    const userCode = text(body.UserCode);
    const verificationUri = webUrl(body.VerificationUri);
    if (!deviceCode || !userCode || !verificationUri) {
      throw this.malformed(step, t('no device code, user code or verification page'));
    }
    return {
      deviceCode, userCode, verificationUri,
      verificationUriComplete: webUrl(body.VerificationUriComplete),
      expiresInSeconds: positive(body.ExpiresIn) ?? 600,
      intervalSeconds: positive(body.Interval) ?? 5,
    };
  }

  async pollToken(deviceCode: string, codeVerifier: string): Promise<AccessToken | 'pending' | 'slowDown'> {
    const step: PortalStep = 'token';
    let body: Json;
    try {
      body = await this.call(step, 'POST', PORTAL_PATHS[step], {
        body: { CodeVerifier: codeVerifier, ClientId: this.options.clientId, DeviceCode: deviceCode, GrantType: 'urn:ietf:params:oauth:grant-type:device_code' },
      });
    } catch (error) {
      if (error instanceof PollAnswer) {
        return error.answer;
      }
      throw error;
    }
    const accessToken = text(body.AccessToken);
    if (!accessToken) {
      throw this.malformed(step, t('no access token'));
    }
    // The portal gives no refresh token: the sign-in simply ends (8 hours in the wire log).
    const seconds = positive(body.ExpiresIn) ?? 8 * 3600;
    return { accessToken, expiresAt: new Date(this.now() + seconds * 1000).toISOString() };
  }

  async listAccounts(accessToken: string, nextToken?: string): Promise<Page<SsoAccount>> {
    const step: PortalStep = 'accounts';
    const body = await this.call(step, 'GET', PORTAL_PATHS[step], { token: accessToken, query: { MaxResults: String(MAX_RESULTS), NextToken: nextToken } });
    const items = this.list(step, body, 'Accounts').map((a) => {
      const accountId = text(a.AccountId) ?? (typeof a.AccountId === 'number' ? String(a.AccountId) : undefined);
      if (!accountId) {
        throw this.malformed(step, t('an account without an ID'));
      }
      return { accountId, displayName: text(a.DisplayName) ?? accountId };
    });
    return { items, nextToken: this.next(step, body) };
  }

  listAllAccounts(accessToken: string): Promise<SsoAccount[]> {
    return this.all('accounts', (next) => this.listAccounts(accessToken, next));
  }

  async listAccessConfigurations(accessToken: string, accountId: string, nextToken?: string): Promise<Page<SsoAccessConfiguration>> {
    const step: PortalStep = 'access-configurations';
    const body = await this.call(step, 'GET', PORTAL_PATHS[step], { token: accessToken, query: { AccountId: accountId, NextToken: nextToken } });
    const items = this.list(step, body, 'AccessConfigurationsForAccount').map((c) => {
      const id = text(c.AccessConfigurationId);
      if (!id) {
        throw this.malformed(step, t('an access configuration without an ID'));
      }
      return { id, name: text(c.AccessConfigurationName) ?? id, description: text(c.AccessConfigurationDescription) ?? '' };
    });
    return { items, nextToken: this.next(step, body) };
  }

  listAllAccessConfigurations(accessToken: string, accountId: string): Promise<SsoAccessConfiguration[]> {
    return this.all('access-configurations', (next) => this.listAccessConfigurations(accessToken, accountId, next));
  }

  async cloudCredentials(accessToken: string, accountId: string, accessConfigurationId: string): Promise<TemporaryCredentials> {
    const step: PortalStep = 'cloud-credentials';
    const body = await this.call(step, 'POST', PORTAL_PATHS[step], { token: accessToken, body: { AccountId: accountId, AccessConfigurationId: accessConfigurationId } });
    const c = body.CloudCredential && typeof body.CloudCredential === 'object' ? (body.CloudCredential as Json) : {};
    const [accessKeyId, accessKeySecret, securityToken, expiration] = [c.AccessKeyId, c.AccessKeySecret, c.SecurityToken, c.Expiration].map(text);
    const expiresAt = expiration ? Date.parse(expiration) : NaN;
    if (!accessKeyId || !accessKeySecret || !securityToken || Number.isNaN(expiresAt)) {
      throw this.malformed(step, t('no complete credentials with an expiry'));
    }
    return { accessKeyId, accessKeySecret, securityToken, expiration: new Date(expiresAt).toISOString() };
  }

  private list(step: PortalStep, body: Json, key: string): Json[] {
    const value = body[key] ?? [];
    if (!Array.isArray(value) || value.some((x) => !x || typeof x !== 'object')) {
      throw this.malformed(step, t('{0} is not a list', key));
    }
    return value as Json[];
  }

  private next(step: PortalStep, body: Json): string | undefined {
    const token = text(body.NextToken);
    if (body.IsTruncated === true && !token) {
      throw this.malformed(step, t('more pages without a NextToken'));
    }
    return body.IsTruncated === false ? undefined : token;
  }

  private async all<T>(step: PortalStep, page: (next?: string) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let next: string | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const result = await page(next);
      items.push(...result.items);
      if (!result.nextToken) {
        return items;
      }
      if (seen.has(result.nextToken)) {
        throw this.malformed(step, t('the same page again'));
      }
      seen.add(result.nextToken);
      next = result.nextToken;
    }
    throw this.malformed(step, t('more than {0} pages', MAX_PAGES));
  }

  private malformed(step: PortalStep, what: string): CloudSsoError {
    return new CloudSsoError('malformed', step, portalErrorMessage('malformed', step, { host: this.host, detail: what }));
  }

  /** One JSON call; a non-2xx answer or a network fault becomes a CloudSsoError. */
  private async call(step: PortalStep, method: 'GET' | 'POST', path: string, options: { body?: Json; token?: string; query?: Record<string, string | undefined> }): Promise<Json> {
    if (!this.origin) {
      throw new CloudSsoError('wrongUrl', step, this.refused ?? '');
    }
    const url = new URL(path, this.origin);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined && v !== '') {
        url.searchParams.set(k, v);
      }
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body) {
      headers['Content-Type'] = 'application/json';
    }
    if (options.token) {
      headers.Authorization = `Bearer ${options.token}`;
    }
    let status: number;
    let raw: string;
    let contentType: string;
    try {
      // No redirects: a bearer token must go nowhere but the portal itself.
      const response = await this.fetch(url, {
        method, headers, body: options.body ? JSON.stringify(options.body) : undefined,
        redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      contentType = response.headers.get('content-type') ?? '';
      raw = await response.text();
    } catch (error) {
      const reason = networkReason(error, this.timeoutMs);
      throw new CloudSsoError('unreachable', step, portalErrorMessage('unreachable', step, { host: this.host, detail: reason }));
    }
    let parsed: unknown;
    try {
      parsed = raw ? JSON.parse(raw) : {};
    } catch {
      parsed = undefined;
    }
    const json = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : undefined;
    if (status >= 200 && status < 300) {
      if (!json) {
        const html = /html/i.test(contentType) || /^\s*</.test(raw);
        throw html
          ? new CloudSsoError('wrongUrl', step, portalErrorMessage('wrongUrl', step, { host: this.host, status }), status)
          : this.malformed(step, t('not JSON'));
      }
      return json;
    }
    const code = safeCode(json?.ErrorCode ?? json?.Code ?? json?.error);
    const words = `${code ?? ''} ${typeof json?.ErrorMessage === 'string' ? json.ErrorMessage : typeof json?.Message === 'string' ? json.Message : ''}`;
    const kind = classifyPortalError(step, status, words, json !== undefined);
    if (kind === 'pending' || kind === 'slowDown') {
      throw new PollAnswer(kind);
    }
    const requestId = safeCode(json?.RequestId);
    throw new CloudSsoError(kind, step, portalErrorMessage(kind, step, { host: this.host, status, code, requestId }), status, code, requestId);
  }
}

function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: unknown; name?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return t('no answer within {0} seconds', Math.round(timeoutMs / 1000));
  }
  const code = e?.cause?.code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : t('network error');
}
