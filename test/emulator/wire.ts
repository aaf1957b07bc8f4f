/**
 * The HTTP side of an API request: reading it into a RequestInfo (scheme, action, version, format)
 * and writing answers (JSON or XML, the error body, throttling headers).
 */
import type * as http from 'http';
import { URL } from 'url';
import type { ProductDef, ResponseBody } from './api';
import { AccessDeniedDetail, ApiError } from './errors';
import { parseV3Authorization } from './signature';
import { isRecord, newRequestId } from './util';

const MAX_BODY = 1024 * 1024;

export type Format = 'JSON' | 'XML';

export interface Outgoing {
  status: number;
  body: string;
  contentType: string;
  headers: Record<string, string>;
  code: string;
}

export interface RequestInfo {
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

export function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
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

export function serialize(format: Format, rootName: string, body: ResponseBody): { text: string; contentType: string } {
  if (format === 'XML') {
    return { text: `<?xml version='1.0' encoding='UTF-8'?>${toXml(rootName, body)}`, contentType: 'text/xml;charset=utf-8' };
  }
  return { text: JSON.stringify(body), contentType: 'application/json;charset=utf-8' };
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
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

/**
 * What a request asks for, before anything is checked: ACS3 requests (an `Authorization` header, or
 * `x-acs-action` without RPC parameters) carry action and version in headers, RPC V2 ones in parameters.
 */
export function parseRequest(req: http.IncomingMessage, rawBody: Buffer, productOf: (version: string) => ProductDef | undefined): RequestInfo {
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
  const accessKeyId = scheme === 'v3' ? (authorization ? parseV3Authorization(authorization)?.accessKeyId : undefined) : params.get('AccessKeyId');
  const formatParam = params.get('Format')?.toUpperCase();
  const accept = (header(req.headers, 'accept') ?? '').toLowerCase();
  const format: Format =
    formatParam === 'JSON' ? 'JSON' : formatParam === 'XML' ? 'XML' : accept.includes('json') ? 'JSON' : accept.includes('xml') ? 'XML' : scheme === 'v3' ? 'JSON' : 'XML';
  return {
    scheme,
    method: (req.method ?? 'GET').toUpperCase(),
    pathname: url.pathname,
    query,
    params,
    rawBody,
    headers: req.headers,
    action,
    version,
    def: version ? productOf(version) : undefined,
    accessKeyId,
    format,
    requestId: newRequestId(),
  };
}

export function okOutgoing(info: RequestInfo, body: ResponseBody): Outgoing {
  const s = serialize(info.format, `${info.action ?? 'Unknown'}Response`, { RequestId: info.requestId, ...body });
  return { status: 200, body: s.text, contentType: s.contentType, headers: {}, code: 'OK' };
}

export function errorOutgoing(info: RequestInfo, err: ApiError): Outgoing {
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

/** A throttling answer as the gateway gives it: error body, `x-acs-retry-after` and `x-ratelimit-user[-api]`. */
export function throttleOutgoing(info: RequestInfo, status: number, code: string, message: string, retryAfterMs: number, limit: number): Outgoing {
  const limitHeader = `Limit:${limit},Remain:0,TimeLeft:${retryAfterMs},Reset:${Date.now() + retryAfterMs}`;
  return errorOutgoing(
    info,
    new ApiError(status, code, message, undefined, {
      'x-acs-retry-after': String(retryAfterMs),
      [code === 'Throttling.Api' ? 'x-ratelimit-user-api' : 'x-ratelimit-user']: limitHeader,
    }),
  );
}

export function send(res: http.ServerResponse, info: RequestInfo, out: Outgoing, nowMs: number): void {
  if (res.destroyed || res.writableEnded) {
    return;
  }
  const body = Buffer.from(out.body, 'utf8');
  res.writeHead(out.status, {
    'content-type': out.contentType,
    'content-length': String(body.length),
    'x-acs-request-id': info.requestId,
    date: new Date(nowMs).toUTCString(),
    ...out.headers,
  });
  res.end(body);
}
