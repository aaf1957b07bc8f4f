import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import { RequestLogEntry, RunningEmulator, StateSnapshot, startEmulator } from './server';
import { K, addFault, control, ram, rejects, sts, testSeed, useEmulator } from './helpers';

describe('emulator: control API (/__emulator/, unsigned JSON over HTTP)', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running));

  it('POST /faults validates its body (400 with an error message)', async () => {
    for (const body of [{}, { type: 'explode' }, { type: 'status', status: 99 }, { type: 'status', when: 'later' }, { type: 'reset', product: 'ecs' }, { type: 'reset', bogus: 1 }]) {
      const r = await control<{ error: string }>(emu, 'POST', 'faults', body);
      assert.strictEqual(r.status, 400, JSON.stringify(body));
      assert.ok(r.json.error.length > 0);
    }
    const res = await fetch(`http://${emu.endpoint}/__emulator/faults`, { method: 'POST', body: '{not json' });
    assert.strictEqual(res.status, 400);
  });

  it('GET /faults lists, DELETE /faults/{id} removes one, DELETE /faults clears all', async () => {
    const a = await addFault(emu, { type: 'latency', latencyMs: 10, times: 0 });
    const b = await addFault(emu, { type: 'status', status: 500, action: 'ListUsers', times: 3 });
    assert.notStrictEqual(a, b);
    const listed = await control<{ faults: { id: string; remaining: number | null; type: string }[] }>(emu, 'GET', 'faults');
    assert.deepStrictEqual(
      listed.json.faults.map((f) => [f.id, f.type, f.remaining]),
      [
        [a, 'latency', null],
        [b, 'status', 3],
      ],
    );
    assert.strictEqual((await control(emu, 'DELETE', `faults/${b}`)).status, 200);
    assert.strictEqual((await control(emu, 'DELETE', `faults/${b}`)).status, 404);
    await ram(emu, K.alice).listUsers(new $Ram.ListUsersRequest({}));
    assert.deepStrictEqual((await control(emu, 'DELETE', 'faults')).json, { cleared: 1 });
    assert.deepStrictEqual((await control(emu, 'GET', 'faults')).json, { faults: [] });
  });

  it('POST /clock shifts the server clock; GET /clock reads it; bad bodies → 400', async () => {
    const r = await control<{ offsetMs: number; now: string }>(emu, 'POST', 'clock', { offsetMs: 3_600_000 });
    assert.strictEqual(r.json.offsetMs, 3_600_000);
    assert.ok(Math.abs(Date.parse(r.json.now) - (Date.now() + 3_600_000)) < 5000);
    assert.strictEqual((await control<{ offsetMs: number }>(emu, 'GET', 'clock')).json.offsetMs, 3_600_000);
    await rejects(sts(emu, K.root).getCallerIdentity(), { code: 'InvalidTimeStamp.Expired' });
    assert.strictEqual((await control(emu, 'POST', 'clock', { offsetMs: 'soon' })).status, 400);
    await control(emu, 'POST', 'clock', { offsetMs: 0 });
    await sts(emu, K.root).getCallerIdentity();
  });

  it('POST /reset restores users, keys, statuses, faults and the clock', async () => {
    const admin = ram(emu, K.alice);
    await admin.deleteUser(new $Ram.DeleteUserRequest({ userName: 'nokeys' }));
    await admin.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' }));
    await admin.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId, status: 'Inactive' }));
    await addFault(emu, { type: 'status', status: 500, times: 0, product: 'slb' });
    await control(emu, 'POST', 'clock', { offsetMs: 60_000 });

    assert.deepStrictEqual((await control(emu, 'POST', 'reset')).json, { reset: true });
    const state = (await control<StateSnapshot>(emu, 'GET', 'state')).json;
    const users = state.accounts[0].users;
    assert.ok(users.some((u) => u.userName === 'nokeys'));
    assert.strictEqual(users.find((u) => u.userName === 'carol')?.accessKeys.length, 1);
    assert.strictEqual(users.find((u) => u.userName === 'bob')?.accessKeys[0].status, 'Active');
    assert.strictEqual(state.clockOffsetMs, 0);
    assert.deepStrictEqual((await control(emu, 'GET', 'faults')).json, { faults: [] });
    await sts(emu, K.bob).getCallerIdentity();
  });

  it('GET /state shows accounts, users, keys (ids, status, dates) and never a secret', async () => {
    const created = await ram(emu, K.alice).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' }));
    const secret = created.body?.accessKey?.accessKeySecret ?? '';
    const r = await fetch(`http://${emu.endpoint}/__emulator/state`);
    const text = await r.text();
    for (const cred of Object.values(K)) {
      assert.ok(!text.includes(cred.accessKeySecret), 'a seeded secret leaked');
      if ('securityToken' in cred) {
        assert.ok(!text.includes(cred.securityToken), 'a security token leaked');
      }
    }
    assert.ok(!text.includes(secret), 'a created secret leaked');
    const state = JSON.parse(text) as StateSnapshot;
    assert.strictEqual(state.accounts.length, 2);
    const dave = state.accounts[0].users.find((u) => u.userName === 'dave');
    assert.deepStrictEqual(dave?.accessKeys.map((k) => [k.accessKeyId, k.status, k.lastUsedDate]), [
      [K.dave1.accessKeyId, 'Active', '2022-02-01T10:20:30Z'],
      [K.dave2.accessKeyId, 'Inactive', null],
    ]);
    assert.deepStrictEqual(dave?.policies, ['AliyunRAMReadOnlyAccess']);
    assert.strictEqual(state.accounts[0].rootAccessKeys[0].accessKeyId, K.root.accessKeyId);
    assert.strictEqual(state.accounts[0].loadBalancers.total, 26);
    assert.deepStrictEqual(state.accounts[0].loadBalancers.byRegion, { 'cn-hangzhou': 25, 'eu-central-1': 1 });
    assert.strictEqual(state.accounts[0].stsTokens[0].accessKeyId, K.sts.accessKeyId);
  });

  it('GET /secrets lists every seeded secret and token and every secret issued, deleted keys and resets included', async () => {
    const fresh = await startEmulator({ seed: testSeed() });
    try {
      await secretsOf(fresh);
    } finally {
      await fresh.close();
    }
  });

  async function secretsOf(emu: RunningEmulator): Promise<void> {
    const admin = ram(emu, K.alice);
    const made = (await admin.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' }))).body?.accessKey;
    const gone = (await admin.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'nokeys' }))).body?.accessKey;
    assert.ok(made?.accessKeySecret && gone?.accessKeySecret && gone.accessKeyId);
    await admin.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'nokeys', userAccessKeyId: gone.accessKeyId }));
    emu.control.reset();
    const r = await control<{ secrets: string[] }>(emu, 'GET', 'secrets');
    assert.strictEqual(r.status, 200);
    const expected = [
      ...Object.values(K).flatMap((c) => ('securityToken' in c ? [c.accessKeySecret, c.securityToken] : [c.accessKeySecret])),
      made.accessKeySecret,
      gone.accessKeySecret,
    ];
    assert.deepStrictEqual([...r.json.secrets].sort(), [...new Set(expected)].sort());
    assert.deepStrictEqual(emu.control.secrets(), r.json.secrets, 'the programmatic control agrees');
    assert.ok(!r.json.secrets.some((s) => s.startsWith('LTAI') || s.startsWith('STS.')), 'no AccessKey ids');
  }

  it('POST /keys/{id}/status toggles a key; unknown key → 404; bad status → 400', async () => {
    const r = await control(emu, 'POST', `keys/${K.bob.accessKeyId}/status`, { status: 'Inactive' });
    assert.deepStrictEqual(r.json, { accessKeyId: K.bob.accessKeyId, status: 'Inactive' });
    await rejects(sts(emu, K.bob).getCallerIdentity(), { code: 'InvalidAccessKeyId.Inactive' });
    await control(emu, 'POST', `keys/${K.bob.accessKeyId}/status`, { status: 'Active' });
    await sts(emu, K.bob).getCallerIdentity();
    assert.strictEqual((await control(emu, 'POST', 'keys/LTAI5tNoSuchKey000000000/status', { status: 'Inactive' })).status, 404);
    assert.strictEqual((await control(emu, 'POST', `keys/${K.bob.accessKeyId}/status`, { status: 'Off' })).status, 400);
  });

  it('GET /requests?since=N returns later requests with action, masked key id, code and status', async () => {
    const since = (await control<{ last: number }>(emu, 'GET', 'requests')).json.last;
    await sts(emu, K.bob).getCallerIdentity();
    await rejects(ram(emu, K.carol).listUsers(new $Ram.ListUsersRequest({})));
    const r = await control<{ last: number; requests: RequestLogEntry[] }>(emu, 'GET', `requests?since=${since}`);
    assert.strictEqual(r.json.last, since + 2);
    assert.deepStrictEqual(
      r.json.requests.map((e) => [e.seq, e.product, e.action, e.accessKeyId, e.code, e.status]),
      [
        [since + 1, 'sts', 'GetCallerIdentity', 'LTAI****0001', 'OK', 200],
        [since + 2, 'ram', 'ListUsers', 'LTAI****0001', 'NoPermission', 403],
      ],
    );
    const text = JSON.stringify(r.json);
    assert.ok(!text.includes(K.bob.accessKeyId) && !text.includes(K.bob.accessKeySecret));
    assert.strictEqual((await control(emu, 'GET', 'requests?since=-1')).status, 400);
  });

  it('the programmatic control object mirrors the HTTP API', async () => {
    const id = emu.control.addFault({ type: 'status', status: 503, product: 'sts' });
    assert.strictEqual(emu.control.listFaults()[0].id, id);
    await rejects(sts(emu, K.root).getCallerIdentity(), { statusCode: 503 });
    emu.control.setClockOffset(-20 * 60_000);
    await rejects(sts(emu, K.root).getCallerIdentity(), { code: 'InvalidTimeStamp.Expired' });
    emu.control.reset();
    assert.ok(emu.control.setKeyStatus(K.root.accessKeyId, 'Inactive'));
    await rejects(sts(emu, K.root).getCallerIdentity(), { code: 'InvalidAccessKeyId.Inactive' });
    assert.strictEqual(emu.control.requests(0).at(-1)?.code, 'InvalidAccessKeyId.Inactive');
  });

  it('unknown control endpoints → 404', async () => {
    assert.strictEqual((await control(emu, 'GET', 'nothing-here')).status, 404);
    assert.strictEqual((await control(emu, 'DELETE', 'state')).status, 404);
  });
});
