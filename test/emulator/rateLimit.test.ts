import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import { RateLimitStatus, RequestLogEntry, RunningEmulator, StateSnapshot } from './server';
import { K, control, ram, rawRequest, rejects, signV2, sts, useEmulator } from './helpers';

describe('emulator: rate limit (/__emulator/rate-limit, Throttling.User over the rate)', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running));

  const status = async (): Promise<RateLimitStatus> => (await control<RateLimitStatus>(emu, 'GET', 'rate-limit')).json;
  const carolKeyCount = async (): Promise<number> => {
    const state = (await control<StateSnapshot>(emu, 'GET', 'state')).json;
    return state.accounts[0].users.find((u) => u.userName === 'carol')?.accessKeys.length ?? -1;
  };

  it('POST validates its body (400 with an error message); GET without a limit', async () => {
    for (const body of [{}, { perSecond: 0 }, { perSecond: -1 }, { perSecond: '5' }, { perSecond: 5, burst: 0 }, { perSecond: 5, burst: 1.5 },
      { perSecond: 5, product: 'ecs' }, { perSecond: 5, bogus: 1 }, [1]]) {
      const r = await control<{ error: string }>(emu, 'POST', 'rate-limit', body);
      assert.strictEqual(r.status, 400, JSON.stringify(body));
      assert.ok(r.json.error.length > 0);
    }
    assert.deepStrictEqual(await status(), { rateLimit: null, allowed: 0, throttled: 0 });
  });

  it('over the burst: 400 Throttling.User with the gateway body and headers; the SDK raises ThrottlingError', async () => {
    const set = await control<RateLimitStatus>(emu, 'POST', 'rate-limit', { perSecond: 1, burst: 2 });
    assert.strictEqual(set.status, 200);
    assert.deepStrictEqual({ ...set.json.rateLimit, since: undefined }, { perSecond: 1, burst: 2, product: null, since: undefined });
    assert.deepStrictEqual([set.json.allowed, set.json.throttled], [0, 0]);

    await sts(emu, K.root).getCallerIdentity();
    await ram(emu, K.alice).listUsers(new $Ram.ListUsersRequest({}));
    const e = await rejects(sts(emu, K.root).getCallerIdentity(), { name: 'ThrottlingError', code: 'Throttling.User', statusCode: 400 });
    assert.strictEqual(e.data?.Message, 'Request was denied due to user flow control.');
    assert.ok(typeof e.retryAfter === 'number' && e.retryAfter > 0 && e.retryAfter <= 1000, `retryAfter ${e.retryAfter}`);

    const raw = await rawRequest(emu, 'POST', signV2(K.root, { Action: 'GetCallerIdentity', Version: '2015-04-01' }), {});
    assert.strictEqual(raw.status, 400);
    assert.strictEqual(raw.json.Code, 'Throttling.User');
    assert.strictEqual(raw.json.HostId, 'sts.aliyuncs.com');
    assert.match(String(raw.headers['x-acs-retry-after']), /^\d+$/);
    assert.match(String(raw.headers['x-ratelimit-user']), /^Limit:1,Remain:0,TimeLeft:\d+,Reset:\d+$/);

    assert.deepStrictEqual([(await status()).allowed, (await status()).throttled], [2, 2]);
    const log = (await control<{ requests: RequestLogEntry[] }>(emu, 'GET', 'requests')).json.requests.slice(-2);
    assert.deepStrictEqual(log.map((r) => [r.action, r.code, r.status, r.fault]), [
      ['GetCallerIdentity', 'Throttling.User', 400, 'rate-limit'],
      ['GetCallerIdentity', 'Throttling.User', 400, 'rate-limit'],
    ]);
  });

  it('a throttled write does not run', async () => {
    emu.control.setRateLimit({ perSecond: 0.01, burst: 1 });
    await sts(emu, K.root).getCallerIdentity();
    await rejects(ram(emu, K.alice).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' })), { code: 'Throttling.User' });
    assert.strictEqual(await carolKeyCount(), 1);
  });

  it('refills at perSecond', async () => {
    emu.control.setRateLimit({ perSecond: 10, burst: 1 });
    await sts(emu, K.root).getCallerIdentity();
    await rejects(sts(emu, K.root).getCallerIdentity(), { code: 'Throttling.User' });
    await new Promise((r) => setTimeout(r, 150));
    await sts(emu, K.root).getCallerIdentity();
    assert.deepStrictEqual([emu.control.rateLimit().allowed, emu.control.rateLimit().throttled], [2, 1]);
  });

  it('product narrows what counts and is limited', async () => {
    await control(emu, 'POST', 'rate-limit', { perSecond: 0.01, burst: 1, product: 'sts' });
    await sts(emu, K.root).getCallerIdentity();
    await rejects(sts(emu, K.root).getCallerIdentity(), { code: 'Throttling.User' });
    for (let i = 0; i < 3; i++) {
      await ram(emu, K.alice).listUsers(new $Ram.ListUsersRequest({}));
    }
    const s = await status();
    assert.strictEqual(s.rateLimit?.product, 'sts');
    assert.deepStrictEqual([s.allowed, s.throttled], [1, 1]);
  });

  it('counts a parallel burst: with burst 5 and 20 requests at once, 5 pass and 15 are throttled', async () => {
    emu.control.setRateLimit({ perSecond: 0.5, burst: 5 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => sts(emu, K.root).getCallerIdentity()));
    assert.strictEqual(results.filter((r) => r.status === 'fulfilled').length, 5);
    assert.deepStrictEqual([emu.control.rateLimit().allowed, emu.control.rateLimit().throttled], [5, 15]);
  });

  it('DELETE removes it and returns the final counters; POST replaces it with fresh counters; reset clears it', async () => {
    emu.control.setRateLimit({ perSecond: 0.01, burst: 1 });
    await sts(emu, K.root).getCallerIdentity();
    await rejects(sts(emu, K.root).getCallerIdentity(), { code: 'Throttling.User' });
    const removed = await control<RateLimitStatus>(emu, 'DELETE', 'rate-limit');
    assert.deepStrictEqual([removed.status, removed.json.allowed, removed.json.throttled, removed.json.rateLimit?.burst], [200, 1, 1, 1]);
    assert.deepStrictEqual(await status(), { rateLimit: null, allowed: 0, throttled: 0 });
    await sts(emu, K.root).getCallerIdentity();

    await control(emu, 'POST', 'rate-limit', { perSecond: 0.01, burst: 1 });
    await control(emu, 'POST', 'rate-limit', { perSecond: 3 });
    assert.deepStrictEqual({ ...(await status()).rateLimit, since: '' }, { perSecond: 3, burst: 3, product: null, since: '' });
    await control(emu, 'POST', 'reset');
    assert.deepStrictEqual(await status(), { rateLimit: null, allowed: 0, throttled: 0 });
    assert.deepStrictEqual((await control(emu, 'DELETE', 'rate-limit')).json, { rateLimit: null, allowed: 0, throttled: 0 });
  });
});
