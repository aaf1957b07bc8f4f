import * as assert from 'assert';
import OpenApi, { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $Ram from '@alicloud/ram20150501';
import * as $dara from '@darabonba/typescript';
import type { RunningEmulator } from './server';
import {
  ACCOUNT,
  K,
  UUID_UPPER,
  assertErrorBody,
  config,
  control,
  ram,
  rawRequest,
  rejects,
  signV2,
  signV3,
  slb,
  sts,
  useEmulator,
} from './helpers';

const listUsers = (): $Ram.ListUsersRequest => new $Ram.ListUsersRequest({});

describe('emulator: authentication', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running));

  describe('both signature schemes with a good key', () => {
    it('RAM with ACS3-HMAC-SHA256 (the SDK default)', async () => {
      const res = await ram(emu, K.alice).listUsers(listUsers());
      assert.strictEqual(res.statusCode, 200);
      assert.match(res.body?.requestId ?? '', UUID_UPPER);
      assert.ok((res.body?.users?.user?.length ?? 0) > 0);
    });

    it('RAM with RPC V2 HMAC-SHA1 (signatureAlgorithm v2)', async () => {
      const res = await ram(emu, K.alice, { signatureAlgorithm: 'v2' }).listUsers(listUsers());
      assert.strictEqual(res.statusCode, 200);
      assert.strictEqual(res.body?.users?.user?.[0]?.userName, 'alice');
    });

    it('STS GetCallerIdentity with both schemes', async () => {
      for (const signatureAlgorithm of [undefined, 'v2']) {
        const res = await sts(emu, K.root, { signatureAlgorithm }).getCallerIdentity();
        assert.strictEqual(res.body?.identityType, 'Account');
        assert.strictEqual(res.body?.accountId, ACCOUNT);
      }
    });

    it('SLB with both schemes', async () => {
      for (const signatureAlgorithm of [undefined, 'v2']) {
        const body = await slb(emu, K.bob, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou' }, { signatureAlgorithm });
        assert.strictEqual(body.TotalCount, 25);
      }
    });

    it('V3 business parameters with characters that need encoding are signed correctly', async () => {
      const r = ram(emu, K.alice);
      await r.createUser(new $Ram.CreateUserRequest({ userName: 'x.y@z_w-1', comments: "a b!'()*~+/=&?", displayName: 'Zed 中文' }));
      const got = await ram(emu, K.alice, { signatureAlgorithm: 'v2' }).getUser(new $Ram.GetUserRequest({ userName: 'x.y@z_w-1' }));
      assert.strictEqual(got.body?.user?.comments, "a b!'()*~+/=&?");
      assert.strictEqual(got.body?.user?.displayName, 'Zed 中文');
    });
  });

  describe('rejections', () => {
    it('wrong secret → 400 SignatureDoesNotMatch with the server string to sign (V3 and V2)', async () => {
      const bad = { accessKeyId: K.alice.accessKeyId, accessKeySecret: 'wrong-secret' };
      const e3 = await rejects(ram(emu, bad).listUsers(listUsers()), { code: 'SignatureDoesNotMatch', statusCode: 400, name: 'ClientError' });
      assert.match(String(e3.data?.Message), /^Specified signature is not matched with our calculation\. server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
      assertErrorBody(e3, 'SignatureDoesNotMatch');
      const e2 = await rejects(ram(emu, bad, { signatureAlgorithm: 'v2' }).listUsers(listUsers()), { code: 'SignatureDoesNotMatch', statusCode: 400 });
      assert.match(String(e2.data?.Message), /server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tTestAliceKey000001%26Action%3DListUsers/);
      assert.ok(!String(e2.data?.Message).includes(K.alice.accessKeySecret));
    });

    it('unknown AccessKey id → 404 InvalidAccessKeyId.NotFound (V3, V2, STS)', async () => {
      const unknown = { accessKeyId: 'LTAI5tNoSuchKey000000000', accessKeySecret: 'whatever' };
      const e = await rejects(ram(emu, unknown).listUsers(listUsers()), { code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
      assert.strictEqual(e.data?.Message, 'Specified access key is not found.');
      assertErrorBody(e, 'InvalidAccessKeyId.NotFound');
      await rejects(ram(emu, unknown, { signatureAlgorithm: 'v2' }).listUsers(listUsers()), { code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
      await rejects(sts(emu, unknown).getCallerIdentity(), { code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
    });

    it('inactive key → 400 InvalidAccessKeyId.Inactive, even for GetCallerIdentity', async () => {
      const e = await rejects(sts(emu, K.dave2).getCallerIdentity(), { code: 'InvalidAccessKeyId.Inactive', statusCode: 400 });
      assert.strictEqual(e.data?.Message, 'Specified access key is disabled.');
      await rejects(ram(emu, K.dave2, { signatureAlgorithm: 'v2' }).listUsers(listUsers()), { code: 'InvalidAccessKeyId.Inactive' });
    });

    it('replayed V2 request (same SignatureNonce) → 400 SignatureNonceUsed', async () => {
      const path = signV2(K.root, { Action: 'GetCallerIdentity', Version: '2015-04-01' });
      const first = await rawRequest(emu, 'POST', path, {});
      assert.strictEqual(first.status, 200, first.text);
      assert.strictEqual(first.json.IdentityType, 'Account');
      const second = await rawRequest(emu, 'POST', path, {});
      assert.strictEqual(second.status, 400);
      assert.strictEqual(second.json.Code, 'SignatureNonceUsed');
      assert.strictEqual(second.json.Message, 'Specified signature nonce was used already.');
    });

    it('replayed V3 request (same x-acs-signature-nonce) → 400 SignatureNonceUsed', async () => {
      const { path, headers } = signV3(emu, K.alice, 'ListUsers', '2015-05-01', { MaxItems: '1' });
      const first = await rawRequest(emu, 'POST', path, headers);
      assert.strictEqual(first.status, 200, first.text);
      const second = await rawRequest(emu, 'POST', path, headers);
      assert.strictEqual(second.status, 400);
      assert.strictEqual(second.json.Code, 'SignatureNonceUsed');
    });

    it('a tampered V3 request (parameter changed after signing) → SignatureDoesNotMatch', async () => {
      const { headers } = signV3(emu, K.alice, 'ListUsers', '2015-05-01', { MaxItems: '1' });
      const res = await rawRequest(emu, 'POST', '/?MaxItems=2', headers);
      assert.strictEqual(res.status, 400);
      assert.strictEqual(res.json.Code, 'SignatureDoesNotMatch');
    });

    it('server clock ahead by 16 min (client clock behind) → 400 InvalidTimeStamp.Expired', async () => {
      assert.strictEqual((await control(emu, 'POST', 'clock', { offsetMs: 16 * 60_000 })).status, 200);
      const e = await rejects(ram(emu, K.alice).listUsers(listUsers()), { code: 'InvalidTimeStamp.Expired', statusCode: 400 });
      assert.strictEqual(e.data?.Message, 'Specified time stamp or date value is expired.');
      await rejects(sts(emu, K.alice, { signatureAlgorithm: 'v2' }).getCallerIdentity(), { code: 'InvalidTimeStamp.Expired' });
    });

    it('server clock behind by 16 min (client clock ahead) → 400 InvalidTimeStamp.Expired', async () => {
      await control(emu, 'POST', 'clock', { offsetMs: -16 * 60_000 });
      await rejects(ram(emu, K.alice).listUsers(listUsers()), { code: 'InvalidTimeStamp.Expired', statusCode: 400 });
      await rejects(ram(emu, K.alice, { signatureAlgorithm: 'v2' }).listUsers(listUsers()), { code: 'InvalidTimeStamp.Expired' });
    });

    it('a skew inside the 15-minute window is accepted in both directions', async () => {
      for (const offsetMs of [14 * 60_000, -14 * 60_000]) {
        await control(emu, 'POST', 'clock', { offsetMs });
        const res = await sts(emu, K.alice).getCallerIdentity();
        assert.strictEqual(res.body?.identityType, 'RAMUser');
      }
    });

    it('a badly formatted Timestamp → 400 InvalidTimeStamp.Format', async () => {
      const path = signV2(K.root, { Action: 'GetCallerIdentity', Version: '2015-04-01', Timestamp: '2026/01/01 00:00:00' });
      const res = await rawRequest(emu, 'POST', path, {});
      assert.strictEqual(res.status, 400);
      assert.strictEqual(res.json.Code, 'InvalidTimeStamp.Format');
    });

    it('a malformed Authorization header → 400 IncompleteSignature', async () => {
      const { path, headers } = signV3(emu, K.alice, 'ListUsers', '2015-05-01');
      const res = await rawRequest(emu, 'POST', path, { ...headers, Authorization: 'ACS3-HMAC-SHA256 this is not it' });
      assert.strictEqual(res.status, 400);
      assert.strictEqual(res.json.Code, 'IncompleteSignature');
      assert.strictEqual(res.json.Message, 'The request signature does not conform to Aliyun standards.');
    });

    it('a V3 request with an unsigned x-acs-* header → 400 IncompleteSignature', async () => {
      const { path, headers } = signV3(emu, K.alice, 'ListUsers', '2015-05-01');
      const res = await rawRequest(emu, 'POST', path, { ...headers, 'x-acs-extra': '1' });
      assert.strictEqual(res.status, 400);
      assert.strictEqual(res.json.Code, 'IncompleteSignature');
    });

    it('a V2 request without SignatureNonce → 400 MissingSignatureNonce', async () => {
      const path = signV2(K.root, { Action: 'GetCallerIdentity', Version: '2015-04-01', SignatureNonce: '' });
      const res = await rawRequest(emu, 'POST', path, {});
      assert.strictEqual(res.status, 400);
      assert.strictEqual(res.json.Code, 'MissingSignatureNonce');
    });

    it('unknown action → 404 InvalidApi.NotFound; unknown version → 400 InvalidVersion', async () => {
      const client = new OpenApi(config(emu, K.root));
      const call = (action: string, version: string) =>
        client.callApi(
          new $OpenApiUtil.Params({ action, version, protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' }),
          new $OpenApiUtil.OpenApiRequest({}),
          new $dara.RuntimeOptions({}),
        );
      const e = await rejects(call('AssumeRoleWithSAML', '2015-04-01'), { code: 'InvalidApi.NotFound', statusCode: 404 });
      assertErrorBody(e, 'InvalidApi.NotFound');
      await rejects(call('ListUsers', '2099-01-01'), { code: 'InvalidVersion', statusCode: 400 });
    });

    it('XML when the client asks for it (V2 Format=XML)', async () => {
      const path = signV2(K.root, { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'XML' });
      const res = await rawRequest(emu, 'POST', path, {});
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.headers['content-type'], 'text/xml;charset=utf-8');
      assert.match(res.text, /<GetCallerIdentityResponse><RequestId>[0-9A-F-]{36}<\/RequestId>.*<IdentityType>Account<\/IdentityType>/);
    });
  });

  describe('STS security tokens', () => {
    it('a valid token: GetCallerIdentity says AssumedRoleUser with RoleId and the assumed-role Arn', async () => {
      for (const signatureAlgorithm of [undefined, 'v2']) {
        const res = await sts(emu, K.sts, { signatureAlgorithm }).getCallerIdentity();
        assert.strictEqual(res.body?.identityType, 'AssumedRoleUser');
        assert.strictEqual(res.body?.roleId, '300000000000000042');
        assert.strictEqual(res.body?.arn, `acs:ram::${ACCOUNT}:assumed-role/TestRole/test-session`);
        assert.strictEqual(res.body?.principalId, '300000000000000042:test-session');
        assert.strictEqual(res.body?.userId, undefined);
      }
    });

    it('the role\'s policies apply: SLB read-only passes, RAM gets NoPermission for AssumedRoleUser', async () => {
      const body = await slb(emu, K.sts, 'DescribeRegions');
      assert.ok(Array.isArray((body.Regions as { Region: unknown[] }).Region));
      const e = await rejects(ram(emu, K.sts).listUsers(listUsers()), { code: 'NoPermission', statusCode: 403 });
      assert.strictEqual(e.accessDeniedDetail?.AuthPrincipalType, 'AssumedRoleUser');
      assert.strictEqual(e.accessDeniedDetail?.AuthPrincipalDisplayName, 'TestRole:test-session');
    });

    it('STS key without its token → 400 MissingSecurityToken', async () => {
      const noToken = { accessKeyId: K.sts.accessKeyId, accessKeySecret: K.sts.accessKeySecret };
      await rejects(sts(emu, noToken).getCallerIdentity(), { code: 'MissingSecurityToken', statusCode: 400 });
      await rejects(sts(emu, noToken, { signatureAlgorithm: 'v2' }).getCallerIdentity(), { code: 'MissingSecurityToken', statusCode: 400 });
    });

    it('another credential\'s token → 400 InvalidSecurityToken.MismatchWithAccessKey', async () => {
      const mixed = { ...K.sts, securityToken: K.stsExpired.securityToken };
      const e = await rejects(sts(emu, mixed).getCallerIdentity(), { code: 'InvalidSecurityToken.MismatchWithAccessKey', statusCode: 400 });
      assertErrorBody(e, 'InvalidSecurityToken.MismatchWithAccessKey');
      await rejects(sts(emu, mixed, { signatureAlgorithm: 'v2' }).getCallerIdentity(), { code: 'InvalidSecurityToken.MismatchWithAccessKey' });
    });

    it('a token that was never issued → 400 InvalidSecurityToken.Malformed', async () => {
      await rejects(sts(emu, { ...K.sts, securityToken: 'garbage' }).getCallerIdentity(), { code: 'InvalidSecurityToken.Malformed', statusCode: 400 });
    });

    it('a token on a permanent AccessKey → InvalidSecurityToken.MismatchWithAccessKey', async () => {
      await rejects(sts(emu, { ...K.alice, securityToken: K.sts.securityToken }).getCallerIdentity(), {
        code: 'InvalidSecurityToken.MismatchWithAccessKey',
      });
    });

    it('an expired token → 400 InvalidSecurityToken.Expired', async () => {
      const e = await rejects(sts(emu, K.stsExpired).getCallerIdentity(), { code: 'InvalidSecurityToken.Expired', statusCode: 400 });
      assert.strictEqual(e.data?.Message, 'Specified SecurityToken is expired.');
      await rejects(ram(emu, K.stsExpired, { signatureAlgorithm: 'v2' }).listUsers(listUsers()), { code: 'InvalidSecurityToken.Expired' });
    });

    it('a token expires with the server clock', async () => {
      await control(emu, 'POST', 'clock', { offsetMs: 100 * 365 * 24 * 3600_000 });
      // The SDK's own timestamp is now 100 years off, so craft the request at server time.
      const now = new Date(Date.now() + 100 * 365 * 24 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const res = await rawRequest(emu, 'POST', signV2(K.sts, { Action: 'GetCallerIdentity', Version: '2015-04-01', Timestamp: now }), {});
      assert.strictEqual(res.json.Code, 'InvalidSecurityToken.Expired');
    });
  });

  describe('identities', () => {
    it('root key: IdentityType Account, UserId == PrincipalId == AccountId, Arn …:root', async () => {
      const b = (await sts(emu, K.root).getCallerIdentity()).body;
      assert.strictEqual(b?.identityType, 'Account');
      assert.strictEqual(b?.userId, ACCOUNT);
      assert.strictEqual(b?.principalId, ACCOUNT);
      assert.strictEqual(b?.arn, `acs:ram::${ACCOUNT}:root`);
    });

    it('RAM user key: IdentityType RAMUser with UserId, PrincipalId and the user Arn (no permission needed)', async () => {
      const b = (await sts(emu, K.carol, { signatureAlgorithm: 'v2' }).getCallerIdentity()).body;
      assert.strictEqual(b?.identityType, 'RAMUser');
      assert.strictEqual(b?.userId, '2100000000000003');
      assert.strictEqual(b?.principalId, '2100000000000003');
      assert.strictEqual(b?.arn, `acs:ram::${ACCOUNT}:user/carol`);
    });
  });

  describe('GetAccessKeyLastUsed follows authentication', () => {
    it('a never-used key has no LastUsedDate until it signs a request', async () => {
      const admin = ram(emu, K.alice);
      const req = new $Ram.GetAccessKeyLastUsedRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId });
      const before = await admin.getAccessKeyLastUsed(req);
      assert.strictEqual(before.body?.accessKeyLastUsed?.lastUsedDate, undefined);
      await sts(emu, K.bob).getCallerIdentity();
      const after = await admin.getAccessKeyLastUsed(req);
      const used = Date.parse(after.body?.accessKeyLastUsed?.lastUsedDate ?? '');
      assert.ok(Math.abs(Date.now() - used) < 5000, `lastUsedDate ${after.body?.accessKeyLastUsed?.lastUsedDate}`);
    });

    it('a failed signature does not count as use', async () => {
      await rejects(sts(emu, { accessKeyId: K.bob.accessKeyId, accessKeySecret: 'nope' }).getCallerIdentity());
      const res = await ram(emu, K.alice).getAccessKeyLastUsed(
        new $Ram.GetAccessKeyLastUsedRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId }),
      );
      assert.strictEqual(res.body?.accessKeyLastUsed?.lastUsedDate, undefined);
    });
  });
});
