/**
 * Test seed and plain-HTTP helpers for the CloudSSO portal tests (cloudSso*.test.ts): the test
 * seed plus a directory, PKCE pairs, and the steps of a device sign-in as a client and a person do them.
 */
import * as assert from 'assert';
import * as crypto from 'crypto';
import type { RunningEmulator, SeedFile } from './server';
import { ACCOUNT, OTHER_ACCOUNT, UUID_UPPER, testSeed } from './helpers';

export const CLIENT_ID = 'app-test-client-0001';
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export const SSO = {
  alice: { userName: 'sso-alice@corp.example', password: 'sso-password-alice-not-real' },
  bob: { userName: 'sso-bob@corp.example', password: 'sso-password-bob-not-real' },
} as const;

/** The test seed plus a directory: alice holds three configurations in ACCOUNT and one in OTHER_ACCOUNT; bob one in ACCOUNT. */
export function ssoSeed(): SeedFile {
  return {
    ...testSeed(),
    cloudSso: {
      directoryId: 'd-test0sso01',
      clientId: CLIENT_ID,
      accessConfigurations: [
        { id: 'ac-slbread01', name: 'SlbRead', description: 'Read load balancers', policies: ['AliyunSLBReadOnlyAccess'], sessionDuration: 900 },
        { id: 'ac-ramread01', name: 'RamRead', policies: ['AliyunRAMReadOnlyAccess'] },
        { id: 'ac-admin0001', name: 'Admin', policies: ['AdministratorAccess'], sessionDuration: 43200 },
      ],
      users: [
        {
          ...SSO.alice,
          assignments: [
            { accountId: ACCOUNT, accessConfigurations: ['ac-slbread01', 'ac-ramread01', 'ac-admin0001'] },
            { accountId: OTHER_ACCOUNT, accessConfigurations: ['ac-slbread01'] },
          ],
        },
        { ...SSO.bob, assignments: [{ accountId: ACCOUNT, accessConfigurations: ['ac-slbread01'] }] },
      ],
      accountDisplayNames: { [ACCOUNT]: 'Main account' },
      deviceCodeSeconds: 600,
      intervalSeconds: 1,
      accessTokenSeconds: 3600,
      pageSize: 2,
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
  text: string;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // HTML or plain text
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** A JSON POST as the aliyun CLI sends it (Accept and Content-Type JSON, optional bearer). */
export async function postJson(emu: RunningEmulator, path: string, body: unknown, accessToken?: string): Promise<Answer> {
  return answer(
    await fetch(`http://${emu.endpoint}${path}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
      body: JSON.stringify(body),
    }),
  );
}

export async function getJson(emu: RunningEmulator, path: string, accessToken?: string): Promise<Answer> {
  return answer(
    await fetch(`http://${emu.endpoint}${path}`, {
      headers: { accept: 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    }),
  );
}

export async function getPage(url: string): Promise<Answer> {
  return answer(await fetch(url));
}

/** A form POST as a browser sends it. */
export async function postForm(url: string, fields: Record<string, string>): Promise<Answer> {
  return answer(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }));
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
}

export interface Device {
  deviceCode: string;
  userCode: string;
  verifier: string;
  body: Record<string, unknown>;
}

export async function startDevice(emu: RunningEmulator, clientId = CLIENT_ID): Promise<Device> {
  const { verifier, challenge } = pkce();
  const res = await postJson(emu, '/device-authorization', {
    PortalUrl: `http://${emu.endpoint}/start/login`,
    ClientId: clientId,
    CodeChallenge: challenge,
    CodeChallengeMethod: 'S256',
  });
  assert.strictEqual(res.status, 200, res.text);
  return { deviceCode: String(res.json.DeviceCode), userCode: String(res.json.UserCode), verifier, body: res.json };
}

export function poll(emu: RunningEmulator, device: Device, verifier = device.verifier, clientId = CLIENT_ID): Promise<Answer> {
  return postJson(emu, '/token', { CodeVerifier: verifier, ClientId: clientId, DeviceCode: device.deviceCode, GrantType: DEVICE_GRANT });
}

/** The person's side: the form posted to `/device/approve` or `/device/deny`. */
export function decide(emu: RunningEmulator, userCode: string, who: { userName: string; password: string }, action: 'approve' | 'deny' = 'approve'): Promise<Answer> {
  return postForm(`http://${emu.endpoint}/device/${action}`, { user_code: userCode, user_name: who.userName, password: who.password });
}

/** The whole device flow; returns the access token. */
export async function signIn(emu: RunningEmulator, who: { userName: string; password: string }, clientId = CLIENT_ID): Promise<string> {
  const device = await startDevice(emu, clientId);
  assert.strictEqual((await decide(emu, device.userCode, who)).status, 200);
  const res = await poll(emu, device, device.verifier, clientId);
  assert.strictEqual(res.status, 200, res.text);
  return String(res.json.AccessToken);
}

/** A non-2xx portal answer: `{ErrorCode, ErrorMessage, RequestId}` with this status and code. */
export function assertPortalError(res: Answer, status: number, code: string, words?: RegExp): void {
  assert.strictEqual(res.status, status, res.text);
  assert.strictEqual(res.json.ErrorCode, code, res.text);
  assert.strictEqual(typeof res.json.ErrorMessage, 'string');
  assert.match(String(res.json.RequestId), UUID_UPPER);
  if (words) {
    assert.match(String(res.json.ErrorMessage), words);
  }
}
