import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import { RunningEmulator, StateSnapshot, startEmulator } from './server';
import type { RequestLogEntry } from './server';
import { K, addFault, control, ram, rawRequest, rejects, signV2, slb, sts, testSeed, useEmulator } from './helpers';

const listUsers = (): $Ram.ListUsersRequest => new $Ram.ListUsersRequest({});

describe('emulator: injected faults as the SDK sees them', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running));

  const carolKeyCount = async (): Promise<number> => {
    const state = (await control<StateSnapshot>(emu, 'GET', 'state')).json;
    return state.accounts[0].users.find((u) => u.userName === 'carol')?.accessKeys.length ?? -1;
  };
  const lastSeq = async (): Promise<number> => (await control<{ last: number }>(emu, 'GET', 'requests')).json.last;
  const requestsSince = async (since: number): Promise<RequestLogEntry[]> =>
    (await control<{ requests: RequestLogEntry[] }>(emu, 'GET', `requests?since=${since}`)).json.requests;

  it('throttle → ThrottlingError Throttling.User with retryAfter from the response headers; once only', async () => {
    await addFault(emu, { type: 'throttle', action: 'ListUsers', retryAfterMs: 1500 });
    const e = await rejects(ram(emu, K.alice).listUsers(listUsers()), { name: 'ThrottlingError', code: 'Throttling.User', statusCode: 400 });
    assert.strictEqual(e.retryAfter, 1500);
    assert.strictEqual(e.data?.Message, 'Request was denied due to user flow control.');
    const ok = await ram(emu, K.alice).listUsers(listUsers());
    assert.strictEqual(ok.statusCode, 200);
  });

  it('throttle with code Throttling.Api (V2 signing too)', async () => {
    await addFault(emu, { type: 'throttle', code: 'Throttling.Api', retryAfterMs: 250 });
    const e = await rejects(sts(emu, K.root, { signatureAlgorithm: 'v2' }).getCallerIdentity(), { name: 'ThrottlingError', code: 'Throttling.Api' });
    assert.strictEqual(e.retryAfter, 250);
  });

  it('status 503 → ServerError with a proper error body; 500 with a custom code', async () => {
    await addFault(emu, { type: 'status', status: 503 });
    const e = await rejects(ram(emu, K.alice).listUsers(listUsers()), { name: 'ServerError', code: 'ServiceUnavailable', statusCode: 503 });
    assert.match(String(e.data?.RequestId), /^[0-9A-F-]{36}$/);
    assert.strictEqual(e.data?.HostId, 'ram.aliyuncs.com');
    await addFault(emu, { type: 'status', status: 500, code: 'InternalError', message: 'boom' });
    const e2 = await rejects(slb(emu, K.bob, 'DescribeRegions'), { name: 'ServerError', code: 'InternalError', statusCode: 500 });
    assert.strictEqual(e2.data?.Message, 'boom');
    assert.strictEqual(e2.data?.HostId, 'slb.aliyuncs.com');
  });

  it('status 4xx → ClientError', async () => {
    await addFault(emu, { type: 'status', status: 409, code: 'EntityAlreadyExists.User', message: 'The user does already EXIST.' });
    await rejects(ram(emu, K.alice).createUser(new $Ram.CreateUserRequest({ userName: 'fresh' })), {
      name: 'ClientError',
      code: 'EntityAlreadyExists.User',
      statusCode: 409,
    });
  });

  it('html → a raw SyntaxError from the SDK (a 502 text/html page)', async () => {
    await addFault(emu, { type: 'html' });
    const e = await rejects(ram(emu, K.alice).listUsers(listUsers()));
    assert.ok(e instanceof SyntaxError, `${e.name}: ${e.message}`);
  });

  it('malformed → HTTP 200 application/json with truncated JSON; the SDK throws a raw SyntaxError', async () => {
    await addFault(emu, { type: 'malformed', action: 'ListUsers' });
    const raw = await rawRequest(emu, 'POST', signV2(K.alice, { Action: 'ListUsers', Version: '2015-05-01' }), {});
    assert.strictEqual(raw.status, 200);
    assert.match(String(raw.headers['content-type']), /^application\/json/);
    assert.ok(raw.text.startsWith('{"RequestId":"'), raw.text);
    assert.throws(() => JSON.parse(raw.text), SyntaxError);
    await addFault(emu, { type: 'malformed', action: 'ListUsers', status: 503 });
    const e = await rejects(ram(emu, K.alice).listUsers(listUsers()));
    assert.ok(e instanceof SyntaxError, `${e.name}: ${e.message}`);
    assert.strictEqual((await ram(emu, K.alice).listUsers(listUsers())).statusCode, 200, 'the fault was used up');
    const log = (await requestsSince(0)).filter((r) => r.action === 'ListUsers').slice(-3);
    assert.deepStrictEqual(log.map((r) => [r.code, r.status]), [['Fault.malformed', 200], ['Fault.malformed', 503], ['OK', 200]]);
  });

  it('after + malformed: the key is created, the answer is the first half of the real one', async () => {
    await addFault(emu, { type: 'malformed', action: 'CreateAccessKey', when: 'after' });
    const raw = await rawRequest(emu, 'POST', signV2(K.alice, { Action: 'CreateAccessKey', Version: '2015-05-01', UserName: 'carol' }), {});
    assert.strictEqual(raw.status, 200);
    assert.ok(raw.text.includes('"AccessKey":{'), raw.text);
    assert.throws(() => JSON.parse(raw.text), SyntaxError);
    assert.strictEqual(await carolKeyCount(), 2);
  });

  it('reset → ECONNRESET', async () => {
    await addFault(emu, { type: 'reset', product: 'sts' });
    const e = await rejects(sts(emu, K.root).getCallerIdentity());
    assert.strictEqual(e.code, 'ECONNRESET', `${e.name}: ${e.message}`);
    assert.strictEqual((await sts(emu, K.root).getCallerIdentity()).body?.identityType, 'Account');
  });

  it('hang → RequestTimeoutError after the client readTimeout', async () => {
    await addFault(emu, { type: 'hang', action: 'GetCallerIdentity' });
    const t0 = Date.now();
    const e = await rejects(sts(emu, K.root, { readTimeout: 300 }).getCallerIdentity(), { name: 'RequestTimeoutError' });
    assert.ok(Date.now() - t0 >= 250, `gave up after ${Date.now() - t0} ms`);
    assert.strictEqual(e.code, undefined);
  });

  it('after + reset: CreateAccessKey really created the key although the client saw ECONNRESET', async () => {
    assert.strictEqual(await carolKeyCount(), 1);
    const since = await lastSeq();
    await addFault(emu, { type: 'reset', action: 'CreateAccessKey', when: 'after' });
    const e = await rejects(ram(emu, K.alice).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' })));
    assert.strictEqual(e.code, 'ECONNRESET');
    assert.strictEqual(await carolKeyCount(), 2);
    const log = (await requestsSince(since)).filter((r) => r.action === 'CreateAccessKey');
    assert.strictEqual(log.length, 1, 'the SDK did not retry the write');
    assert.strictEqual(log[0].code, 'Fault.reset');
    // A retry by the caller now fails on the two-key limit: the emulator kept the state.
    await rejects(ram(emu, K.alice).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' })), { code: 'LimitExceeded.User.AccessKey' });
  });

  it('after + hang: the key exists although the client timed out', async () => {
    await addFault(emu, { type: 'hang', action: 'CreateAccessKey', when: 'after' });
    await rejects(ram(emu, K.alice, { readTimeout: 300 }).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' })), {
      name: 'RequestTimeoutError',
    });
    assert.strictEqual(await carolKeyCount(), 2);
  });

  it('after + status 500: DeleteUser really deleted the user although the client saw a ServerError', async () => {
    await addFault(emu, { type: 'status', status: 500, action: 'DeleteUser', when: 'after' });
    await rejects(ram(emu, K.alice).deleteUser(new $Ram.DeleteUserRequest({ userName: 'nokeys' })), { name: 'ServerError', statusCode: 500 });
    await rejects(ram(emu, K.alice).getUser(new $Ram.GetUserRequest({ userName: 'nokeys' })), { code: 'EntityNotExist.User' });
  });

  it('before (default): the action does not run', async () => {
    await addFault(emu, { type: 'status', status: 503, action: 'CreateAccessKey' });
    await rejects(ram(emu, K.alice).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' })), { name: 'ServerError' });
    assert.strictEqual(await carolKeyCount(), 1);
  });

  it('latency delays the answer', async () => {
    await addFault(emu, { type: 'latency', latencyMs: 400 });
    const t0 = Date.now();
    await sts(emu, K.root).getCallerIdentity();
    assert.ok(Date.now() - t0 >= 380, `took ${Date.now() - t0} ms`);
    const t1 = Date.now();
    await sts(emu, K.root).getCallerIdentity();
    assert.ok(Date.now() - t1 < 300, 'the fault was used up');
  });

  it('times: 2 hits twice; times: 0 hits until cleared', async () => {
    await addFault(emu, { type: 'status', status: 500, times: 2, product: 'ram' });
    await rejects(ram(emu, K.alice).listUsers(listUsers()), { name: 'ServerError' });
    await rejects(ram(emu, K.alice).listUsers(listUsers()), { name: 'ServerError' });
    await ram(emu, K.alice).listUsers(listUsers());

    await addFault(emu, { type: 'status', status: 500, times: 0, product: 'ram' });
    for (let i = 0; i < 3; i++) {
      await rejects(ram(emu, K.alice).listUsers(listUsers()), { name: 'ServerError' });
    }
    assert.deepStrictEqual((await control(emu, 'DELETE', 'faults')).json, { cleared: 1 });
    await ram(emu, K.alice).listUsers(listUsers());
  });

  it('skip: N lets the first N matching requests through, then hits; times still counts the hits', async () => {
    const since = await lastSeq();
    const id = await addFault(emu, { type: 'status', status: 503, action: 'ListUsers', skip: 2, times: 1 });
    const listed = async (): Promise<Record<string, unknown> | undefined> =>
      (await control<{ faults: Record<string, unknown>[] }>(emu, 'GET', 'faults')).json.faults.find((f) => f.id === id);
    assert.deepStrictEqual([(await listed())?.skip, (await listed())?.skipping], [2, 2]);
    await ram(emu, K.alice).listUsers(listUsers());
    await ram(emu, K.alice).getUser(new $Ram.GetUserRequest({ userName: 'bob' })); // does not match: not counted
    assert.strictEqual((await listed())?.skipping, 1);
    await ram(emu, K.alice).listUsers(listUsers());
    await rejects(ram(emu, K.alice).listUsers(listUsers()), { name: 'ServerError', statusCode: 503 });
    await ram(emu, K.alice).listUsers(listUsers());
    assert.strictEqual(await listed(), undefined, 'used up');
    const log = (await requestsSince(since)).filter((r) => r.action === 'ListUsers');
    assert.deepStrictEqual(log.map((r) => [r.code, r.fault]), [['OK', undefined], ['OK', undefined], ['ServiceUnavailable', id], ['OK', undefined]]);
  });

  it('skip with times: 0 hits every matching request after the skipped ones; a skipping fault lets the request on to the next', async () => {
    await addFault(emu, { type: 'status', status: 503, product: 'sts', skip: 1, times: 0 });
    await addFault(emu, { type: 'status', status: 500, product: 'sts', times: 1 });
    await rejects(sts(emu, K.root).getCallerIdentity(), { statusCode: 500 }); // skipped by the first, hit by the second
    for (let i = 0; i < 3; i++) {
      await rejects(sts(emu, K.root).getCallerIdentity(), { statusCode: 503 });
    }
    await addFault(emu, { type: 'reset', action: 'CreateAccessKey', when: 'after', skip: 1 });
    await ram(emu, K.alice).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'nokeys' }));
    const e = await rejects(ram(emu, K.alice).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'nokeys' })));
    assert.strictEqual(e.code, 'ECONNRESET');
    const nokeys = (await control<StateSnapshot>(emu, 'GET', 'state')).json.accounts[0].users.find((u) => u.userName === 'nokeys');
    assert.strictEqual(nokeys?.accessKeys.length, 2, 'both keys were made; only the second answer was lost');
    assert.strictEqual((await control(emu, 'POST', 'faults', { type: 'status', skip: -1 })).status, 400);
  });

  it('matching by product, action and AccessKey id', async () => {
    await addFault(emu, { type: 'status', status: 500, accessKeyId: K.bob.accessKeyId, times: 0 });
    await addFault(emu, { type: 'status', status: 500, product: 'slb', action: 'DescribeRegions', times: 0 });
    await sts(emu, K.alice).getCallerIdentity();
    await rejects(sts(emu, K.bob).getCallerIdentity(), { name: 'ServerError' });
    await slb(emu, K.alice, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou' });
    await rejects(slb(emu, K.alice, 'DescribeRegions'), { name: 'ServerError' });
  });

  it('the request log proves the SDK does not retry a failed write by default', async () => {
    const since = await lastSeq();
    await addFault(emu, { type: 'status', status: 503, action: 'CreateAccessKey' });
    await rejects(ram(emu, K.alice).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' })), { name: 'ServerError' });
    const log = await requestsSince(since);
    assert.deepStrictEqual(
      log.map((r) => [r.action, r.code, r.status]),
      [['CreateAccessKey', 'ServiceUnavailable', 503]],
    );
  });

  it('--latency-ms delays every API answer but not the control API', async () => {
    const slow = await startEmulator({ seed: testSeed(), latencyMs: 250 });
    try {
      const t0 = Date.now();
      await sts(slow, K.root).getCallerIdentity();
      assert.ok(Date.now() - t0 >= 240, `took ${Date.now() - t0} ms`);
      const t1 = Date.now();
      await control(slow, 'GET', 'state');
      assert.ok(Date.now() - t1 < 200);
    } finally {
      await slow.close();
    }
  });

  it('close() ends hanging requests', async () => {
    const other = await startEmulator({ seed: testSeed() });
    await addFault(other, { type: 'hang' });
    const pending = rejects(sts(other, K.root, { readTimeout: 10_000, connectTimeout: 10_000 }).getCallerIdentity());
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await other.close();
    const e = await pending;
    assert.ok(Date.now() - t0 < 2000, 'close() did not wait for the hanging request');
    assert.ok(e.name !== 'RequestTimeoutError', `the socket was closed by the server: ${e.name} ${e.message}`);
  });
});
