/**
 * The CloudSSO sign-in portal (contract "CloudSSO", /work/shared/reference/alibaba-cloudsso.md):
 * device authorization with PKCE, token polling, the signed-in user's accounts and access
 * configurations, and STS credentials from `/cloud-credentials`. Not RPC: JSON bodies with
 * PascalCase keys, bearer tokens, errors as `{ErrorCode, ErrorMessage, RequestId}`.
 *
 * Served only when the seed has `cloudSso`, on the first port (the server decides which requests
 * are the portal's with `handles`). The approval page is cloudSsoPage.ts; the sessions cloudSsoState.ts.
 */
import type * as http from 'http';
import { performance } from 'perf_hooks';
import { URL } from 'url';
import { DECISION_PATHS, PAGE_PATHS, decide, showPage } from './cloudSsoPage';
import {
  CloudSsoStatus,
  DEVICE_GRANT_TYPE,
  Directory,
  DirectoryUser,
  PortalError,
  PortalErrors,
  SsoSessions,
  directoryFromSeed,
  sessionsOf,
} from './cloudSsoState';
import { roleFromSeed } from './roles';
import type { Runtime } from './runtime';
import type { SeedCloudSso } from './seedTypes';
import { isRecord, newRequestId } from './util';
import { header } from './wire';

export const SIGN_IN_PATH = '/start/login';

type Body = Record<string, unknown>;
type Json = Record<string, unknown>;

interface Call {
  req: http.IncomingMessage;
  url: URL;
  sessions: SsoSessions;
  nowMs: number;
  body: () => Body;
}

const MAX_RESULTS_LIMIT = 100;
const CODE_CHALLENGE_RE = /^[A-Za-z0-9_-]{43}$/;

/** A body parameter: a non-empty string, else undefined (a number or object is refused as invalid). */
function str(body: Body, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw PortalErrors.invalidParameter(name, 'must be a string');
  }
  return v;
}

function required(body: Body, name: string): string {
  const v = str(body, name);
  if (v === undefined) {
    throw PortalErrors.invalidParameter(name, 'is missing');
  }
  return v;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

function checkClient(dir: Directory, body: Body): void {
  if (required(body, 'ClientId') !== dir.clientId) {
    throw PortalErrors.invalidParameter('ClientId', 'is not an application of this directory');
  }
}

function deviceAuthorization(call: Call, dir: Directory): Json {
  const body = call.body();
  checkClient(dir, body);
  const portalUrl = required(body, 'PortalUrl');
  if (!isHttpUrl(portalUrl)) {
    throw PortalErrors.invalidParameter('PortalUrl', 'is not a sign-in URL');
  }
  if (str(body, 'CodeChallengeMethod') !== 'S256') {
    throw PortalErrors.invalidParameter('CodeChallengeMethod', 'must be S256');
  }
  const challenge = required(body, 'CodeChallenge');
  if (!CODE_CHALLENGE_RE.test(challenge)) {
    throw PortalErrors.invalidParameter('CodeChallenge', 'must be base64url(SHA-256(code verifier)) without padding (43 characters)');
  }
  const device = call.sessions.startDevice(call.nowMs, challenge);
  // The port the request came in on: the page is served there, whatever Host a proxy wrote.
  const verificationUri = `http://127.0.0.1:${call.req.socket.localPort ?? 0}/device/code`;
  return {
    DeviceCode: device.deviceCode,
    UserCode: device.userCode,
    VerificationUri: verificationUri,
    VerificationUriComplete: `${verificationUri}?user_code=${encodeURIComponent(device.userCode)}`,
    ExpiresIn: dir.deviceCodeSeconds,
    Interval: dir.intervalSeconds,
  };
}

function token(call: Call, dir: Directory): Json {
  const body = call.body();
  if (str(body, 'GrantType') !== DEVICE_GRANT_TYPE) {
    throw PortalErrors.invalidParameter('GrantType', `must be ${DEVICE_GRANT_TYPE}`);
  }
  checkClient(dir, body);
  const issued = call.sessions.poll(call.nowMs, required(body, 'DeviceCode'), str(body, 'CodeVerifier'));
  return { AccessToken: issued.token, ExpiresIn: issued.expiresIn, TokenType: 'Bearer' };
}

function signedIn(call: Call): DirectoryUser {
  return call.sessions.bearer(call.nowMs, header(call.req.headers, 'authorization'));
}

/** One page of `items`: `MaxResults` (1-100) may ask for fewer than `pageSize`, never more. */
function page<T>(call: Call, dir: Directory, scope: string, items: readonly T[]): { items: T[]; IsTruncated: boolean; NextToken?: string } {
  const q = call.url.searchParams;
  const rawMax = q.get('MaxResults');
  let size = dir.pageSize;
  if (rawMax !== null && rawMax !== '') {
    const n = /^\d+$/.test(rawMax) ? Number(rawMax) : NaN;
    if (!(n >= 1 && n <= MAX_RESULTS_LIMIT)) {
      throw PortalErrors.invalidParameter('MaxResults', `must be an integer from 1 to ${MAX_RESULTS_LIMIT}`);
    }
    size = Math.min(n, dir.pageSize);
  }
  let start = 0;
  const rawToken = q.get('NextToken');
  if (rawToken) {
    // Opaque to clients, but bound to its list: a token of another list or account is refused.
    const m = /^(.+)\|(\d+)$/.exec(Buffer.from(rawToken, 'base64url').toString('utf8'));
    start = m && m[1] === scope ? Number(m[2]) : NaN;
    if (!(start > 0 && start < items.length)) {
      throw PortalErrors.invalidParameter('NextToken', 'is not valid for this list');
    }
  }
  const end = start + size;
  const truncated = end < items.length;
  return {
    items: items.slice(start, end),
    IsTruncated: truncated,
    ...(truncated ? { NextToken: Buffer.from(`${scope}|${end}`, 'utf8').toString('base64url') } : {}),
  };
}

function listAccounts(call: Call, dir: Directory): Json {
  const user = signedIn(call);
  const accounts = [...user.assignments.keys()].map((id) => ({ AccountId: id, DisplayName: dir.displayNames.get(id) ?? id }));
  const { items, ...rest } = page(call, dir, 'accounts', accounts);
  return { Accounts: items, ...rest };
}

function assignedConfigurations(user: DirectoryUser, accountId: string): string[] {
  const ids = user.assignments.get(accountId);
  if (!ids) {
    throw PortalErrors.notAssigned(`account ${accountId}`);
  }
  return ids;
}

function listAccessConfigurations(call: Call, dir: Directory): Json {
  const user = signedIn(call);
  const accountId = call.url.searchParams.get('AccountId');
  if (!accountId) {
    throw PortalErrors.invalidParameter('AccountId', 'is missing');
  }
  const configs = assignedConfigurations(user, accountId).map((id) => {
    const ac = dir.accessConfigurations.get(id)!;
    return { AccessConfigurationId: ac.id, AccessConfigurationName: ac.name, AccessConfigurationDescription: ac.description };
  });
  const { items, ...rest } = page(call, dir, `ac:${accountId}`, configs);
  return { AccessConfigurationsForAccount: items, ...rest };
}

/**
 * STS credentials of the account's `AliyunReservedSSO-<name>` role (the RAM role CloudSSO provisions
 * for an access configuration), with the configuration's policies, session named after the user.
 */
function cloudCredentials(call: Call, dir: Directory, rt: Runtime): Json {
  const user = signedIn(call);
  const body = call.body();
  const accountId = required(body, 'AccountId');
  const acId = required(body, 'AccessConfigurationId');
  if (!assignedConfigurations(user, accountId).includes(acId)) {
    throw PortalErrors.notAssigned(`access configuration ${acId} in account ${accountId}`);
  }
  const ac = dir.accessConfigurations.get(acId)!;
  const state = rt.state;
  const account = state.accounts.find((a) => a.accountId === accountId)!;
  const roleName = `AliyunReservedSSO-${ac.name}`;
  // A seeded role of that name keeps its id, so ListRoles and GetCallerIdentity agree.
  const seeded = state.findRole(account, roleName);
  const role = roleFromSeed(accountId, { roleName, roleId: seeded?.roleId, policies: ac.policies, trust: {} }, 0, call.nowMs, new Set());
  const lifetime = state.settings.stsLifetimeSeconds ?? ac.sessionDuration;
  const expirationMs = Math.floor((call.nowMs + lifetime * 1000) / 1000) * 1000;
  const cred = state.issueStsCredential(account, role, { roleSessionName: user.userName, expirationMs });
  return {
    CloudCredential: { AccessKeyId: cred.accessKeyId, AccessKeySecret: cred.secret, SecurityToken: cred.securityToken, Expiration: cred.expiration },
  };
}

type Handler = (call: Call, dir: Directory, rt: Runtime) => Json;

const API: Readonly<Record<string, { method: 'GET' | 'POST'; name: string; handler: Handler }>> = {
  '/device-authorization': { method: 'POST', name: 'DeviceAuthorization', handler: deviceAuthorization },
  '/token': { method: 'POST', name: 'CreateAccessToken', handler: token },
  '/access-assignments/accounts': { method: 'GET', name: 'ListAccounts', handler: listAccounts },
  '/access-assignments/access-configurations': { method: 'GET', name: 'ListAccessConfigurations', handler: listAccessConfigurations },
  '/cloud-credentials': { method: 'POST', name: 'CreateCloudCredential', handler: cloudCredentials },
};

function apiOf(p: string): (typeof API)[string] | undefined {
  return Object.prototype.hasOwnProperty.call(API, p) ? API[p] : undefined;
}

function routePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

function jsonBody(req: http.IncomingMessage, raw: Buffer): Body {
  if (raw.length === 0) {
    return {};
  }
  if (!(header(req.headers, 'content-type') ?? '').toLowerCase().includes('json')) {
    throw new PortalError(415, 'UnsupportedMediaType', 'The body must be JSON (Content-Type: application/json).');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new PortalError(400, 'InvalidParameter', 'The body is not valid JSON.');
  }
  if (!isRecord(parsed)) {
    throw new PortalError(400, 'InvalidParameter', 'The body must be a JSON object.');
  }
  return parsed;
}

function write(res: http.ServerResponse, status: number, contentType: string, text: string, requestId: string): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(body.length),
    'cache-control': 'no-store',
    'x-acs-request-id': requestId,
  });
  res.end(body);
}

/** The directory's lifetimes and poll interval, which tests shorten at run time (the control API). */
export interface CloudSsoTiming {
  deviceCodeSeconds: number;
  intervalSeconds: number;
  accessTokenSeconds: number;
}

export interface Portal {
  /** Is this request the portal's (rather than an RPC API's or the control API's)? */
  handles(req: http.IncomingMessage): boolean;
  handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer): void;
  /** For the control API. */
  status(): CloudSsoStatus;
  /** Changes the timing for what is issued from now on (null: the seed's again); returns the timing in force. */
  setTiming(changes: Partial<CloudSsoTiming> | null): CloudSsoTiming;
}

export function createPortal(rt: Runtime, seed: SeedCloudSso, log?: (line: string) => void): Portal {
  const dir = directoryFromSeed(seed);
  // At once, so the seed's passwords are in /__emulator/secrets before the first sign-in.
  sessionsOf(rt.state, dir);

  const record = (name: string, status: number, code: string, started: number): void =>
    rt.requests.record({ product: null, action: `CloudSSO.${name}`, accessKeyId: '-', code, status, durationMs: performance.now() - started });

  const seeded: CloudSsoTiming = { deviceCodeSeconds: dir.deviceCodeSeconds, intervalSeconds: dir.intervalSeconds, accessTokenSeconds: dir.accessTokenSeconds };

  return {
    status: () => sessionsOf(rt.state, dir).status(rt.now()),

    setTiming(changes) {
      Object.assign(dir, changes ?? seeded);
      return { deviceCodeSeconds: dir.deviceCodeSeconds, intervalSeconds: dir.intervalSeconds, accessTokenSeconds: dir.accessTokenSeconds };
    },

    handles(req) {
      const url = new URL(req.url ?? '/', 'http://emulator.invalid');
      const p = routePath(url.pathname);
      if (p === '/') {
        // `/` is also the RPC APIs' path: the page only for a GET that names no action.
        return (req.method ?? 'GET').toUpperCase() === 'GET' && !url.searchParams.has('Action') && !req.headers['x-acs-action'] && !req.headers.authorization;
      }
      return apiOf(p) !== undefined || PAGE_PATHS.has(p);
    },

    handle(req, res, rawBody) {
      const started = performance.now();
      const requestId = newRequestId();
      const url = new URL(req.url ?? '/', 'http://emulator.invalid');
      const p = routePath(url.pathname);
      const method = (req.method ?? 'GET').toUpperCase();
      const sessions = sessionsOf(rt.state, dir);
      const nowMs = rt.now();

      const api = apiOf(p);
      if (!api) {
        const decision = method === 'POST' && DECISION_PATHS.has(p);
        if (!decision && method !== 'GET') {
          write(res, 405, 'text/plain;charset=utf-8', 'Method Not Allowed', requestId);
          record('Page', 405, 'MethodNotAllowed', started);
          return;
        }
        const answer = decision
          ? decide(sessions, nowMs, url.pathname, new URLSearchParams(rawBody.toString('utf8')))
          : showPage(sessions, url.pathname, url.searchParams);
        write(res, answer.status, 'text/html;charset=utf-8', answer.html, requestId);
        record(decision ? (p === '/device/approve' ? 'Approve' : 'Deny') : 'Page', answer.status, answer.code, started);
        return;
      }

      let status = 200;
      let out: Json;
      try {
        if (method !== api.method) {
          throw new PortalError(405, 'MethodNotAllowed', `Use ${api.method} for ${p}.`);
        }
        let body: Body | undefined;
        const call: Call = { req, url, sessions, nowMs, body: () => (body ??= jsonBody(req, rawBody)) };
        out = { ...api.handler(call, dir, rt), RequestId: requestId };
      } catch (err) {
        let e: PortalError;
        if (err instanceof PortalError) {
          e = err;
        } else {
          log?.(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          e = new PortalError(500, 'InternalError', 'The request processing has failed due to some unknown error.');
        }
        status = e.status;
        out = { ErrorCode: e.code, ErrorMessage: e.message, RequestId: requestId };
      }
      write(res, status, 'application/json;charset=utf-8', JSON.stringify(out), requestId);
      record(api.name, status, status === 200 ? 'OK' : String(out.ErrorCode), started);
    },
  };
}
