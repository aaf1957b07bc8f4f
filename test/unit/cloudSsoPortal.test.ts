import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { checkSignInUrl, CloudSsoError, CloudSsoPortal, createPkce, type AccessToken, type CloudSsoErrorKind } from '../../src/aliyun/cloudSsoPortal';
import { startDeviceLogin, waitForApproval } from '../../src/credentials/cloudSso/deviceLogin';
import { ACCOUNT, OTHER_ACCOUNT, control } from '../emulator/helpers';
import { CLIENT_ID, SSO, decide, ssoSeed } from '../emulator/cloudSsoFixtures';
import { startEmulator, type RunningEmulator } from '../emulator/server';

async function rejects(promise: Promise<unknown>, kind: CloudSsoErrorKind, step: string, words?: RegExp): Promise<CloudSsoError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CloudSsoError, String(error));
    assert.strictEqual(error.kind, kind, error.message);
    assert.strictEqual(error.step, step, error.message);
    if (words) {
      assert.match(error.message, words);
    }
    return error;
  }
  throw new assert.AssertionError({ message: `expected a ${kind} CloudSsoError` });
}

/** A local server answering every request with `answer` (for the answers the emulator never gives). */
async function junkServer(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/start/login`, close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }) };
}

describe('CloudSsoPortal against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  let portal: CloudSsoPortal;

  before(async () => {
    const seed = ssoSeed();
    seed.cloudSso!.pageSize = 1; // several pages of accounts (2) and access configurations (3)
    emu = await startEmulator({ seed });
    portal = new CloudSsoPortal(emu.signInUrl!, { clientId: CLIENT_ID });
  });
  after(async () => emu?.close());
  beforeEach(async () => {
    assert.strictEqual((await control(emu, 'POST', 'reset')).status, 200);
  });

  async function signIn(who: { userName: string; password: string } = SSO.alice): Promise<AccessToken> {
    const login = await startDeviceLogin(portal);
    assert.strictEqual((await decide(emu, login.authorization.userCode, who)).status, 200);
    const token = await portal.pollToken(login.authorization.deviceCode, login.verifier);
    assert.ok(typeof token === 'object', String(token));
    return token;
  }

  it('device authorization, pending, approval with the PKCE verifier, then the token with its end', async () => {
    const login = await startDeviceLogin(portal);
    const a = login.authorization;
    assert.match(a.userCode, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.strictEqual(a.verificationUri, `http://${emu.endpoint}/device/code`);
    assert.strictEqual(a.verificationUriComplete, `http://${emu.endpoint}/device/code?user_code=${a.userCode}`);
    assert.strictEqual(a.intervalSeconds, 1);
    assert.strictEqual(a.expiresInSeconds, 600);
    assert.strictEqual(await portal.pollToken(a.deviceCode, login.verifier), 'pending');
    assert.strictEqual(await portal.pollToken(a.deviceCode, login.verifier), 'slowDown');
    assert.strictEqual((await decide(emu, a.userCode, SSO.alice)).status, 200);
    const before = Date.now();
    const token = await portal.pollToken(a.deviceCode, login.verifier);
    assert.ok(typeof token === 'object');
    assert.ok(token.accessToken.length >= 32);
    const ends = Date.parse(token.expiresAt) - before;
    assert.ok(ends > 3590_000 && ends < 3610_000, String(ends));
  });

  it('the emulator checks the PKCE challenge: another verifier is refused, the right one works', async () => {
    const login = await startDeviceLogin(portal);
    await decide(emu, login.authorization.userCode, SSO.alice);
    const error = await rejects(portal.pollToken(login.authorization.deviceCode, createPkce().verifier), 'other', 'token', /HTTP 400 InvalidParameter\.CodeVerifier/);
    assert.ok(!error.message.includes(login.authorization.deviceCode));
    const token = await portal.pollToken(login.authorization.deviceCode, login.verifier);
    assert.ok(typeof token === 'object');
  });

  it('createPkce: a 43-character verifier and base64url(SHA-256) without padding', () => {
    const { verifier, challenge } = createPkce();
    assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.match(challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.notStrictEqual(createPkce().verifier, verifier);
  });

  it('waitForApproval polls at the interval until the person approves', async () => {
    const login = await startDeviceLogin(portal);
    const waits: number[] = [];
    const token = await waitForApproval(portal, login, {
      sleep: async (ms) => {
        waits.push(ms);
        await new Promise((r) => setTimeout(r, 1050));
        if (waits.length === 2) {
          await decide(emu, login.authorization.userCode, SSO.alice);
        }
      },
    });
    assert.ok(token.accessToken);
    assert.deepStrictEqual(waits, [1000, 1000]);
  });

  it('waitForApproval: denied, and UserCancelled when aborted', async () => {
    const login = await startDeviceLogin(portal);
    await decide(emu, login.authorization.userCode, SSO.alice, 'deny');
    await rejects(waitForApproval(portal, login, { sleep: async () => undefined }), 'denied', 'token', /denied/);
    const other = await startDeviceLogin(portal);
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(waitForApproval(portal, other, { signal: abort.signal }), { name: 'UserCancelled' });
  });

  it('waitForApproval gives up at the device code\'s expiry without another poll', async () => {
    const login = await startDeviceLogin(portal);
    let now = 0;
    await rejects(waitForApproval(portal, login, { now: () => now, sleep: async () => void (now += 601_000) }), 'expiredCode', 'token');
  });

  it('an expired or unknown device code is expiredCode', async () => {
    const login = await startDeviceLogin(portal);
    await control(emu, 'POST', 'clock', { offsetMs: 600_000 });
    await rejects(portal.pollToken(login.authorization.deviceCode, login.verifier), 'expiredCode', 'token');
    await rejects(portal.pollToken('no-such-code', login.verifier), 'expiredCode', 'token');
  });

  it('lists every page of accounts and of access configurations', async () => {
    const { accessToken } = await signIn();
    const first = await portal.listAccounts(accessToken);
    assert.strictEqual(first.items.length, 1);
    assert.ok(first.nextToken);
    const accounts = await portal.listAllAccounts(accessToken);
    assert.deepStrictEqual(accounts.map((a) => a.accountId).sort(), [ACCOUNT, OTHER_ACCOUNT].sort());
    assert.strictEqual(accounts.find((a) => a.accountId === ACCOUNT)?.displayName, 'Main account');
    const configurations = await portal.listAllAccessConfigurations(accessToken, ACCOUNT);
    assert.deepStrictEqual(configurations.map((c) => c.id).sort(), ['ac-admin0001', 'ac-ramread01', 'ac-slbread01']);
    const slb = configurations.find((c) => c.id === 'ac-slbread01');
    assert.deepStrictEqual(slb, { id: 'ac-slbread01', name: 'SlbRead', description: 'Read load balancers' });
  });

  it('cloud credentials: STS credentials with an expiry from the access configuration', async () => {
    const { accessToken } = await signIn();
    const c = await portal.cloudCredentials(accessToken, ACCOUNT, 'ac-slbread01');
    assert.match(c.accessKeyId, /^STS\./);
    assert.ok(c.accessKeySecret && c.securityToken);
    const left = Date.parse(c.expiration) - Date.now();
    assert.ok(left > 800_000 && left <= 901_000, String(left));
  });

  it('not assigned (403) on access configurations and credentials, naming the step', async () => {
    const { accessToken } = await signIn(SSO.bob);
    const error = await rejects(portal.cloudCredentials(accessToken, ACCOUNT, 'ac-admin0001'), 'notAssigned', 'cloud-credentials', /temporary credentials/);
    assert.strictEqual(error.status, 403);
    assert.ok(!error.message.includes(accessToken));
    await rejects(portal.listAccessConfigurations(accessToken, OTHER_ACCOUNT), 'notAssigned', 'access-configurations');
  });

  it('an invalid or expired access token is signInExpired (401), without the token in the message', async () => {
    const { accessToken } = await signIn();
    await rejects(portal.listAccounts('not-a-token'), 'signInExpired', 'accounts', /Sign in again/);
    await control(emu, 'POST', 'clock', { offsetMs: 3_601_000 });
    const error = await rejects(portal.cloudCredentials(accessToken, ACCOUNT, 'ac-slbread01'), 'signInExpired', 'cloud-credentials');
    assert.ok(!error.message.includes(accessToken));
  });

  it('an unknown client id is wrongUrl', async () => {
    const other = new CloudSsoPortal(emu.signInUrl!, { clientId: 'app-someone-else' });
    await rejects(other.startDeviceAuthorization(createPkce().challenge), 'wrongUrl', 'device-authorization', /alibabaCloud\.cloudSso\.clientId/);
  });
});

describe('CloudSsoPortal without the emulator', function () {
  this.timeout(10_000);

  it('checkSignInUrl: https, or http to this computer only unless allowed; trims', () => {
    assert.deepStrictEqual(checkSignInUrl('  https://signin-cn-shanghai.alibabacloudsso.com/start/login '), { ok: true, value: 'https://signin-cn-shanghai.alibabacloudsso.com/start/login' });
    assert.ok(checkSignInUrl('http://127.0.0.1:9000/start/login').ok);
    assert.ok(checkSignInUrl('http://localhost:9000/start/login').ok);
    assert.ok(checkSignInUrl('http://[::1]:9000/start/login').ok);
    for (const bad of ['', undefined, 'http://signin.example.com/start/login', 'ftp://signin.example.com/', 'signin.example.com', 'https://user:pw@signin.example.com/', 'https://a b.com/']) {
      const checked = checkSignInUrl(bad);
      assert.strictEqual(checked.ok, false, String(bad));
    }
    assert.match((checkSignInUrl('http://signin.example.com/start/login') as { message: string }).message, /https:\/\//);
    assert.ok(checkSignInUrl('http://signin.example.com/start/login', { allowInsecure: true }).ok);
  });

  it('a refused sign-in URL sends nothing: wrongUrl at the first call', async () => {
    let calls = 0;
    const portal = new CloudSsoPortal('http://signin.example.com/start/login', { clientId: CLIENT_ID, fetch: (async () => { calls++; throw new Error('no'); }) as typeof fetch });
    await rejects(portal.startDeviceAuthorization('x'), 'wrongUrl', 'device-authorization', /https/);
    await rejects(portal.listAccounts('token'), 'wrongUrl', 'accounts');
    assert.strictEqual(calls, 0);
  });

  it('sends JSON with Accept and Content-Type to scheme://host of the sign-in URL, and the bearer token', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fake = (async (url: URL, init: RequestInit) => {
      seen.push({ url: String(url), init });
      return new Response(JSON.stringify({ Accounts: [{ AccountId: '1', DisplayName: 'one' }], IsTruncated: false }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const portal = new CloudSsoPortal('https://signin-cn-shanghai.alibabacloudsso.com/start/login', { clientId: CLIENT_ID, fetch: fake });
    const page = await portal.listAccounts('tok-1', 'next-2');
    assert.deepStrictEqual(page, { items: [{ accountId: '1', displayName: 'one' }], nextToken: undefined });
    assert.strictEqual(seen[0].url, 'https://signin-cn-shanghai.alibabacloudsso.com/access-assignments/accounts?MaxResults=100&NextToken=next-2');
    const headers = seen[0].init.headers as Record<string, string>;
    assert.strictEqual(headers.Accept, 'application/json');
    assert.strictEqual(headers.Authorization, 'Bearer tok-1');
    assert.strictEqual(seen[0].init.redirect, 'manual');
  });

  it('malformed: a 2xx answer that is not JSON or lacks what the protocol says', async () => {
    const server = await junkServer((req, res) => {
      if (req.url?.startsWith('/device-authorization')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"DeviceCode": 5}');
      } else if (req.url?.startsWith('/access-assignments/accounts')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"Accounts": [], "IsTruncated": true}');
      } else if (req.url?.startsWith('/cloud-credentials')) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('AccessKeySecret=shh');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"AccessToken": ""}');
      }
    });
    try {
      const portal = new CloudSsoPortal(server.url, { clientId: CLIENT_ID });
      await rejects(portal.startDeviceAuthorization('c'), 'malformed', 'device-authorization');
      await rejects(portal.listAllAccounts('t'), 'malformed', 'accounts', /NextToken/);
      const e = await rejects(portal.cloudCredentials('t', '1', 'ac'), 'malformed', 'cloud-credentials');
      assert.ok(!e.message.includes('shh'));
      await rejects(portal.pollToken('d', 'v'), 'malformed', 'token');
    } finally {
      await server.close();
    }
  });

  it('wrongUrl for 404 or an HTML page; throttled for 429; signInExpired for 401 whatever the code', async () => {
    const server = await junkServer((req, res) => {
      if (req.url?.startsWith('/device-authorization')) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html>not here</html>');
      } else if (req.url?.startsWith('/token')) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>a login page</p>');
      } else if (req.url?.startsWith('/access-assignments/accounts')) {
        res.writeHead(429, { 'content-type': 'application/json' }).end('{"ErrorCode":"Throttling.User","ErrorMessage":"Request was denied due to user flow control."}');
      } else {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"ErrorCode":"SomethingNew"}');
      }
    });
    try {
      const portal = new CloudSsoPortal(server.url, { clientId: CLIENT_ID });
      await rejects(portal.startDeviceAuthorization('c'), 'wrongUrl', 'device-authorization', /HTTP 404/);
      await rejects(portal.pollToken('d', 'v'), 'wrongUrl', 'token');
      await rejects(portal.listAccounts('t'), 'throttled', 'accounts');
      await rejects(portal.listAccessConfigurations('t', '1'), 'signInExpired', 'access-configurations');
    } finally {
      await server.close();
    }
  });

  it('the token step reads words too: slow_down, access_denied, expired_token (RFC 8628 spellings)', async () => {
    let next = '';
    const server = await junkServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: next })));
    try {
      const portal = new CloudSsoPortal(server.url, { clientId: CLIENT_ID });
      next = 'authorization_pending';
      assert.strictEqual(await portal.pollToken('d', 'v'), 'pending');
      next = 'slow_down';
      assert.strictEqual(await portal.pollToken('d', 'v'), 'slowDown');
      next = 'access_denied';
      await rejects(portal.pollToken('d', 'v'), 'denied', 'token');
      next = 'expired_token';
      await rejects(portal.pollToken('d', 'v'), 'expiredCode', 'token');
    } finally {
      await server.close();
    }
  });

  it('unreachable: a closed port, and a portal that does not answer in time', async () => {
    const server = await junkServer(() => undefined);
    const closed = await junkServer(() => undefined);
    await closed.close();
    try {
      await rejects(new CloudSsoPortal(closed.url, { clientId: CLIENT_ID }).listAccounts('t'), 'unreachable', 'accounts', /ECONNREFUSED/);
      await rejects(new CloudSsoPortal(server.url, { clientId: CLIENT_ID, timeoutMs: 200 }).startDeviceAuthorization('c'), 'unreachable', 'device-authorization', /no answer within/);
    } finally {
      server.close().catch(() => undefined);
    }
  });
});
