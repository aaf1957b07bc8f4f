/**
 * A local Alibaba Cloud for RAM 2015-05-01, STS 2015-04-01 and SLB 2014-05-15 on one port (or, with
 * `portPerProduct`, each product on its own port; see ports.ts).
 *
 * Requests are routed by API version (`x-acs-version` for ACS3 signatures, `Version` for RPC V2),
 * authenticated like the real gateway and answered with the real field names, error codes and
 * HTTP statuses. `/__emulator/*` is an unsigned JSON control API for tests (see README.md).
 */
import type * as http from 'http';
import type { Socket } from 'net';
import { performance } from 'perf_hooks';
import { URL } from 'url';
import demoSeedJson from './demo-seed.json';
import { ActionDef, Caller, ProductDef, ResponseBody, accessDeniedDetail, callerPolicies } from './api';
import { controlHandler, isControlPath } from './controlHttp';
import { AccessDeniedDetail, ApiError, Errors, defaultErrorFor, throttleMessage } from './errors';
import { Fault, FaultBook, FaultSpec, Product, parseFaultSpec } from './faults';
import { closeAll, endpointsOf, listen, wrongPort } from './ports';
import { RAM } from './ram';
import { NO_RATE_LIMIT, RateLimitSpec, RateLimitStatus, RateLimiter, parseRateLimitSpec } from './rateLimit';
import { SeedFile, ValidatedSeed, loadSeedFile, validateSeed } from './seed';
import {
  V3_ALGORITHMS,
  parseTimestamp,
  parseV3Authorization,
  safeEqual,
  v2Sign,
  v2StringToSign,
  v3CanonicalRequest,
  v3PayloadHash,
  v3Sign,
  v3StringToSign,
} from './signature';
import { SLB } from './slb';
import { EmulatorState, KeyRecord, policiesAllow } from './state';
import { STS } from './sts';
import { isRecord, isoSeconds, maskKeyId, newRequestId, sleep } from './util';

export * from './seed';
export type { FaultSpec, Fault, FaultType, Product } from './faults';
export type { RateLimitSpec, RateLimitStatus } from './rateLimit';

export interface EmulatorOptions {
  /** A seed object or the path of a seed file; default: the built-in demo data (demo-seed.json). */
  seed?: SeedFile | string;
  /** Default 0: a free port. Always binds 127.0.0.1. With `portPerProduct`, the first product's (RAM's) port. */
  port?: number;
  /** Each product on its own port (RAM first, then STS, SLB); default: all on one port. */
  portPerProduct?: boolean;
  /** Delay every API answer by this many ms (benchmarks). */
  latencyMs?: number;
  /** Receives one line per request and seed warnings (the CLI passes stderr). Default: silent. */
  log?: (line: string) => void;
}

export interface RequestLogEntry {
  seq: number;
  time: string;
  product: Product | null;
  action: string | null;
  /** Masked, e.g. `LTAI****0001`. */
  accessKeyId: string;
  /** `OK`, the error code, or `Fault.<type>` for reset/hang/html/malformed faults. */
  code: string;
  /** HTTP status sent; 0 when no answer was sent (reset, hang). */
  status: number;
  /** Server processing time (authentication, action, serialization), excluding injected delays. */
  durationMs: number;
  /** Id of the fault that hit this request, if any; `rate-limit` when the rate limit throttled it. */
  fault?: string;
}

export interface KeySnapshot {
  accessKeyId: string;
  status: string;
  createDate: string;
  lastUsedDate: string | null;
}

export interface StateSnapshot {
  now: string;
  clockOffsetMs: number;
  accounts: {
    accountId: string;
    rootAccessKeys: KeySnapshot[];
    users: { userName: string; userId: string; displayName: string; createDate: string; policies: string[]; accessKeys: KeySnapshot[] }[];
    stsTokens: { accessKeyId: string; roleName: string; roleId: string; roleSessionName: string; expiration: string }[];
    loadBalancers: { total: number; byRegion: Record<string, number> };
  }[];
}

export interface EmulatorControl {
  addFault(spec: FaultSpec): string;
  listFaults(): Fault[];
  removeFault(id: string): boolean;
  clearFaults(): number;
  /** Shift the server clock by `ms` (positive = server ahead of the client). */
  setClockOffset(ms: number): void;
  clockOffsetMs(): number;
  /** Server time in ms (wall clock + offset). */
  now(): number;
  /** Restore the seed state, clear faults and nonces, reset the clock. */
  reset(): void;
  state(): StateSnapshot;
  setKeyStatus(accessKeyId: string, status: 'Active' | 'Inactive'): boolean;
  requests(since?: number): RequestLogEntry[];
  /** Limits the request rate (one token bucket, see rateLimit.ts); replaces a previous limit and its counters. */
  setRateLimit(spec: RateLimitSpec): RateLimitStatus;
  /** The limit and its counters; `rateLimit: null` when none is set. */
  rateLimit(): RateLimitStatus;
  /** Removes the limit; returns its final counters. */
  clearRateLimit(): RateLimitStatus;
  /**
   * Every AccessKey secret and security token of the seed and every secret issued since start
   * (created keys, deleted ones too; kept across reset), for secret scans of what tests leave behind.
   */
  secrets(): string[];
}

export interface RunningEmulator {
  /** `127.0.0.1:PORT`, the form the SDK's `endpoint` takes (protocol http); with `portPerProduct`, RAM's. */
  endpoint: string;
  /** Each product's `127.0.0.1:PORT`; all equal to `endpoint` unless `portPerProduct`. */
  endpoints: Record<Product, string>;
  port: number;
  control: EmulatorControl;
  /** Seed warnings (unknown fields, unknown policy names). */
  warnings: string[];
  close(): Promise<void>;
}

/** In port order for `portPerProduct`: the first one's port is `endpoint`. */
const PRODUCT_LIST: readonly ProductDef[] = [RAM, STS, SLB];
const PRODUCTS: ReadonlyMap<string, ProductDef> = new Map(PRODUCT_LIST.map((p) => [p.version, p]));
const WINDOW_MS = 15 * 60 * 1000;
const MAX_BODY = 1024 * 1024;
const MAX_LOG = 20_000;

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n';

type Format = 'JSON' | 'XML';

interface Outgoing {
  status: number;
  body: string;
  contentType: string;
  headers: Record<string, string>;
  code: string;
}

interface RequestInfo {
  scheme: 'v2' | 'v3';
  method: string;
  pathname: string;
  query: Map<string, string>;
  params: Map<string, string>;
  rawBody: Buffer;
  headers: http.IncomingHttpHeaders;
  action?: string;
  version?: string;
  def?: ProductDef;
  accessKeyId?: string;
  format: Format;
  requestId: string;
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  if (Array.isArray(v)) {
    return v.join(',');
  }
  return v === undefined || v === '' ? undefined : v;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) {
    return value.map((v) => toXml(name, v)).join('');
  }
  if (isRecord(value)) {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => toXml(k, v))
      .join('')}</${name}>`;
  }
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  return `<${name}>${xmlEscape(text)}</${name}>`;
}

function serialize(format: Format, rootName: string, body: ResponseBody): { text: string; contentType: string } {
  if (format === 'XML') {
    return { text: `<?xml version='1.0' encoding='UTF-8'?>${toXml(rootName, body)}`, contentType: 'text/xml;charset=utf-8' };
  }
  return { text: JSON.stringify(body), contentType: 'application/json;charset=utf-8' };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function resolveSeed(seed: SeedFile | string | undefined): ValidatedSeed {
  if (seed === undefined) {
    return validateSeed(demoSeedJson, 'built-in demo seed (test/emulator/demo-seed.json)');
  }
  if (typeof seed === 'string') {
    return loadSeedFile(seed);
  }
  return validateSeed(seed, 'seed object');
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const validated = resolveSeed(opts.seed);
  const log = opts.log;
  for (const w of validated.warnings) {
    log?.(`seed warning: ${w}`);
  }
  const loadedAtMs = Date.now();
  const secrets = new Set<string>();
  let state = new EmulatorState(validated.seed, loadedAtMs, secrets);
  const faults = new FaultBook();
  let limiter: RateLimiter | undefined;
  let clockOffset = 0;
  const latencyMs = Math.max(0, opts.latencyMs ?? 0);
  const nonces = new Map<string, number>();
  const requestLog: RequestLogEntry[] = [];
  let logSeq = 0;
  const hanging = new Set<Socket>();
  let closing = false;

  const now = (): number => Date.now() + clockOffset;

  function record(entry: Omit<RequestLogEntry, 'seq' | 'time'>): void {
    const full: RequestLogEntry = { seq: ++logSeq, time: new Date().toISOString(), ...entry };
    requestLog.push(full);
    if (requestLog.length > MAX_LOG) {
      requestLog.splice(0, requestLog.length - MAX_LOG);
    }
    if (log) {
      const product = full.product ? full.product.toUpperCase() : '-';
      log(
        `${full.time} ${product} ${full.action ?? '-'} ${full.accessKeyId} ${full.status || '---'} ${full.code} ` +
          `${full.durationMs.toFixed(1)}ms${full.fault ? ` ${full.fault}` : ''}`,
      );
    }
  }

  function rememberNonce(accessKeyId: string, nonce: string): void {
    const key = `${accessKeyId}\n${nonce}`;
    const t = Date.now();
    const until = nonces.get(key);
    if (until !== undefined && until > t) {
      throw Errors.nonceUsed();
    }
    if (nonces.size > 50_000) {
      for (const [k, v] of nonces) {
        if (v <= t) {
          nonces.delete(k);
        }
      }
    }
    // Kept for two windows: a timestamp may be up to 15 minutes in the future.
    nonces.set(key, t + 2 * WINDOW_MS);
  }

  function checkTimestamp(value: string): void {
    const ts = parseTimestamp(value);
    if (Number.isNaN(ts)) {
      throw Errors.timestampFormat();
    }
    if (Math.abs(now() - ts) > WINDOW_MS) {
      throw Errors.timestampExpired();
    }
  }

  /** The principal behind an AccessKey id (+ security token); the gateway's checks in its order. */
  function principal(accessKeyId: string, token: string | undefined): { caller: Caller; secret: string; key?: KeyRecord } {
    const cred = state.sts.get(accessKeyId);
    if (cred) {
      if (!token) {
        throw Errors.missingSecurityToken();
      }
      if (token !== cred.securityToken) {
        throw state.tokens.has(token) ? Errors.tokenMismatch() : Errors.tokenMalformed();
      }
      if (now() >= cred.expirationMs) {
        throw Errors.tokenExpired();
      }
      return { caller: { kind: 'sts', account: cred.account, cred }, secret: cred.secret };
    }
    const key = state.keys.get(accessKeyId);
    if (!key) {
      throw Errors.accessKeyNotFound();
    }
    if (token) {
      throw state.tokens.has(token) ? Errors.tokenMismatch() : Errors.tokenMalformed();
    }
    if (key.status !== 'Active') {
      throw Errors.accessKeyInactive();
    }
    const caller: Caller =
      key.owner.kind === 'root'
        ? { kind: 'root', account: key.owner.account, key }
        : { kind: 'user', account: key.owner.account, user: key.owner.user, key };
    return { caller, secret: key.secret, key };
  }

  function authenticateV2(info: RequestInfo): Caller {
    const p = info.params;
    const need = (name: string): string => {
      const v = p.get(name);
      if (v === undefined || v === '') {
        throw Errors.missing(name);
      }
      return v;
    };
    const accessKeyId = need('AccessKeyId');
    const signature = need('Signature');
    if (need('SignatureMethod') !== 'HMAC-SHA1') {
      throw Errors.invalidSignatureMethod();
    }
    if (need('SignatureVersion') !== '1.0') {
      throw Errors.invalidSignatureVersion();
    }
    const timestamp = need('Timestamp');
    const nonce = need('SignatureNonce');
    checkTimestamp(timestamp);
    const who = principal(accessKeyId, p.get('SecurityToken') || undefined);
    const stringToSign = v2StringToSign(info.method, p);
    if (!safeEqual(v2Sign(stringToSign, who.secret), signature)) {
      throw Errors.signatureDoesNotMatch(stringToSign);
    }
    rememberNonce(accessKeyId, nonce);
    markUsed(who.key);
    return who.caller;
  }

  function authenticateV3(info: RequestInfo): Caller {
    const raw = header(info.headers, 'authorization');
    if (!raw) {
      throw Errors.incompleteSignature('The Authorization header is missing.');
    }
    const auth = parseV3Authorization(raw);
    if (!auth) {
      throw Errors.incompleteSignature();
    }
    if (!V3_ALGORITHMS.has(auth.algorithm)) {
      throw Errors.invalidSignatureMethod();
    }
    if (!auth.signedHeaders.includes('host')) {
      throw Errors.incompleteSignature('The host header must be signed.');
    }
    for (const name of Object.keys(info.headers)) {
      if (name.startsWith('x-acs-') && !auth.signedHeaders.includes(name)) {
        throw Errors.incompleteSignature(`The header ${name} must be signed.`);
      }
    }
    const date = header(info.headers, 'x-acs-date');
    if (!date) {
      throw Errors.missing('Timestamp');
    }
    if (!header(info.headers, 'x-acs-content-sha256')) {
      throw Errors.incompleteSignature('The x-acs-content-sha256 header is missing.');
    }
    checkTimestamp(date);
    const who = principal(auth.accessKeyId, header(info.headers, 'x-acs-security-token'));
    const canonical = v3CanonicalRequest(
      info.method,
      info.pathname,
      info.query,
      info.headers,
      auth.signedHeaders,
      v3PayloadHash(auth.algorithm, info.rawBody),
    );
    const stringToSign = v3StringToSign(auth.algorithm, canonical);
    if (!safeEqual(v3Sign(auth.algorithm, stringToSign, who.secret), auth.signature)) {
      throw Errors.signatureDoesNotMatch(stringToSign);
    }
    const nonce = header(info.headers, 'x-acs-signature-nonce');
    if (nonce) {
      rememberNonce(auth.accessKeyId, nonce);
    }
    markUsed(who.key);
    return who.caller;
  }

  function markUsed(key: KeyRecord | undefined): void {
    if (key) {
      key.lastUsedDate = isoSeconds(now());
    }
  }

  /** Everything after parsing: routing checks, authentication, authorization, the action. */
  function execute(info: RequestInfo): ResponseBody {
    if (info.method !== 'GET' && info.method !== 'POST') {
      throw Errors.unsupportedMethod();
    }
    if (!info.action) {
      throw Errors.missing('Action');
    }
    if (!info.version) {
      throw Errors.missing('Version');
    }
    const def = info.def;
    if (!def) {
      throw Errors.invalidVersion();
    }
    if (info.pathname !== '/' || !Object.prototype.hasOwnProperty.call(def.actions, info.action)) {
      throw Errors.apiNotFound();
    }
    const formatParam = info.params.get('Format');
    if (formatParam !== undefined && !['JSON', 'XML'].includes(formatParam.toUpperCase())) {
      throw Errors.invalidFormat();
    }
    const actionDef: ActionDef = def.actions[info.action];
    const caller = info.scheme === 'v3' ? authenticateV3(info) : authenticateV2(info);
    for (const name of actionDef.required ?? []) {
      if (!info.params.get(name)) {
        throw Errors.missing(name);
      }
    }
    if (actionDef.authAction) {
      const policies = callerPolicies(caller);
      if (policies !== undefined && !policiesAllow(policies, actionDef.authAction)) {
        throw def.denied(accessDeniedDetail(caller, actionDef.authAction));
      }
    }
    return actionDef.handler({ caller, params: info.params, state, nowMs: now() });
  }

  function errorOutgoing(info: RequestInfo, err: ApiError): Outgoing {
    const product = info.def?.code ?? 'Ram';
    const body: ResponseBody = {
      RequestId: info.requestId,
      HostId: info.def ? info.def.hostId(info.params) : (header(info.headers, 'host') ?? '127.0.0.1'),
      Code: err.code,
      Message: err.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${product}&requestId=${info.requestId}`,
    };
    if (err.accessDeniedDetail) {
      body.AccessDeniedDetail = err.accessDeniedDetail satisfies AccessDeniedDetail;
    }
    const s = serialize(info.format, 'Error', body);
    return { status: err.status, body: s.text, contentType: s.contentType, headers: { ...err.headers }, code: err.code };
  }

  function send(res: http.ServerResponse, info: RequestInfo, out: Outgoing): void {
    if (res.destroyed || res.writableEnded) {
      return;
    }
    const body = Buffer.from(out.body, 'utf8');
    res.writeHead(out.status, {
      'content-type': out.contentType,
      'content-length': String(body.length),
      'x-acs-request-id': info.requestId,
      date: new Date(now()).toUTCString(),
      ...out.headers,
    });
    res.end(body);
  }

  /** A throttling answer as the gateway gives it: error body, `x-acs-retry-after` and `x-ratelimit-user[-api]`. */
  function throttleOutgoing(info: RequestInfo, status: number, code: string, message: string, retryAfterMs: number, limit: number): Outgoing {
    const limitHeader = `Limit:${limit},Remain:0,TimeLeft:${retryAfterMs},Reset:${Date.now() + retryAfterMs}`;
    return errorOutgoing(
      info,
      new ApiError(status, code, message, undefined, {
        'x-acs-retry-after': String(retryAfterMs),
        [code === 'Throttling.Api' ? 'x-ratelimit-user-api' : 'x-ratelimit-user']: limitHeader,
      }),
    );
  }

  /**
   * Applies a fault. Returns true when the request is finished (answered, reset or left hanging).
   * `answer` is what the action answered (for `when: after`).
   */
  async function applyFault(
    fault: Fault,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    info: RequestInfo,
    spent: number,
    answer?: Outgoing,
  ): Promise<boolean> {
    const base = {
      product: info.def?.product ?? null,
      action: info.action ?? null,
      accessKeyId: maskKeyId(info.accessKeyId),
      fault: fault.id,
    };
    switch (fault.type) {
      case 'latency':
        await sleep(fault.latencyMs ?? 1000);
        return false;
      case 'status': {
        const status = fault.status ?? 500;
        const d = defaultErrorFor(status);
        const out = errorOutgoing(info, new ApiError(status, fault.code ?? d.code, fault.message ?? d.message));
        send(res, info, out);
        record({ ...base, code: out.code, status, durationMs: spent });
        return true;
      }
      case 'throttle': {
        const status = fault.status ?? 400;
        const code = fault.code ?? 'Throttling.User';
        const out = throttleOutgoing(info, status, code, fault.message ?? throttleMessage(code), fault.retryAfterMs ?? 1000, 100);
        send(res, info, out);
        record({ ...base, code, status, durationMs: spent });
        return true;
      }
      case 'html': {
        const status = fault.status ?? 502;
        if (!res.destroyed) {
          res.writeHead(status, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(HTML_502)), server: 'Tengine' });
          res.end(HTML_502);
        }
        record({ ...base, code: 'Fault.html', status, durationMs: spent });
        return true;
      }
      case 'malformed': {
        // The first half of the real answer (or of an error body): JSON that ends mid-value.
        const status = fault.status ?? 200;
        const full = answer?.body ?? JSON.stringify({ RequestId: info.requestId, HostId: info.def?.hostId(info.params) ?? '127.0.0.1' });
        const body = Buffer.from(full.slice(0, Math.max(1, Math.floor(full.length / 2))), 'utf8');
        if (!res.destroyed) {
          res.writeHead(status, {
            'content-type': 'application/json;charset=utf-8',
            'content-length': String(body.length),
            'x-acs-request-id': info.requestId,
          });
          res.end(body);
        }
        record({ ...base, code: 'Fault.malformed', status, durationMs: spent });
        return true;
      }
      case 'reset': {
        const socket = req.socket;
        if (typeof socket.resetAndDestroy === 'function') {
          socket.resetAndDestroy();
        } else {
          socket.destroy();
        }
        record({ ...base, code: 'Fault.reset', status: 0, durationMs: spent });
        return true;
      }
      case 'hang': {
        const socket = req.socket;
        hanging.add(socket);
        socket.once('close', () => hanging.delete(socket));
        record({ ...base, code: 'Fault.hang', status: 0, durationMs: spent });
        return true;
      }
    }
  }

  /** Answers an API request; `only` is the product of the port it came in on (undefined: every product's port). */
  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer, only: ProductDef | undefined): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const query = new Map<string, string>();
    for (const [k, v] of url.searchParams) {
      query.set(k, v);
    }
    const params = new Map(query);
    const contentType = header(req.headers, 'content-type') ?? '';
    if (rawBody.length > 0 && contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(rawBody.toString('utf8'))) {
        params.set(k, v);
      }
    }
    const authorization = header(req.headers, 'authorization');
    const scheme: 'v2' | 'v3' =
      authorization !== undefined || (!params.has('Signature') && !params.has('Action') && header(req.headers, 'x-acs-action') !== undefined)
        ? 'v3'
        : 'v2';
    const action = scheme === 'v3' ? header(req.headers, 'x-acs-action') : params.get('Action');
    const version = scheme === 'v3' ? header(req.headers, 'x-acs-version') : params.get('Version');
    let accessKeyId: string | undefined;
    if (scheme === 'v3') {
      accessKeyId = authorization ? parseV3Authorization(authorization)?.accessKeyId : undefined;
    } else {
      accessKeyId = params.get('AccessKeyId');
    }
    const formatParam = params.get('Format')?.toUpperCase();
    const accept = (header(req.headers, 'accept') ?? '').toLowerCase();
    const format: Format =
      formatParam === 'JSON' ? 'JSON' : formatParam === 'XML' ? 'XML' : accept.includes('json') ? 'JSON' : accept.includes('xml') ? 'XML' : scheme === 'v3' ? 'JSON' : 'XML';
    const info: RequestInfo = {
      scheme,
      method: (req.method ?? 'GET').toUpperCase(),
      pathname: url.pathname,
      query,
      params,
      rawBody,
      headers: req.headers,
      action,
      version,
      def: version ? PRODUCTS.get(version) : undefined,
      accessKeyId,
      format,
      requestId: newRequestId(),
    };
    const match = { product: info.def?.product, action, accessKeyId };

    if (wrongPort(only, info.def)) {
      // The other product's host has no such API: its gateway refuses before anything else.
      const out = errorOutgoing({ ...info, def: only }, Errors.apiNotFound());
      send(res, info, out);
      record({ product: info.def?.product ?? null, action: action ?? null, accessKeyId: maskKeyId(accessKeyId), code: out.code, status: out.status, durationMs: performance.now() - started });
      return;
    }
    const before = faults.take('before', match);
    if (before && (await applyFault(before, req, res, info, performance.now() - started))) {
      return;
    }
    if (limiter?.matches(info.def?.product)) {
      const decision = limiter.take();
      if (!decision.allowed) {
        const out = throttleOutgoing(info, 400, 'Throttling.User', throttleMessage('Throttling.User'), decision.retryAfterMs, decision.limit);
        send(res, info, out);
        record({ product: info.def?.product ?? null, action: action ?? null, accessKeyId: maskKeyId(accessKeyId), code: out.code, status: out.status, durationMs: performance.now() - started, fault: 'rate-limit' });
        return;
      }
    }
    if (latencyMs > 0) {
      await sleep(latencyMs);
    }

    const t0 = performance.now();
    let out: Outgoing;
    try {
      const body = execute(info);
      const s = serialize(format, `${action ?? 'Unknown'}Response`, { RequestId: info.requestId, ...body });
      out = { status: 200, body: s.text, contentType: s.contentType, headers: {}, code: 'OK' };
    } catch (err) {
      if (err instanceof ApiError) {
        out = errorOutgoing(info, err);
      } else {
        log?.(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        out = errorOutgoing(info, Errors.internal());
      }
    }
    const spent = performance.now() - t0;

    const after = faults.take('after', match);
    if (after && (await applyFault(after, req, res, info, spent, out))) {
      return;
    }
    send(res, info, out);
    record({
      product: info.def?.product ?? null,
      action: action ?? null,
      accessKeyId: maskKeyId(accessKeyId),
      code: out.code,
      status: out.status,
      durationMs: spent,
      ...(after ? { fault: after.id } : before ? { fault: before.id } : {}),
    });
  }

  const control: EmulatorControl = {
    addFault: (spec) => faults.add(parseFaultSpec(spec)).id,
    listFaults: () => faults.list(),
    removeFault: (id) => faults.remove(id),
    clearFaults: () => faults.clear(),
    setClockOffset: (ms) => {
      if (!Number.isFinite(ms)) {
        throw new TypeError('offsetMs must be a finite number');
      }
      clockOffset = Math.trunc(ms);
    },
    clockOffsetMs: () => clockOffset,
    now,
    reset: () => {
      state = new EmulatorState(validated.seed, loadedAtMs, secrets);
      faults.clear();
      clockOffset = 0;
      nonces.clear();
      limiter = undefined;
    },
    state: () => snapshot(),
    setKeyStatus: (id, status) => {
      const key = state.keys.get(id);
      if (!key) {
        return false;
      }
      key.status = status;
      return true;
    },
    requests: (since = 0) => requestLog.filter((e) => e.seq > since).map((e) => ({ ...e })),
    setRateLimit: (spec) => {
      limiter = new RateLimiter(parseRateLimitSpec(spec));
      return limiter.status();
    },
    rateLimit: () => limiter?.status() ?? { ...NO_RATE_LIMIT },
    clearRateLimit: () => {
      const last = limiter?.status() ?? { ...NO_RATE_LIMIT };
      limiter = undefined;
      return last;
    },
    secrets: () => [...secrets],
  };

  function snapshot(): StateSnapshot {
    const keyJson = (k: KeyRecord): KeySnapshot => ({
      accessKeyId: k.accessKeyId,
      status: k.status,
      createDate: k.createDate,
      lastUsedDate: k.lastUsedDate ?? null,
    });
    return {
      now: isoSeconds(now()),
      clockOffsetMs: clockOffset,
      accounts: state.accounts.map((a) => {
        const byRegion: Record<string, number> = {};
        let total = 0;
        for (const [region, list] of a.lbsByRegion) {
          byRegion[region] = list.length;
          total += list.length;
        }
        return {
          accountId: a.accountId,
          rootAccessKeys: a.rootKeys.map(keyJson),
          users: a.userList.map((u) => ({
            userName: u.userName,
            userId: u.userId,
            displayName: u.displayName,
            createDate: u.createDate,
            policies: [...u.policies],
            accessKeys: u.keys.map(keyJson),
          })),
          stsTokens: a.stsCredentials.map((c) => ({
            accessKeyId: c.accessKeyId,
            roleName: c.roleName,
            roleId: c.roleId,
            roleSessionName: c.roleSessionName,
            expiration: c.expiration,
          })),
          loadBalancers: { total, byRegion },
        };
      }),
    };
  }

  const handleControl = controlHandler(control, () => logSeq);
  const listeners = await listen(opts.portPerProduct ? PRODUCT_LIST : undefined, opts.port ?? 0, (only) => (req, res) => {
    readBody(req)
      .then(async (rawBody) => {
        if (isControlPath(req.url)) {
          handleControl(req, res, rawBody);
        } else {
          await handleApi(req, res, rawBody, only);
        }
      })
      .catch((err: unknown) => {
        log?.(`request failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('emulator error');
        }
      });
  });
  const port = listeners[0].port;

  return {
    endpoint: `127.0.0.1:${port}`,
    endpoints: endpointsOf(listeners, PRODUCT_LIST),
    port,
    control,
    warnings: [...validated.warnings],
    close: () => {
      if (closing) {
        return Promise.resolve();
      }
      closing = true;
      for (const s of hanging) {
        s.destroy();
      }
      hanging.clear();
      return closeAll(listeners);
    },
  };
}
