import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import { RunningEmulator, startEmulator } from './server';
import { K, assertErrorBody, ram, rejects, slb, sts, testSeed, useEmulator } from './helpers';

const attach = (policyName: string, userName: string, policyType = 'System') => new $Ram.AttachPolicyToUserRequest({ policyType, policyName, userName });
const detach = (policyName: string, userName: string, policyType = 'System') => new $Ram.DetachPolicyFromUserRequest({ policyType, policyName, userName });

describe('emulator: RAM policies of users (Attach/Detach/ListPoliciesForUser) and the user lifecycle', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running));

  it('a user for a key, as the seed page advises: CreateUser → AttachPolicyToUser → CreateAccessKey; the key has the policy at once', async () => {
    const admin = ram(emu, K.alice);
    await admin.createUser(new $Ram.CreateUserRequest({ userName: 'ci-bot', displayName: 'CI bot' }));
    await admin.attachPolicyToUser(attach('AliyunSLBReadOnlyAccess', 'ci-bot'));
    const listed = await admin.listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'ci-bot' }));
    const p = listed.body?.policies?.policy ?? [];
    assert.deepStrictEqual(p.map((x) => [x.policyName, x.policyType, x.defaultVersion]), [['AliyunSLBReadOnlyAccess', 'System', 'v1']]);
    assert.match(p[0].attachDate ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const key = (await admin.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'ci-bot' }))).body?.accessKey;
    const cred = { accessKeyId: key?.accessKeyId ?? '', accessKeySecret: key?.accessKeySecret ?? '' };
    await slb(emu, cred, 'DescribeRegions');
    await rejects(ram(emu, cred).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission', statusCode: 403 });
    // Detaching takes the permission away again.
    await admin.detachPolicyFromUser(detach('AliyunSLBReadOnlyAccess', 'ci-bot'));
    await rejects(slb(emu, cred, 'DescribeRegions'), { code: 'Forbidden.RAM', statusCode: 403 });
    assert.strictEqual((await sts(emu, cred).getCallerIdentity()).body?.arn, 'acs:ram::1000000000000001:user/ci-bot');
  });

  it('CreateUser of an existing name → 409 EntityAlreadyExists.User (any case)', async () => {
    const e = await rejects(ram(emu, K.alice).createUser(new $Ram.CreateUserRequest({ userName: 'BOB' })), { code: 'EntityAlreadyExists.User', statusCode: 409 });
    assertErrorBody(e, 'EntityAlreadyExists.User');
  });

  it('AttachPolicyToUser errors: unknown policy / Custom → 404 EntityNotExist.Policy; unknown user → 404 EntityNotExist.User; twice → 409; bad type → 400', async () => {
    const r = ram(emu, K.alice);
    const e = await rejects(r.attachPolicyToUser(attach('NoSuchPolicy', 'carol')), { code: 'EntityNotExist.Policy', statusCode: 404 });
    assert.strictEqual(e.data?.Message, 'The policy does not exist.');
    await rejects(r.attachPolicyToUser(attach('AliyunSLBReadOnlyAccess', 'carol', 'Custom')), { code: 'EntityNotExist.Policy', statusCode: 404 });
    await rejects(r.attachPolicyToUser(attach('AliyunSLBReadOnlyAccess', 'nobody')), { code: 'EntityNotExist.User', statusCode: 404 });
    await rejects(r.attachPolicyToUser(attach('AliyunSLBReadOnlyAccess', 'carol', 'Builtin')), { code: 'InvalidParameter.PolicyType', statusCode: 400 });
    await rejects(r.attachPolicyToUser(attach('bad name', 'carol')), { code: 'InvalidParameter.PolicyName.InvalidChars', statusCode: 400 });
    await rejects(r.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyName: 'AliyunSLBReadOnlyAccess', userName: 'carol' })), { code: 'MissingPolicyType', statusCode: 400 });
    await r.attachPolicyToUser(attach('AliyunSTSAssumeRoleAccess', 'carol'));
    const twice = await rejects(r.attachPolicyToUser(attach('AliyunSTSAssumeRoleAccess', 'carol')), { code: 'EntityAlreadyExists.User.Policy', statusCode: 409 });
    assertErrorBody(twice, 'EntityAlreadyExists.User.Policy');
  });

  it('DetachPolicyFromUser of a policy the user lacks → 404 EntityNotExist.User.Policy', async () => {
    await rejects(ram(emu, K.alice).detachPolicyFromUser(detach('AliyunRAMFullAccess', 'carol')), { code: 'EntityNotExist.User.Policy', statusCode: 404 });
    await rejects(ram(emu, K.alice).detachPolicyFromUser(detach('NoSuchPolicy', 'carol')), { code: 'EntityNotExist.Policy', statusCode: 404 });
  });

  it('DeleteUser is refused while the user has keys (DeleteConflict.User.AccessKey) or policies (DeleteConflict.User.Policy)', async () => {
    const r = ram(emu, K.alice);
    await rejects(r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'bob' })), { code: 'DeleteConflict.User.AccessKey', statusCode: 409 });
    await r.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId }));
    await rejects(r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'bob' })), { code: 'DeleteConflict.User.Policy', statusCode: 409 });
    await r.detachPolicyFromUser(detach('AliyunSLBReadOnlyAccess', 'bob'));
    await r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'bob' }));
    await rejects(r.getUser(new $Ram.GetUserRequest({ userName: 'bob' })), { code: 'EntityNotExist.User', statusCode: 404 });
  });

  it('permissions: AliyunRAMReadOnlyAccess may list policies but not attach (403 NoPermission, ram:AttachPolicyToUser)', async () => {
    await ram(emu, K.reader).listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'alice' }));
    const e = await rejects(ram(emu, K.reader).attachPolicyToUser(attach('AdministratorAccess', 'reader')), { code: 'NoPermission', statusCode: 403 });
    assert.strictEqual(e.accessDeniedDetail?.AuthAction, 'ram:AttachPolicyToUser');
  });

  it('a policy the emulator does not know, attached by the seed, can still be detached', async () => {
    const seed = testSeed();
    seed.accounts[0].users?.push({ userName: 'legacy', policies: ['SomeCustomPolicy'] });
    const own = await startEmulator({ seed });
    try {
      await ram(own, K.alice).detachPolicyFromUser(detach('SomeCustomPolicy', 'legacy'));
      await ram(own, K.alice).deleteUser(new $Ram.DeleteUserRequest({ userName: 'legacy' }));
    } finally {
      await own.close();
    }
  });
});
