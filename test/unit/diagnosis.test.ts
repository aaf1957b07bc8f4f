import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientError } from '@alicloud/openapi-core';
import { policyDocumentFor, toAliyunError } from '../../src/aliyun/errors';
import { describeDuration, measureClockSkew } from '../../src/aliyun/serverClock';
import { testProfile, type CredentialTestResult } from '../../src/credentials/credentialCheck';
import { resultActions } from '../../src/credentials/testActions';
import { findKeyOwner, orderOwnerCandidates, type OwnerSearchCandidate } from '../../src/credentials/ownerSearch';
import { FakeSlb, fail, fakeSession, profile, rootIdentity, userIdentity } from './slbFakes';

const ACCOUNT = '5000000000000000';
const tested = profile('tested', { name: 'dev', regionId: 'cn-shanghai' });

function candidate(id: string, session: ReturnType<typeof fakeSession> | undefined): OwnerSearchCandidate {
  return { profileId: id, profileName: `name-${id}`, session: async () => session };
}

describe('Diagnosis: Test Credentials', () => {
  it('passes both stages and says what works', async () => {
    const slb = FakeSlb.withCounts({ 'cn-shanghai': 230 }, ['cn-shanghai', 'cn-hangzhou']);
    const stages: string[] = [];
    const r = await testProfile(tested, fakeSession({ identity: userIdentity(ACCOUNT, 'alice'), slb }), { progress: { report: (s) => stages.push(s) } });
    assert.equal(r.ok, true);
    assert.deepEqual(stages, ['identity', 'slb']);
    assert.match(r.summary, /RAM user alice of account 5000000000000000/);
    assert.match(r.summary, /SLB works: 2 regions, 230 load balancers in cn-shanghai/);
    assert.equal(r.failureKind, undefined);
    assert.deepEqual(resultActions(r, { editProfile: true, enableAccessKey: true, createRamUser: true }), [], 'a RAM user\'s key needs no other user');
  });

  it('tells a root key to use a RAM user\'s key', async () => {
    const r = await testProfile(tested, fakeSession({ identity: rootIdentity(ACCOUNT), slb: FakeSlb.withCounts({}) }));
    assert.equal(r.ok, true);
    assert.match(r.summary, /recommends using a RAM user's AccessKey/);
    assert.deepEqual(resultActions(r, { editProfile: true, enableAccessKey: true }), ['openRamConsole']);
    assert.deepEqual(resultActions(r, { editProfile: true, enableAccessKey: true, createRamUser: true }), ['createRamUser', 'openRamConsole'], 'a root key is offered a RAM user first');
  });

  it('shows the clock skew measured from the server\'s Date header', async () => {
    const asked: string[] = [];
    const r = await testProfile(tested, fakeSession({ identity: fail('clockSkew', 'InvalidTimeStamp.Expired', { endpoint: 'sts.aliyuncs.com' }) }), {
      measureClockSkew: async (e) => {
        asked.push(e.host);
        return 20 * 60_000 + 400;
      },
    });
    assert.equal(r.failureKind, 'clockSkew');
    assert.equal(r.failedStage, 'identity');
    assert.equal(r.clockSkewMs, 20 * 60_000 + 400);
    assert.deepEqual(asked, ['sts.central.example']);
    assert.match(r.summary, /clock is 20 minutes behind Alibaba Cloud's/);
    const ahead = await testProfile(tested, fakeSession({ identity: fail('clockSkew', 'InvalidTimeStamp.Expired') }), { measureClockSkew: async () => -3 * 3_600_000 });
    assert.match(ahead.summary, /3 hours ahead/);
  });

  it('says so when the skew cannot be measured, instead of showing a wrong one', async () => {
    for (const measured of [undefined, 1200]) {
      const r = await testProfile(tested, fakeSession({ identity: fail('clockSkew', 'InvalidTimeStamp.Expired') }), { measureClockSkew: async () => measured });
      assert.equal(r.clockSkewMs, undefined);
      assert.match(r.summary, /could not be measured/);
    }
  });

  it('names the owner of a disabled key and the profile that found it', async () => {
    const r = await testProfile(tested, fakeSession({ identity: fail('disabledKey', 'InvalidAccessKeyId.Inactive') }), {
      findKeyOwner: async () => ({ userName: 'bob', accountId: ACCOUNT, viaProfileId: 'admin', viaProfileName: 'admin-profile' }),
    });
    assert.equal(r.failureKind, 'disabledKey');
    assert.equal(r.keyOwner?.userName, 'bob');
    assert.match(r.summary, /RAM user bob of account 5000000000000000/);
    assert.match(r.summary, /Profile "admin-profile" can see it/);
    assert.deepEqual(resultActions(r, { editProfile: false, enableAccessKey: true }), ['enableKey', 'showLog']);
    assert.deepEqual(resultActions(r, { editProfile: false, enableAccessKey: false }), ['copyKeyId', 'openRamConsole', 'showLog']);
  });

  it('falls back to an earlier test of the same key for the owner, and says when nobody knows', async () => {
    const previous = { accessKeyId: tested.accessKeyId, identity: userIdentity(ACCOUNT, 'carol'), identityCheck: { ok: true } } as CredentialTestResult;
    const r = await testProfile(tested, fakeSession({ identity: fail('disabledKey', 'InvalidAccessKeyId.Inactive') }), {
      findKeyOwner: async () => undefined, previous,
    });
    assert.deepEqual(r.keyOwner, { userName: 'carol', accountId: ACCOUNT });
    assert.deepEqual(resultActions(r, { editProfile: false, enableAccessKey: true }), ['copyKeyId', 'openRamConsole', 'showLog'], 'offered to enable without a profile that may');
    const unknown = await testProfile(tested, fakeSession({ identity: fail('disabledKey', 'InvalidAccessKeyId.Inactive') }), { findKeyOwner: async () => undefined });
    assert.equal(unknown.keyOwner, undefined);
    assert.match(unknown.summary, /No other profile on this computer could tell/);
  });

  it('explains a wrong secret: the ID is known, only the secret is wrong', async () => {
    const r = await testProfile(tested, fakeSession({ identity: fail('wrongSecret', 'SignatureDoesNotMatch') }));
    assert.match(r.summary, /only the secret is wrong/);
    assert.deepEqual(resultActions(r, { editProfile: true, enableAccessKey: true }), ['editProfile', 'openDocs', 'showLog']);
  });

  it('passes stage one and names the missing action and a policy for SLB', async () => {
    const slb = FakeSlb.withCounts({});
    slb.failures.set('DescribeRegions', toAliyunError(new ClientError({
      statusCode: 403, code: 'Forbidden.RAM', requestId: 'R', message: 'x',
      data: { Code: 'Forbidden.RAM', Message: 'no', RequestId: 'R' },
      accessDeniedDetail: { AuthAction: 'slb:DescribeRegions', AuthPrincipalType: 'SubUser', NoPermissionType: 'ImplicitDeny' },
    }), { product: 'slb', action: 'DescribeRegions', endpoint: 'slb.aliyuncs.com', accessKeyId: tested.accessKeyId }));
    const r = await testProfile(tested, fakeSession({ identity: userIdentity(ACCOUNT, 'nobody'), slb }));
    assert.equal(r.ok, false);
    assert.equal(r.identityCheck.ok, true);
    assert.equal(r.failedStage, 'slb');
    assert.equal(r.deniedAction, 'slb:DescribeRegions');
    assert.equal(r.suggestedPolicy, 'AliyunSLBReadOnlyAccess');
    assert.deepEqual(JSON.parse(r.policyDocument ?? '{}').Statement[0].Action, ['slb:DescribeRegions']);
    assert.match(r.summary, /is valid \(RAM user nobody .*\), but SLB does not work/);
    assert.match(r.summary, /AliyunSLBReadOnlyAccess/);
    assert.deepEqual(resultActions(r, { editProfile: true, enableAccessKey: true }), ['copyPolicy', 'openRamConsole', 'openDocs']);
  });

  it('says an explicit Deny cannot be fixed by granting more, and offers no policy', async () => {
    const e = toAliyunError(new ClientError({
      statusCode: 403, code: 'NoPermission', requestId: 'R', message: 'x', data: { Code: 'NoPermission' },
      accessDeniedDetail: { AuthAction: 'slb:DescribeRegions', AuthPrincipalType: 'AssumedRoleUser', NoPermissionType: 'ExplicitDeny' },
    }), { product: 'slb', action: 'DescribeRegions', endpoint: 'e' });
    assert.match(e.message, /explicitly denies it/);
    const slb = FakeSlb.withCounts({});
    slb.failures.set('DescribeRegions', e);
    const r = await testProfile(tested, fakeSession({ identity: userIdentity(ACCOUNT, 'x'), slb }));
    assert.equal(r.policyDocument, undefined);
  });

  it('asks a role session\'s policy to be attached to the role', () => {
    const e = toAliyunError(new ClientError({
      statusCode: 403, code: 'Forbidden.RAM', requestId: 'R', message: 'x', data: { Code: 'Forbidden.RAM' },
      accessDeniedDetail: { AuthAction: 'slb:DescribeLoadBalancers', AuthPrincipalType: 'AssumedRoleUser', NoPermissionType: 'ImplicitDeny' },
    }), { product: 'slb', action: 'DescribeLoadBalancers', endpoint: 'e' });
    assert.match(e.message, /to its RAM role/);
  });

  it('says when the profile\'s region is unknown', () => {
    const e = toAliyunError(new ClientError({ statusCode: 404, code: 'InvalidRegionId.NotFound', requestId: 'R', message: 'x', data: { Code: 'InvalidRegionId.NotFound' } }),
      { product: 'slb', action: 'DescribeLoadBalancers', endpoint: 'slb.aliyuncs.com' });
    assert.equal(e.kind, 'notFound');
    assert.match(e.message, /Check the region of the profile/);
  });

  it('offers another test for throttling and settings for network failures', async () => {
    const throttled = await testProfile(tested, fakeSession({ identity: fail('throttled', 'Throttling.User') }));
    assert.match(throttled.summary, /retried and still refused/);
    assert.deepEqual(resultActions(throttled, { editProfile: true, enableAccessKey: true }), ['testAgain', 'showLog']);
    const unreachable = await testProfile(tested, fakeSession({ identity: fail('unreachable', 'ECONNREFUSED', { endpoint: '127.0.0.1:9' }) }));
    assert.equal(unreachable.endpoint, '127.0.0.1:9');
    assert.deepEqual(resultActions(unreachable, { editProfile: true, enableAccessKey: true }), ['testAgain', 'openSettings', 'showLog']);
  });

  it('adds when an expired STS token expired', async () => {
    const sts = profile('sts', { kind: 'StsToken', expiration: '2024-01-01T00:00:00Z' });
    const r = await testProfile(sts, fakeSession({ identity: fail('tokenExpired', 'InvalidSecurityToken.Expired') }));
    assert.equal(r.failureKind, 'tokenExpired');
    assert.match(r.summary, /It expired at/);
  });

  it('keeps results free of secrets: only what was shown', async () => {
    const r = await testProfile(tested, fakeSession({ identity: fail('wrongSecret', 'SignatureDoesNotMatch') }));
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)));
    assert.equal(r.accessKeyId, tested.accessKeyId);
  });
});

describe('Diagnosis: finding the owner of a disabled key', () => {
  const KEY = 'LTAI5tDisabled0000000001';

  it('finds the key under a RAM user through a profile with RAM permission, skipping one without', async () => {
    const calls: string[] = [];
    const owner = await findKeyOwner(KEY, [
      candidate('none', undefined),
      candidate('reader', fakeSession({ identity: userIdentity(ACCOUNT, 'reader'), ownKeys: ['LTAI5tOther'], usersKeys: fail('noPermission', 'NoPermission') })),
      candidate('admin', fakeSession({ identity: userIdentity(ACCOUNT, 'admin'), ownKeys: [], usersKeys: { a: ['x'], b: [KEY], c: [] }, calls })),
    ]);
    assert.deepEqual(owner, { userName: 'b', accountId: ACCOUNT, viaProfileId: 'admin', viaProfileName: 'name-admin' });
    assert.ok(calls.includes('ListAccessKeys b'));
  });

  it('finds a root key through a root profile', async () => {
    const owner = await findKeyOwner(KEY, [candidate('root', fakeSession({ identity: rootIdentity(ACCOUNT), ownKeys: [KEY, 'y'] }))]);
    assert.deepEqual(owner, { userName: undefined, accountId: ACCOUNT, viaProfileId: 'root', viaProfileName: 'name-root' });
  });

  it('stops listing keys when the profile may not', async () => {
    const calls: string[] = [];
    const session = fakeSession({ identity: userIdentity(ACCOUNT, 'x'), ownKeys: [], usersKeys: { a: [], b: [], c: [] }, calls });
    (session.ram as { listAccessKeys: (u?: string) => Promise<unknown> }).listAccessKeys = async (u?: string) => {
      calls.push(`ListAccessKeys ${u ?? '(own)'}`);
      throw fail('noPermission', 'NoPermission');
    };
    assert.equal(await findKeyOwner(KEY, [candidate('x', session)], { parallelism: 1 }), undefined);
    assert.deepEqual(calls.filter((c) => c.startsWith('ListAccessKeys ') && !c.endsWith('(own)')), ['ListAccessKeys a']);
  });

  it('asks the profiles most likely to help first, and not the tested key or failing ones', () => {
    const previous = { accessKeyId: tested.accessKeyId, identity: userIdentity(ACCOUNT, 'me'), identityCheck: { ok: true }, testedAt: '2026-01-01' } as CredentialTestResult;
    const p = (id: string, accessKeyId = `LTAI5tKey${id}`) => profile(id, { accessKeyId });
    const result = (prof: ReturnType<typeof profile>, ok: boolean, accountId: string, testedAt: string) =>
      ({ profileId: prof.id, accessKeyId: prof.accessKeyId, identity: ok ? userIdentity(accountId, 'u') : undefined, identityCheck: { ok }, testedAt }) as CredentialTestResult;
    const same = p('same'); const other = p('other'); const newer = p('newer'); const untested = p('untested'); const broken = p('broken'); const twin = p('twin', tested.accessKeyId);
    const order = orderOwnerCandidates(tested, [
      { profile: untested },
      { profile: other, last: result(other, true, '9', '2026-01-01') },
      { profile: broken, last: result(broken, false, '', '2026-02-01') },
      { profile: newer, last: result(newer, true, '9', '2026-03-01') },
      { profile: same, last: result(same, true, ACCOUNT, '2025-01-01') },
      { profile: twin },
      { profile: tested, last: previous },
    ], previous);
    assert.deepEqual(order.map((x) => x.id), ['same', 'newer', 'other', 'untested']);
  });
});

describe('Diagnosis: measuring the clock', () => {
  let server: http.Server;
  let skew = 0;
  before(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(400, { date: new Date(Date.now() + skew).toUTCString(), 'content-type': 'application/json' });
      res.end('{"Code":"MissingParameter"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const endpoint = () => ({ host: `127.0.0.1:${(server.address() as AddressInfo).port}`, protocol: 'http' as const });

  it('reads the skew from the Date header of an unsigned request, either way', async () => {
    skew = 20 * 60_000;
    const ahead = await measureClockSkew(endpoint());
    assert.ok(ahead !== undefined && Math.abs(ahead - skew) < 2000, `measured ${ahead}`);
    skew = -7 * 60_000;
    const behind = await measureClockSkew(endpoint());
    assert.ok(behind !== undefined && Math.abs(behind - skew) < 2000, `measured ${behind}`);
  });

  it('gives up quietly when nothing answers', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    assert.equal(await measureClockSkew({ host: `127.0.0.1:${port}`, protocol: 'http' }, 1000), undefined);
  });

  it('describes durations a person can picture', () => {
    assert.deepEqual(describeDuration(45_000), { value: 45, unit: 'seconds' });
    assert.deepEqual(describeDuration(-20 * 60_000), { value: 20, unit: 'minutes' });
    assert.deepEqual(describeDuration(3.5 * 3_600_000), { value: 3.5, unit: 'hours' });
    assert.deepEqual(describeDuration(3 * 86_400_000), { value: 3, unit: 'days' });
  });

  it('writes a policy document that allows exactly the denied action', () => {
    assert.deepEqual(JSON.parse(policyDocumentFor('slb:DescribeLoadBalancers')), {
      Version: '1', Statement: [{ Effect: 'Allow', Action: ['slb:DescribeLoadBalancers'], Resource: '*' }],
    });
  });
});
