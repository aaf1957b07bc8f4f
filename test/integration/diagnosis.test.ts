import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { enableKeyArgs, type TestCredentialsResult } from '../../src/commands/testCredentials';
import type { Profile } from '../../src/credentials/profile';
import { activateExtension, addProfile, control } from './helpers';
import { lastSeq, requestsSince, slbSeed, withGlobalSetting } from './slbFixtures';

const test = async (profile: Profile): Promise<TestCredentialsResult> =>
  vscode.commands.executeCommand<TestCredentialsResult>('alibabaCloud.testCredentials', { profileId: profile.id });

const MIN = 60_000;

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const ENABLE = 'alibabaCloud.ram.enableAccessKey';

async function keyStatus(userName: string): Promise<string | undefined> {
  const state = await control('GET', 'state') as { accounts: Array<{ accountId: string; users: Array<{ userName: string; accessKeys: Array<{ status: string }> }> }> };
  return state.accounts.find((a) => a.accountId === slbSeed.accountId)?.users.find((u) => u.userName === userName)?.accessKeys[0]?.status;
}

async function registered(id: string): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(id);
}

describe('SLB diagnosis: Test Credentials says what failed and what to do, from the emulator\'s real rejections', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await control('DELETE', 'faults');
    await control('POST', 'clock', { offsetMs: 0 });
  });

  it('a working RAM user key: both stages pass, with the counts from the profile\'s region', async () => {
    const result = await test(await addProfile('slb-ok', slbSeed.reader.id, slbSeed.reader.secret, { regionId: 'cn-shanghai' }));
    assert.equal(result.ok, true, result.summary);
    assert.equal(result.identity?.identityType, 'RAMUser');
    assert.equal(result.identity?.accountId, slbSeed.accountId);
    assert.match(result.summary, /RAM user slb-reader of account 5000000000000000/);
    assert.match(result.summary, /SLB works: \d+ regions, 230 load balancers in cn-shanghai/);
    assert.deepEqual(result.actions, []);
  });

  it('a root key: works, with the advice to use a RAM user\'s key, Create RAM User and AccessKey and the RAM console to make one', async () => {
    const result = await test(await addProfile('slb-root', slbSeed.root.id, slbSeed.root.secret));
    assert.equal(result.ok, true, result.summary);
    assert.equal(result.identity?.identityType, 'Account');
    assert.match(result.summary, /the account 5000000000000000 itself \(root AccessKey\)/);
    assert.match(result.summary, /recommends using a RAM user's AccessKey/);
    assert.deepEqual(result.actions, ['createRamUser', 'openRamConsole']);
  });

  it('an STS token: names the role session', async () => {
    const result = await test(await addProfile('slb-role', slbSeed.sts.id, slbSeed.sts.secret, { securityToken: slbSeed.sts.token }));
    assert.equal(result.ok, true, result.summary);
    assert.equal(result.identity?.identityType, 'AssumedRoleUser');
    assert.match(result.summary, /role session SlbReadOnlyRole\/slb-it of account 5000000000000000/);
  });

  it('a wrong secret: the ID is known, only the secret is wrong; edit the profile', async () => {
    const result = await test(await addProfile('slb-wrong', slbSeed.reader.id, 'slb-secret-reader-WRONG-00001'));
    assert.equal(result.ok, false);
    assert.equal(result.failureKind, 'wrongSecret');
    assert.equal(result.identityCheck.code, 'SignatureDoesNotMatch');
    assert.match(result.summary, /secret does not match the AccessKey ID LTAI\*\*\*\*0001/);
    assert.match(result.summary, /stray spaces or a secret from an older key/);
    assert.match(result.summary, /only the secret is wrong/);
    assert.ok(!result.summary.includes(slbSeed.reader.id), 'the unmasked key id is in the summary');
    const edit = await registered('alibabaCloud.editProfile');
    assert.deepEqual(result.actions, [...(edit ? ['editProfile'] : []), 'openDocs', 'showLog']);
  });

  it('a deleted or mistyped key: Alibaba Cloud does not know it', async () => {
    const result = await test(await addProfile('slb-deleted', 'LTAI5tSlbDeleted00000001', 'slb-secret-deleted-not-real-01'));
    assert.equal(result.failureKind, 'unknownKey');
    assert.equal(result.identityCheck.code, 'InvalidAccessKeyId.NotFound');
    assert.match(result.summary, /does not know the AccessKey ID LTAI\*\*\*\*0001: it was deleted, or it is mistyped/);
  });

  it('a disabled key: names its RAM user, found through another profile with RAM permission, and offers to enable it', async () => {
    const admin = await addProfile('slb-ram-admin', slbSeed.ramAdmin.id, slbSeed.ramAdmin.secret);
    assert.equal((await test(admin)).ok, false, 'the RAM admin has no SLB permission in the seed'); // identity passes, SLB fails
    const disabled = await addProfile('slb-disabled', slbSeed.disabled.id, slbSeed.disabled.secret);
    const result = await test(disabled);
    assert.equal(result.failureKind, 'disabledKey');
    assert.equal(result.identityCheck.code, 'InvalidAccessKeyId.Inactive');
    assert.deepEqual(result.keyOwner, { userName: 'slb-disabled', accountId: slbSeed.accountId, viaProfileId: admin.id, viaProfileName: admin.name });
    assert.match(result.summary, /is disabled/);
    assert.match(result.summary, /It belongs to RAM user slb-disabled of account 5000000000000000/);
    assert.ok(result.summary.includes(`Profile "${admin.name}" can see it`), result.summary);
    const enable = await registered(ENABLE);
    assert.deepEqual(result.actions.slice(0, enable ? 1 : 2), enable ? ['enableKey'] : ['copyKeyId', 'openRamConsole']);
    // Looking is all it did: the key is still disabled.
    assert.equal(await keyStatus('slb-disabled'), 'Inactive');
    if (!enable) {
      return;
    }
    // "Enable Key" hands the RAM view's command what the result found (after its own confirmation).
    try {
      await vscode.commands.executeCommand(ENABLE, enableKeyArgs(disabled, result.keyOwner ?? {}));
      assert.equal(await keyStatus('slb-disabled'), 'Active');
      assert.equal((await test(disabled)).ok, true);
    } finally {
      await control('POST', `keys/${slbSeed.disabled.id}/status`, { status: 'Inactive' });
    }
  });

  it('clock skew: says by how much this computer\'s clock is behind, measured from the endpoint', async () => {
    const profile = await addProfile('slb-clock', slbSeed.reader.id, slbSeed.reader.secret);
    await control('POST', 'clock', { offsetMs: 20 * MIN });
    const result = await test(profile);
    assert.equal(result.failureKind, 'clockSkew');
    assert.equal(result.identityCheck.code, 'InvalidTimeStamp.Expired');
    assert.match(result.summary, /differs from Alibaba Cloud's by more than 15 minutes/);
    assert.ok(result.clockSkewMs !== undefined && Math.abs(result.clockSkewMs - 20 * MIN) < 5000, `measured skew ${result.clockSkewMs} ms, expected about 20 min`);
    assert.match(result.summary, /clock is 20 minutes behind Alibaba Cloud's \(measured from the Date header of 127\.0\.0\.1:\d+\)/);
  });

  it('clock skew the other way: this clock is ahead', async () => {
    const profile = await addProfile('slb-clock-ahead', slbSeed.reader.id, slbSeed.reader.secret);
    await control('POST', 'clock', { offsetMs: -45 * MIN });
    const result = await test(profile);
    assert.equal(result.failureKind, 'clockSkew');
    assert.match(result.summary, /clock is 45 minutes ahead of Alibaba Cloud's/);
  });

  it('no SLB permission: identity passes; names the missing action, a policy that grants it and a policy document', async () => {
    const result = await test(await addProfile('slb-nobody', slbSeed.nobody.id, slbSeed.nobody.secret));
    assert.equal(result.ok, false);
    assert.equal(result.identityCheck.ok, true);
    assert.equal(result.failedStage, 'slb');
    assert.equal(result.failureKind, 'noPermission');
    assert.equal(result.slbCheck?.code, 'Forbidden.RAM');
    assert.equal(result.deniedAction, 'slb:DescribeRegions');
    assert.equal(result.suggestedPolicy, 'AliyunSLBReadOnlyAccess');
    assert.deepEqual(JSON.parse(result.policyDocument ?? '{}').Statement[0].Action, ['slb:DescribeRegions']);
    assert.match(result.summary, /valid \(RAM user slb-nobody of account 5000000000000000\), but SLB does not work/);
    assert.match(result.summary, /may not call slb:DescribeRegions\. Attach a policy that allows it, such as AliyunSLBReadOnlyAccess, to its RAM user/);
    assert.deepEqual(result.actions, ['copyPolicy', 'openRamConsole', 'openDocs']);
  });

  it('throttled on every try: retried, then explained', async () => {
    const profile = await addProfile('slb-throttled', slbSeed.reader.id, slbSeed.reader.secret);
    await control('POST', 'faults', { product: 'sts', accessKeyId: slbSeed.reader.id, type: 'throttle', times: 0, retryAfterMs: 50 });
    const since = await lastSeq();
    const result = await test(profile);
    assert.equal(result.failureKind, 'throttled');
    assert.equal(result.identityCheck.code, 'Throttling.User');
    assert.match(result.summary, /limiting the request rate \(Throttling\.User\)/);
    assert.match(result.summary, /retried and still refused/);
    const tries = (await requestsSince(since)).filter((r) => r.action === 'GetCallerIdentity' && r.code === 'Throttling.User');
    assert.equal(tries.length, 3, 'a read is tried three times');
    assert.deepEqual(result.actions, ['testAgain', 'showLog']);
  });

  it('an expired STS token: says so and when', async () => {
    const result = await test(await addProfile('slb-sts-expired', slbSeed.stsExpired.id, slbSeed.stsExpired.secret, { securityToken: slbSeed.stsExpired.token }));
    assert.equal(result.failureKind, 'tokenExpired');
    assert.equal(result.identityCheck.code, 'InvalidSecurityToken.Expired');
    assert.match(result.summary, /STS security token of this profile has expired/);
  });

  it('an endpoint that does not answer: names it and points at the network settings', async () => {
    const profile = await addProfile('slb-unreachable', slbSeed.reader.id, slbSeed.reader.secret);
    const port = await closedPort();
    const dead = `http://127.0.0.1:${port}`;
    const since = await lastSeq();
    const result = await withGlobalSetting('endpoints', { ram: dead, sts: dead, slb: dead }, () => test(profile));
    assert.equal(result.failureKind, 'unreachable');
    assert.equal(result.identityCheck.code, 'ECONNREFUSED');
    assert.equal(result.endpoint, `127.0.0.1:${port}`);
    assert.match(result.summary, new RegExp(`Cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    assert.deepEqual(result.actions, ['testAgain', 'openSettings', 'showLog']);
    assert.equal((await requestsSince(since)).filter((r) => r.accessKeyId === 'LTAI****0001' && r.product === 'sts').length, 0, 'a request reached the emulator');
    // And with the setting restored, the same profile works again.
    assert.equal((await test(profile)).ok, true);
  });

  it('a TLS failure: the endpoint (a proxy, a plain-HTTP port) answers HTTPS with plain HTTP', async () => {
    const profile = await addProfile('slb-tls', slbSeed.reader.id, slbSeed.reader.secret);
    const plain = net.createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as net.AddressInfo).port;
    try {
      const result = await withGlobalSetting('endpoints', { sts: `127.0.0.1:${port}` }, () => test(profile)); // no scheme: HTTPS
      assert.equal(result.failureKind, 'tls', result.summary);
      assert.equal(result.identityCheck.code, 'EPROTO');
      assert.match(result.summary, new RegExp(`secure connection to 127\\.0\\.0\\.1:${port} failed \\(EPROTO\\)`));
      assert.deepEqual(result.actions, ['testAgain', 'openSettings', 'showLog']);
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });

  it('an endpoint that never answers: gives up after the timeout setting', async () => {
    const profile = await addProfile('slb-timeout', slbSeed.reader.id, slbSeed.reader.secret);
    await control('POST', 'faults', { product: 'sts', accessKeyId: slbSeed.reader.id, type: 'hang', times: 0 });
    const started = Date.now();
    const result = await withGlobalSetting('requestTimeoutSeconds', 1, () => test(profile));
    assert.equal(result.failureKind, 'timeout');
    assert.match(result.summary, /did not answer in time/);
    assert.ok(Date.now() - started < 15_000);
  });
});
