/**
 * Test helpers: a test seed, real SDK clients pointed at a running emulator, raw signed requests
 * (signed with the SDK's own signing functions) and a small control-API client.
 */
import * as assert from 'assert';
import * as http from 'http';
import OpenApi, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import Ram from '@alicloud/ram20150501';
import Ims from '@alicloud/ims20190815';
import Sts from '@alicloud/sts20150401';
import * as $dara from '@darabonba/typescript';
import { startEmulator, type RunningEmulator, type SeedFile, type SeedLoadBalancer } from './server';

export interface Cred {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export const ACCOUNT = '1000000000000001';
export const OTHER_ACCOUNT = '2000000000000002';

export const K = {
  root: { accessKeyId: 'LTAI5tTestRootKey0000001', accessKeySecret: 'test-secret-root-not-real' },
  alice: { accessKeyId: 'LTAI5tTestAliceKey000001', accessKeySecret: 'test-secret-alice-not-real' },
  bob: { accessKeyId: 'LTAI5tTestBobKey00000001', accessKeySecret: 'test-secret-bob-not-real' },
  carol: { accessKeyId: 'LTAI5tTestCarolKey000001', accessKeySecret: 'test-secret-carol-not-real' },
  dave1: { accessKeyId: 'LTAI5tTestDaveKey0000001', accessKeySecret: 'test-secret-dave1-not-real' },
  dave2: { accessKeyId: 'LTAI5tTestDaveKey0000002', accessKeySecret: 'test-secret-dave2-not-real' },
  reader: { accessKeyId: 'LTAI5tTestReaderKey00001', accessKeySecret: 'test-secret-reader-not-real' },
  otherRoot: { accessKeyId: 'LTAI5tTestOtherRoot00001', accessKeySecret: 'test-secret-other-root-not-real' },
  sts: {
    accessKeyId: 'STS.NTestRoleKey000000001',
    accessKeySecret: 'test-secret-sts-not-real',
    securityToken: 'test-security-token-0001',
  },
  stsExpired: {
    accessKeyId: 'STS.NTestExpiredKey00001',
    accessKeySecret: 'test-secret-sts-expired-not-real',
    securityToken: 'test-security-token-expired',
  },
} satisfies Record<string, Cred>;

export const HANGZHOU_LBS = 25;

/** A fresh copy of the seed most tests use. */
export function testSeed(): SeedFile {
  const lbs: SeedLoadBalancer[] = [];
  for (let i = 0; i < HANGZHOU_LBS; i++) {
    lbs.push({
      regionId: 'cn-hangzhou',
      loadBalancerId: `lb-bptest${String(i).padStart(12, '0')}`,
      loadBalancerName: i % 2 === 0 ? `web-${i}` : `api-${i}`,
      loadBalancerStatus: i % 5 === 4 ? 'inactive' : 'active',
      address: `47.96.0.${i + 1}`,
      addressType: i % 3 === 2 ? 'intranet' : 'internet',
      networkType: i === 0 ? 'classic' : 'vpc',
      createTime: '2023-05-06T07:08:09Z',
    });
  }
  lbs.push({
    regionId: 'eu-central-1',
    loadBalancerId: 'lb-gwtest000000000001',
    loadBalancerName: 'frankfurt-web',
    listeners: [
      { port: 80, protocol: 'http', listenerForward: 'on', forwardPort: 443 },
      { port: 443, protocol: 'https' },
    ],
    backendServers: [{ serverId: 'i-gwtest0001', weight: 80, serverIp: '192.168.1.10' }],
  });
  return {
    accounts: [
      {
        accountId: ACCOUNT,
        rootAccessKeys: [{ ...K.root, createDate: '2023-01-01T00:00:00Z' }],
        users: [
          { userName: 'alice', userId: '2100000000000001', policies: ['AliyunRAMFullAccess', 'AliyunSLBFullAccess'], accessKeys: [{ ...K.alice }] },
          { userName: 'bob', userId: '2100000000000002', policies: ['AliyunSLBReadOnlyAccess'], accessKeys: [{ ...K.bob }] },
          { userName: 'carol', userId: '2100000000000003', accessKeys: [{ ...K.carol }] },
          {
            userName: 'dave',
            userId: '2100000000000004',
            policies: ['AliyunRAMReadOnlyAccess'],
            accessKeys: [
              { ...K.dave1, createDate: '2021-06-01T04:00:00Z', lastUsedDate: '2022-02-01T10:20:30Z' },
              { ...K.dave2, status: 'Inactive' },
            ],
          },
          { userName: 'reader', userId: '2100000000000005', policies: ['AliyunRAMReadOnlyAccess'], accessKeys: [{ ...K.reader }] },
          { userName: 'nokeys', userId: '2100000000000006' },
          { userName: 'withpolicy', userId: '2100000000000007', policies: ['AliyunSLBReadOnlyAccess'] },
        ],
        loadBalancers: lbs,
        stsTokens: [
          { ...K.sts, expiration: '2099-01-01T00:00:00Z', roleName: 'TestRole', roleId: '300000000000000042', roleSessionName: 'test-session', policies: ['AliyunSLBReadOnlyAccess'] },
          { ...K.stsExpired, expiration: '2020-01-01T00:00:00Z', roleName: 'TestRole' },
        ],
      },
      {
        accountId: OTHER_ACCOUNT,
        rootAccessKeys: [{ ...K.otherRoot }],
        users: [{ userName: 'alice', userId: '2200000000000001' }],
      },
    ],
  };
}

export function config(emu: RunningEmulator, cred: Cred, extra: Partial<$OpenApiUtil.Config> = {}): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: cred.accessKeyId,
    accessKeySecret: cred.accessKeySecret,
    securityToken: cred.securityToken,
    endpoint: emu.endpoint,
    protocol: 'http',
    ...extra,
  });
}

export function ram(emu: RunningEmulator, cred: Cred, extra: Partial<$OpenApiUtil.Config> = {}): Ram {
  return new Ram(config(emu, cred, extra));
}

export function sts(emu: RunningEmulator, cred: Cred, extra: Partial<$OpenApiUtil.Config> = {}): Sts {
  return new Sts(config(emu, cred, extra));
}

export function ims(emu: RunningEmulator, cred: Cred, extra: Partial<$OpenApiUtil.Config> = {}): Ims {
  return new Ims(config(emu, cred, extra));
}

export type SlbQuery = Record<string, string | number | undefined>;

/** SLB through openapi-core's callApi, as the extension does it; returns the raw PascalCase body. */
export async function slb(
  emu: RunningEmulator,
  cred: Cred,
  action: string,
  query: SlbQuery = {},
  extra: Partial<$OpenApiUtil.Config> = {},
): Promise<Record<string, unknown>> {
  const client = new OpenApi(config(emu, cred, extra));
  const params = new $OpenApiUtil.Params({
    action,
    version: '2014-05-15',
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(query) });
  const res = await client.callApi(params, request, new $dara.RuntimeOptions({}));
  return res.body as Record<string, unknown>;
}

export interface SdkError extends Error {
  code?: string;
  statusCode?: number;
  retryAfter?: number;
  accessDeniedDetail?: Record<string, unknown>;
  data?: Record<string, unknown>;
  requestId?: string;
}

/** Awaits a promise that must reject; checks code/status/class and returns the error. */
export async function rejects(
  promise: Promise<unknown>,
  expected: { code?: string; statusCode?: number; name?: string } = {},
): Promise<SdkError> {
  let err: SdkError | undefined;
  try {
    await promise;
  } catch (e) {
    err = e as SdkError;
  }
  assert.ok(err, 'expected the call to fail');
  if (expected.name !== undefined) {
    assert.strictEqual(err.name, expected.name, `error class (${err.message})`);
  }
  if (expected.code !== undefined) {
    assert.strictEqual(err.code, expected.code, `error code (${err.message})`);
  }
  if (expected.statusCode !== undefined) {
    assert.strictEqual(err.statusCode, expected.statusCode, `HTTP status (${err.message})`);
  }
  return err;
}

export const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** Checks the error body shape `{RequestId, HostId, Code, Message, Recommend}`. */
export function assertErrorBody(err: SdkError, code: string): void {
  const d = err.data ?? {};
  assert.match(String(d.RequestId), UUID_UPPER);
  assert.strictEqual(d.Code, code);
  assert.strictEqual(typeof d.HostId, 'string');
  assert.ok(String(d.HostId).endsWith('aliyuncs.com'), `HostId ${String(d.HostId)}`);
  assert.strictEqual(typeof d.Message, 'string');
  assert.ok(String(d.Recommend).startsWith('https://api.aliyun.com/troubleshoot?q='), `Recommend ${String(d.Recommend)}`);
  assert.strictEqual(err.requestId, d.RequestId);
}

// ---- control API over HTTP -------------------------------------------------------------------

export async function control<T = Record<string, unknown>>(
  emu: RunningEmulator,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(`http://${emu.endpoint}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

export async function addFault(emu: RunningEmulator, spec: Record<string, unknown>): Promise<string> {
  const r = await control<{ id: string }>(emu, 'POST', 'faults', spec);
  assert.strictEqual(r.status, 200, JSON.stringify(r.json));
  return r.json.id;
}

// ---- raw signed requests (signed with the SDK's own signing functions) -------------------------

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

export function rawRequest(
  emu: RunningEmulator,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: emu.port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // XML or HTML
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function isoNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A V2 (HMAC-SHA1 `Signature`) request: returns the path with the signed query. */
export function signV2(cred: Cred, params: Record<string, string>, method = 'POST'): string {
  const all: Record<string, string> = {
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: OpenApiUtil.getNonce(),
    Timestamp: isoNow(),
    AccessKeyId: cred.accessKeyId,
    ...(cred.securityToken ? { SecurityToken: cred.securityToken } : {}),
    ...params,
  };
  all.Signature = OpenApiUtil.getRPCSignature(all, method, cred.accessKeySecret);
  return `/?${new URLSearchParams(all).toString()}`;
}

/** An ACS3-HMAC-SHA256 request: returns path and headers (including Authorization). */
export function signV3(
  emu: RunningEmulator,
  cred: Cred,
  action: string,
  version: string,
  query: Record<string, string> = {},
  headerOverrides: Record<string, string> = {},
): { path: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {
    host: emu.endpoint,
    'x-acs-version': version,
    'x-acs-action': action,
    'x-acs-date': isoNow(),
    'x-acs-signature-nonce': OpenApiUtil.getNonce(),
    accept: 'application/json',
    'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ...(cred.securityToken ? { 'x-acs-accesskey-id': cred.accessKeyId, 'x-acs-security-token': cred.securityToken } : {}),
    ...headerOverrides,
  };
  const request = { method: 'POST', pathname: '/', query, headers };
  headers.Authorization = OpenApiUtil.getAuthorization(
    request as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0],
    'ACS3-HMAC-SHA256',
    headers['x-acs-content-sha256'],
    cred.accessKeyId,
    cred.accessKeySecret,
  );
  const qs = new URLSearchParams(query).toString();
  return { path: qs ? `/?${qs}` : '/', headers };
}

/**
 * For the enclosing describe(): an emulator on the test seed (or `seed()`), started once, reset (and checked)
 * before every test, closed at the end. `use` receives it once it is running.
 */
export function useEmulator(use: (emu: RunningEmulator) => void, seed: () => SeedFile = testSeed): void {
  let emu: RunningEmulator | undefined;
  before(async () => {
    emu = await startEmulator({ seed: seed() });
    use(emu);
  });
  after(async () => {
    await emu?.close();
  });
  beforeEach(async () => {
    assert.strictEqual((await control(emu!, 'POST', 'reset')).status, 200);
  });
}
