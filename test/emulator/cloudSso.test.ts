import * as assert from 'assert';
import { RunningEmulator, startEmulator } from './server';
import { UUID_UPPER, control, testSeed, useEmulator } from './helpers';
import {
  CLIENT_ID,
  DEVICE_GRANT,
  SSO,
  assertPortalError,
  decide,
  getJson,
  getPage,
  pkce,
  poll,
  postForm,
  postJson,
  ssoSeed,
  startDevice,
} from './cloudSsoFixtures';
import { sleep } from './util';

describe('emulator: CloudSSO device sign-in', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running), ssoSeed);

  describe('device authorization', () => {
    it('answers device code, user code, the verification URIs on this port, ExpiresIn and Interval from the seed', async () => {
      const d = await startDevice(emu);
      assert.ok(d.deviceCode.length >= 32, d.deviceCode);
      assert.match(d.userCode, /^[A-Z]{4}-[A-Z]{4}$/);
      assert.strictEqual(d.body.VerificationUri, `http://${emu.endpoint}/device/code`);
      assert.strictEqual(d.body.VerificationUriComplete, `http://${emu.endpoint}/device/code?user_code=${d.userCode}`);
      assert.strictEqual(d.body.ExpiresIn, 600);
      assert.strictEqual(d.body.Interval, 1);
      assert.match(String(d.body.RequestId), UUID_UPPER);
      assert.strictEqual(emu.signInUrl, `http://${emu.endpoint}/start/login`);
    });

    it('refuses another client id, a missing or malformed S256 challenge, a plain method, a bad PortalUrl and a non-JSON body', async () => {
      const { challenge } = pkce();
      const good = { PortalUrl: emu.signInUrl, ClientId: CLIENT_ID, CodeChallenge: challenge, CodeChallengeMethod: 'S256' };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...good, ClientId: 'app-someone-else' }, 'InvalidParameter.ClientId'],
        [{ ...good, ClientId: undefined }, 'InvalidParameter.ClientId'],
        [{ ...good, CodeChallenge: undefined }, 'InvalidParameter.CodeChallenge'],
        [{ ...good, CodeChallenge: `${challenge}=` }, 'InvalidParameter.CodeChallenge'],
        [{ ...good, CodeChallengeMethod: 'plain' }, 'InvalidParameter.CodeChallengeMethod'],
        [{ ...good, CodeChallengeMethod: undefined }, 'InvalidParameter.CodeChallengeMethod'],
        [{ ...good, PortalUrl: 'not a url' }, 'InvalidParameter.PortalUrl'],
      ];
      for (const [body, code] of cases) {
        assertPortalError(await postJson(emu, '/device-authorization', body), 400, code);
      }
      // An empty body (what @alicloud/credentials 2.4.7 posts) names the first missing parameter.
      assertPortalError(await postJson(emu, '/device-authorization', {}), 400, 'InvalidParameter.ClientId');
      const form = await fetch(`http://${emu.endpoint}/device-authorization`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ClientId=x' });
      assert.strictEqual(form.status, 415);
      assert.strictEqual(((await form.json()) as Record<string, unknown>).ErrorCode, 'UnsupportedMediaType');
      const wrongMethod = await getJson(emu, '/device-authorization');
      assertPortalError(wrongMethod, 405, 'MethodNotAllowed');
    });
  });

  describe('polling /token', () => {
    it('the whole flow: pending until approved, then one bearer token valid accessTokenSeconds; the code is used up', async () => {
      const d = await startDevice(emu);
      assertPortalError(await poll(emu, d), 400, 'AuthorizationPending', /^The device is pending\.$/);
      const approved = await decide(emu, d.userCode, SSO.alice);
      assert.strictEqual(approved.status, 200, approved.text);
      assert.match(approved.text, /Approved/);
      const res = await poll(emu, d);
      assert.strictEqual(res.status, 200, res.text);
      assert.strictEqual(res.json.TokenType, 'Bearer');
      assert.strictEqual(res.json.ExpiresIn, 3600);
      assert.ok(String(res.json.AccessToken).length >= 32);
      assert.match(String(res.json.RequestId), UUID_UPPER);
      assertPortalError(await poll(emu, d), 400, 'InvalidDeviceCodeError');
      const accounts = await getJson(emu, '/access-assignments/accounts', String(res.json.AccessToken));
      assert.strictEqual(accounts.status, 200, accounts.text);
    });

    it('PKCE: a verifier that does not hash to the challenge is refused, before and after approval; the right one still works', async () => {
      const d = await startDevice(emu);
      const other = pkce().verifier;
      assertPortalError(await poll(emu, d, other), 400, 'InvalidParameter.CodeVerifier', /does not match the CodeChallenge/);
      assert.strictEqual((await decide(emu, d.userCode, SSO.bob)).status, 200);
      assertPortalError(await poll(emu, d, other), 400, 'InvalidParameter.CodeVerifier');
      const missing = await postJson(emu, '/token', { ClientId: CLIENT_ID, DeviceCode: d.deviceCode, GrantType: DEVICE_GRANT });
      assertPortalError(missing, 400, 'InvalidParameter.CodeVerifier');
      assert.strictEqual((await poll(emu, d)).status, 200);
    });

    it('grant type and client id are checked; an unknown device code is InvalidDeviceCodeError', async () => {
      const d = await startDevice(emu);
      const body = { CodeVerifier: d.verifier, ClientId: CLIENT_ID, DeviceCode: d.deviceCode, GrantType: DEVICE_GRANT };
      assertPortalError(await postJson(emu, '/token', { ...body, GrantType: 'authorization_code' }), 400, 'InvalidParameter.GrantType');
      assertPortalError(await postJson(emu, '/token', { ...body, ClientId: 'app-other' }), 400, 'InvalidParameter.ClientId');
      assertPortalError(await postJson(emu, '/token', { ...body, DeviceCode: 'no-such-code' }), 400, 'InvalidDeviceCodeError');
      assertPortalError(await postJson(emu, '/token', { ...body, DeviceCode: undefined }), 400, 'InvalidParameter.DeviceCode');
    });

    it('SlowDown when polled again within Interval seconds; pending again after waiting', async () => {
      const d = await startDevice(emu);
      assertPortalError(await poll(emu, d), 400, 'AuthorizationPending');
      assertPortalError(await poll(emu, d), 400, 'SlowDown', /too fast/);
      await sleep(1050);
      assertPortalError(await poll(emu, d), 400, 'AuthorizationPending');
    });

    it('a deny: polling answers 400 AccessDenied; the code can no longer be approved', async () => {
      const d = await startDevice(emu);
      const denied = await decide(emu, d.userCode, SSO.alice, 'deny');
      assert.strictEqual(denied.status, 200, denied.text);
      assert.match(denied.text, /Denied/);
      assertPortalError(await poll(emu, d), 400, 'AccessDenied', /denied/);
      assertPortalError(await poll(emu, d), 400, 'AccessDenied');
      assert.strictEqual((await decide(emu, d.userCode, SSO.alice)).status, 400);
    });

    it('after deviceCodeSeconds (server clock) the code is InvalidDeviceCodeError and the page refuses it', async () => {
      const d = await startDevice(emu);
      await control(emu, 'POST', 'clock', { offsetMs: 600_000 });
      assertPortalError(await poll(emu, d), 400, 'InvalidDeviceCodeError', /expired/);
      const late = await decide(emu, d.userCode, SSO.alice);
      assert.strictEqual(late.status, 400);
      assert.match(late.text, /not valid/);
    });

    it('a short deviceCodeSeconds expires in real time too', async () => {
      const seed = ssoSeed();
      seed.cloudSso!.deviceCodeSeconds = 1;
      const short = await startEmulator({ seed });
      try {
        const d = await startDevice(short);
        assert.strictEqual(d.body.ExpiresIn, 1);
        await sleep(1050);
        assertPortalError(await poll(short, d), 400, 'InvalidDeviceCodeError');
      } finally {
        await short.close();
      }
    });
  });

  describe('the approval page', () => {
    const formOf = (html: string): { action: string; denyAction: string; userCode: string } => ({
      action: /<form method="post" action="([^"]*)"/.exec(html)?.[1] ?? '',
      denyAction: /formaction="([^"]*)"/.exec(html)?.[1] ?? '',
      userCode: /name="user_code" value="([^"]*)"/.exec(html)?.[1] ?? '',
    });

    it('/device/code?user_code=… prefills the code; the form posts to relative links that resolve to /device/approve and /device/deny', async () => {
      const d = await startDevice(emu);
      const page = await getPage(String(d.body.VerificationUriComplete));
      assert.strictEqual(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      for (const field of ['user_code', 'user_name', 'password']) {
        assert.match(page.text, new RegExp(`name="${field}"`));
      }
      assert.match(page.text, /name="password" type="password"/);
      const form = formOf(page.text);
      assert.strictEqual(form.userCode, d.userCode);
      assert.ok(!form.action.startsWith('/') && !form.denyAction.startsWith('/'), `relative links: ${form.action} ${form.denyAction}`);
      assert.strictEqual(new URL(form.action, String(d.body.VerificationUriComplete)).pathname, '/device/approve');
      assert.strictEqual(new URL(form.denyAction, String(d.body.VerificationUriComplete)).pathname, '/device/deny');
    });

    it('GET / without an API action is the page too, and works behind code-server\'s /proxy/PORT/ (path and query dropped)', async () => {
      const d = await startDevice(emu);
      const page = await getPage(`http://${emu.endpoint}/`);
      assert.strictEqual(page.status, 200);
      const form = formOf(page.text);
      assert.strictEqual(form.userCode, '', 'nothing to prefill: the code is typed');
      assert.strictEqual(form.action, 'device/approve');
      assert.strictEqual(form.denyAction, 'device/deny');
      // The browser resolves against /proxy/PORT/; the proxy strips that prefix before the emulator.
      const proxied = new URL(form.action, `https://ide.example/proxy/${emu.port}/`).pathname;
      assert.strictEqual(proxied, `/proxy/${emu.port}/device/approve`);
      const res = await postForm(`http://${emu.endpoint}${proxied.replace(`/proxy/${emu.port}`, '')}`, {
        user_code: d.userCode.toLowerCase().replace('-', ' '),
        user_name: SSO.alice.userName.toUpperCase(),
        password: SSO.alice.password,
      });
      assert.strictEqual(res.status, 200, res.text);
      assert.strictEqual((await poll(emu, d)).status, 200);
    });

    it('a wrong user or password → 403 with the form again (code and name kept, password not); a mistyped code → 400', async () => {
      const d = await startDevice(emu);
      const wrong = await decide(emu, d.userCode, { userName: SSO.alice.userName, password: 'nope' });
      assert.strictEqual(wrong.status, 403);
      assert.match(wrong.text, /user name or password is wrong/);
      assert.strictEqual(formOf(wrong.text).userCode, d.userCode);
      assert.match(wrong.text, /name="user_name" value="sso-alice@corp\.example"/);
      assert.doesNotMatch(wrong.text, /nope/);
      assert.strictEqual((await decide(emu, d.userCode, { userName: 'nobody@corp.example', password: SSO.alice.password }, 'deny')).status, 403);
      assert.strictEqual((await decide(emu, 'BBBB-BBBB', SSO.alice)).status, 400);
      assertPortalError(await poll(emu, d), 400, 'AuthorizationPending');
    });

    it('escapes what it echoes; an RPC request on / is still the API, not the page', async () => {
      const page = await getPage(`http://${emu.endpoint}/device/code?user_code=${encodeURIComponent('"><script>x</script>')}`);
      assert.doesNotMatch(page.text, /<script>/);
      assert.match(page.text, /value="&quot;&gt;&lt;script&gt;/);
      const rpc = await fetch(`http://${emu.endpoint}/?Action=GetCallerIdentity&Version=2015-04-01&Format=JSON`);
      assert.strictEqual(rpc.status, 400);
      assert.strictEqual(((await rpc.json()) as Record<string, unknown>).Code, 'MissingAccessKeyId');
    });
  });

  describe('control and log', () => {
    it('GET /__emulator/cloudsso lists device authorizations with their user codes (no device codes, no tokens); reset forgets them', async () => {
      const d = await startDevice(emu);
      const before = await control<{ deviceAuthorizations: { userCode: string; status: string }[]; accessTokens: unknown[] }>(emu, 'GET', 'cloudsso');
      assert.deepStrictEqual(before.json.deviceAuthorizations.map((x) => [x.userCode, x.status]), [[d.userCode, 'pending']]);
      assert.ok(!JSON.stringify(before.json).includes(d.deviceCode));
      assert.strictEqual((await decide(emu, d.userCode, SSO.bob)).status, 200);
      const token = String((await poll(emu, d)).json.AccessToken);
      const after = await control<{ accessTokens: { userName: string }[] }>(emu, 'GET', 'cloudsso');
      assert.deepStrictEqual(after.json.accessTokens.map((t) => t.userName), [SSO.bob.userName]);
      assert.ok(!JSON.stringify(after.json).includes(token));
      const secrets = (await control<{ secrets: string[] }>(emu, 'GET', 'secrets')).json.secrets;
      assert.ok(secrets.includes(token) && secrets.includes(SSO.alice.password), 'access tokens and seed passwords are secrets');
      const log = (await control<{ requests: { action: string; code: string; accessKeyId: string }[] }>(emu, 'GET', 'requests')).json.requests;
      assert.ok(log.some((r) => r.action === 'CloudSSO.CreateAccessToken' && r.code === 'OK' && r.accessKeyId === '-'));
      await control(emu, 'POST', 'reset');
      assertPortalError(await getJson(emu, '/access-assignments/accounts', token), 401, 'AccessTokenInvalid');
      assert.deepStrictEqual((await control<{ deviceAuthorizations: unknown[] }>(emu, 'GET', 'cloudsso')).json.deviceAuthorizations, []);
    });

    it('POST /__emulator/cloudsso/timing shortens what is issued from then on; a faster Interval handed out before meets SlowDown; DELETE restores the seed', async () => {
      const timing = await control<Record<string, number>>(emu, 'POST', 'cloudsso/timing', { accessTokenSeconds: 2, deviceCodeSeconds: 30 });
      assert.deepStrictEqual(timing.json, { deviceCodeSeconds: 30, intervalSeconds: 1, accessTokenSeconds: 2 });
      const d = await startDevice(emu);
      assert.strictEqual(d.body.ExpiresIn, 30);
      assert.strictEqual((await decide(emu, d.userCode, SSO.bob)).status, 200);
      const issued = (await poll(emu, d)).json;
      assert.strictEqual(issued.ExpiresIn, 2);
      await sleep(2100);
      assertPortalError(await getJson(emu, '/access-assignments/accounts', String(issued.AccessToken)), 401, 'AccessTokenInvalid');

      await control(emu, 'POST', 'cloudsso/timing', { intervalSeconds: 5 });
      const slow = await startDevice(emu);
      assert.strictEqual(slow.body.Interval, 5);
      assertPortalError(await poll(emu, slow), 400, 'AuthorizationPending');
      assertPortalError(await poll(emu, slow), 400, 'SlowDown');

      assert.strictEqual((await control(emu, 'POST', 'cloudsso/timing', { accessTokenSeconds: 0 })).status, 400);
      assert.strictEqual((await control(emu, 'POST', 'cloudsso/timing', { pageSize: 5 })).status, 400);
      const restored = await control<Record<string, number>>(emu, 'DELETE', 'cloudsso/timing');
      assert.deepStrictEqual(restored.json, { deviceCodeSeconds: 600, intervalSeconds: 1, accessTokenSeconds: 3600 });
      assert.strictEqual((await startDevice(emu)).body.ExpiresIn, 600);
    });

    it('without a cloudSso seed the portal is not served', async () => {
      const plain = await startEmulator({ seed: testSeed() });
      try {
        assert.strictEqual(plain.signInUrl, undefined);
        // An RPC error (no action), not a portal answer.
        const res = await postJson(plain, '/device-authorization', {});
        assert.strictEqual(res.json.Code, 'MissingAction');
        assert.strictEqual(res.json.ErrorCode, undefined);
        assert.strictEqual((await fetch(`http://${plain.endpoint}/`)).status, 400);
        assert.strictEqual((await control(plain, 'GET', 'cloudsso')).status, 404);
        assert.strictEqual((await control(plain, 'POST', 'cloudsso/timing', { accessTokenSeconds: 5 })).status, 404);
      } finally {
        await plain.close();
      }
    });
  });
});
