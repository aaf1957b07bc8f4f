/**
 * Authentication as the gateway does it, in its order: signature syntax, timestamp, AccessKey and
 * security token, signature value, nonce. Returns the caller; marks the key used.
 */
import type { Caller } from './api';
import { Errors } from './errors';
import { Runtime, TIMESTAMP_WINDOW_MS } from './runtime';
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
import type { KeyRecord } from './state';
import { isoSeconds } from './util';
import { RequestInfo, header } from './wire';

function checkTimestamp(rt: Runtime, value: string): void {
  const ts = parseTimestamp(value);
  if (Number.isNaN(ts)) {
    throw Errors.timestampFormat();
  }
  if (Math.abs(rt.now() - ts) > TIMESTAMP_WINDOW_MS) {
    throw Errors.timestampExpired();
  }
}

/** The principal behind an AccessKey id (+ security token); the gateway's checks in its order. */
function principal(rt: Runtime, accessKeyId: string, token: string | undefined): { caller: Caller; secret: string; key?: KeyRecord } {
  const state = rt.state;
  const cred = state.sts.get(accessKeyId);
  if (cred) {
    if (!token) {
      throw Errors.missingSecurityToken();
    }
    if (token !== cred.securityToken) {
      throw state.tokens.has(token) ? Errors.tokenMismatch() : Errors.tokenMalformed();
    }
    if (rt.now() >= cred.expirationMs) {
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

function rememberNonce(rt: Runtime, accessKeyId: string, nonce: string): void {
  if (!rt.nonces.use(accessKeyId, nonce)) {
    throw Errors.nonceUsed();
  }
}

function markUsed(rt: Runtime, key: KeyRecord | undefined): void {
  if (key) {
    key.lastUsedDate = isoSeconds(rt.now());
  }
}

function authenticateV2(rt: Runtime, info: RequestInfo): Caller {
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
  checkTimestamp(rt, timestamp);
  const who = principal(rt, accessKeyId, p.get('SecurityToken') || undefined);
  const stringToSign = v2StringToSign(info.method, p);
  if (!safeEqual(v2Sign(stringToSign, who.secret), signature)) {
    throw Errors.signatureDoesNotMatch(stringToSign);
  }
  rememberNonce(rt, accessKeyId, nonce);
  markUsed(rt, who.key);
  return who.caller;
}

function authenticateV3(rt: Runtime, info: RequestInfo): Caller {
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
  checkTimestamp(rt, date);
  const who = principal(rt, auth.accessKeyId, header(info.headers, 'x-acs-security-token'));
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
    rememberNonce(rt, auth.accessKeyId, nonce);
  }
  markUsed(rt, who.key);
  return who.caller;
}

export function authenticate(rt: Runtime, info: RequestInfo): Caller {
  return info.scheme === 'v3' ? authenticateV3(rt, info) : authenticateV2(rt, info);
}
