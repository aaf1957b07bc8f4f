/**
 * Server side of the two signature schemes the SDK uses (reference §1):
 * - RPC V2: HMAC-SHA1 over `METHOD&%2F&enc(sorted k=v)`, `Signature` query parameter.
 * - ACS3-HMAC-SHA256 (V3): canonical request in headers, `Authorization` header.
 */
import * as crypto from 'crypto';
import type { IncomingHttpHeaders } from 'http';
import { percentEncode } from './util';

export function v2StringToSign(method: string, params: ReadonlyMap<string, string>): string {
  const keys = [...params.keys()].filter((k) => k !== 'Signature').sort();
  const canonicalized = keys.map((k) => `${percentEncode(k)}=${percentEncode(params.get(k) ?? '')}`).join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalized)}`;
}

export function v2Sign(stringToSign: string, secret: string): string {
  return crypto.createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

export interface V3Authorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export const V3_ALGORITHMS: ReadonlySet<string> = new Set(['ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3']);

/** Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`; undefined when malformed. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const m = /^(ACS3-[A-Z0-9-]+)\s+(.*)$/.exec(header.trim());
  if (!m) {
    return undefined;
  }
  const fields = new Map<string, string>();
  for (const part of m[2].split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      return undefined;
    }
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || signedHeaders === undefined || !signature || fields.size !== 3) {
    return undefined;
  }
  if (!/^[0-9a-fA-F]+$/.test(signature)) {
    return undefined;
  }
  const list = signedHeaders.split(';').map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0);
  return { algorithm: m[1], accessKeyId: credential, signedHeaders: list, signature: signature.toLowerCase() };
}

function hashHex(algorithm: string, data: Buffer | string): string {
  return crypto.createHash(algorithm === 'ACS3-HMAC-SM3' ? 'sm3' : 'sha256').update(data).digest('hex');
}

export function v3PayloadHash(algorithm: string, body: Buffer): string {
  return hashHex(algorithm, body);
}

/** The canonical request exactly as openapi-core's getAuthorization builds it. */
export function v3CanonicalRequest(
  method: string,
  pathname: string,
  query: ReadonlyMap<string, string>,
  headers: IncomingHttpHeaders,
  signedHeaders: readonly string[],
  payloadHash: string,
): string {
  const canonicalUri = (pathname || '/').replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
  const canonicalQuery = [...query.keys()]
    .sort()
    .map((k) => `${k}=${percentEncode(query.get(k) ?? '')}`)
    .join('&');
  let canonicalHeaders = '';
  for (const name of signedHeaders) {
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw.map((v) => v.trim()).sort().join(',') : (raw ?? '').trim();
    canonicalHeaders += `${name}:${value}\n`;
  }
  return `${method}\n${canonicalUri}\n${canonicalQuery}\n${canonicalHeaders}\n${signedHeaders.join(';')}\n${payloadHash}`;
}

export function v3StringToSign(algorithm: string, canonicalRequest: string): string {
  return `${algorithm}\n${hashHex(algorithm, canonicalRequest)}`;
}

export function v3Sign(algorithm: string, stringToSign: string, secret: string): string {
  return crypto.createHmac(algorithm === 'ACS3-HMAC-SM3' ? 'sm3' : 'sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** `yyyy-MM-ddTHH:mm:ssZ` (fractional seconds tolerated); NaN when not well formed. */
export function parseTimestamp(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/.exec(value);
  if (!m) {
    return NaN;
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) {
    return NaN;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s);
}
