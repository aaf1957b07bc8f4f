import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import { RunningEmulator, startEmulator } from './server';
import type { RequestLogEntry } from './server';
import { K, addFault, assertErrorBody, control, ims, ram, rejects, slb, sts, testSeed } from './helpers';

/** The same emulator, addressed at one product's port (for the control-API helpers). */
const at = (emu: RunningEmulator, endpoint: string): RunningEmulator => ({ ...emu, endpoint, port: Number(endpoint.split(':')[1]) });

describe('emulator: port per product (portPerProduct / --port-per-product)', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ seed: testSeed(), portPerProduct: true });
  });
  after(async () => {
    await emu?.close();
  });
  beforeEach(() => emu.control.reset());

  it('gives RAM, STS, SLB and IMS a port each; endpoint is RAM\'s', () => {
    const { ram: r, sts: s, slb: l, ims: i } = emu.endpoints;
    assert.deepStrictEqual(Object.keys(emu.endpoints), ['ram', 'sts', 'slb', 'ims']);
    for (const e of [r, s, l, i]) {
      assert.match(e, /^127\.0\.0\.1:\d+$/);
    }
    assert.strictEqual(new Set([r, s, l, i]).size, 4, 'four different ports');
    assert.strictEqual(emu.endpoint, r);
    assert.strictEqual(emu.port, Number(r.split(':')[1]));
  });

  it('each product works on its own port with the real SDK clients (both signatures)', async () => {
    const users = await ram(emu, K.alice, { endpoint: emu.endpoints.ram }).listUsers(new $Ram.ListUsersRequest({}));
    assert.ok(users.body?.users?.user?.some((u) => u.userName === 'bob'));
    const v2 = await ram(emu, K.alice, { endpoint: emu.endpoints.ram, signatureAlgorithm: 'v2' }).getUser(new $Ram.GetUserRequest({ userName: 'bob' }));
    assert.strictEqual(v2.body?.user?.userName, 'bob');
    const who = await sts(emu, K.root, { endpoint: emu.endpoints.sts }).getCallerIdentity();
    assert.strictEqual(who.body?.identityType, 'Account');
    const lbs = await slb(emu, K.bob, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou', PageNumber: 1, PageSize: 5 }, { endpoint: emu.endpoints.slb });
    assert.strictEqual(lbs.TotalCount, 25);
    const practice = await ims(emu, K.root, { endpoint: emu.endpoints.ims }).getAccountSecurityPracticeReport();
    assert.strictEqual(practice.body?.accountSecurityPracticeInfo?.accountSecurityPracticeUserInfo?.subUser, 7);
  });

  it('refuses an SLB request on the RAM port as a wrong host would: 404 InvalidApi.NotFound, nothing runs', async () => {
    const e = await rejects(slb(emu, K.bob, 'DescribeRegions', {}, { endpoint: emu.endpoints.ram }), {
      name: 'ClientError',
      code: 'InvalidApi.NotFound',
      statusCode: 404,
    });
    assertErrorBody(e, 'InvalidApi.NotFound');
    assert.strictEqual(e.data?.HostId, 'ram.aliyuncs.com', 'the host that answered is RAM\'s');
    assert.match(String(e.data?.Recommend), /&product=Ram&/);
    assert.strictEqual(e.data?.Message, 'Specified api is not found,please check your url and method.');
    const last = emu.control.requests().at(-1) as RequestLogEntry;
    assert.deepStrictEqual([last.product, last.action, last.code, last.status], ['slb', 'DescribeRegions', 'InvalidApi.NotFound', 404]);
  });

  it('refuses every other mix-up too, before authentication (no key marked as used)', async () => {
    const mixups: [string, () => Promise<unknown>][] = [
      ['RAM on the SLB port', () => ram(emu, K.alice, { endpoint: emu.endpoints.slb }).listUsers(new $Ram.ListUsersRequest({}))],
      ['RAM on the STS port', () => ram(emu, K.alice, { endpoint: emu.endpoints.sts }).listUsers(new $Ram.ListUsersRequest({}))],
      ['STS on the RAM port', () => sts(emu, K.root, { endpoint: emu.endpoints.ram }).getCallerIdentity()],
      ['STS on the SLB port', () => sts(emu, K.root, { endpoint: emu.endpoints.slb }).getCallerIdentity()],
      ['SLB on the STS port', () => slb(emu, K.bob, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou' }, { endpoint: emu.endpoints.sts })],
      ['IMS on the RAM port', () => ims(emu, K.root, { endpoint: emu.endpoints.ram }).generateCredentialReport()],
      ['RAM on the IMS port', () => ram(emu, K.alice, { endpoint: emu.endpoints.ims }).listUsers(new $Ram.ListUsersRequest({}))],
    ];
    for (const [what, call] of mixups) {
      const e = await rejects(call(), { code: 'InvalidApi.NotFound', statusCode: 404 });
      assertErrorBody(e, 'InvalidApi.NotFound');
      assert.ok(e.data?.HostId, what);
    }
    // A bad secret on the wrong port gets the routing error, not SignatureDoesNotMatch: the route is checked first.
    await rejects(sts(emu, { ...K.root, accessKeySecret: 'wrong' }, { endpoint: emu.endpoints.slb }).getCallerIdentity(), { code: 'InvalidApi.NotFound' });
    const state = emu.control.state();
    assert.strictEqual(state.accounts[0].rootAccessKeys[0].lastUsedDate, null, 'the root key was never used');
  });

  it('answers the control API on every port, with one state behind them', async () => {
    for (const endpoint of Object.values(emu.endpoints)) {
      assert.deepStrictEqual((await control(at(emu, endpoint), 'GET', 'health')).json, { ok: true });
    }
    await addFault(at(emu, emu.endpoints.slb), { type: 'status', status: 503, product: 'sts' });
    await rejects(sts(emu, K.root, { endpoint: emu.endpoints.sts }).getCallerIdentity(), { statusCode: 503 });
    const log = await control<{ requests: RequestLogEntry[] }>(at(emu, emu.endpoints.sts), 'GET', 'requests');
    assert.strictEqual(log.json.requests.at(-1)?.code, 'ServiceUnavailable');
  });

  it('the default stays one port: every endpoint is the same', async () => {
    const one = await startEmulator({ seed: testSeed() });
    try {
      assert.deepStrictEqual(one.endpoints, { ram: one.endpoint, sts: one.endpoint, slb: one.endpoint, ims: one.endpoint });
      await slb(one, K.bob, 'DescribeRegions');
      await sts(one, K.root).getCallerIdentity();
    } finally {
      await one.close();
    }
  });

  it('close() frees every port', async () => {
    const other = await startEmulator({ seed: testSeed(), portPerProduct: true });
    await other.close();
    for (const endpoint of Object.values(other.endpoints)) {
      await assert.rejects(fetch(`http://${endpoint}/__emulator/health`), endpoint);
    }
  });
});
