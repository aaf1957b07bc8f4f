import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import { RunningEmulator, startEmulator } from './server';
import { ACCOUNT, K, OTHER_ACCOUNT, assertErrorBody, ram, rejects, sts, testSeed, useEmulator } from './helpers';

const SEED_USERS = ['alice', 'bob', 'carol', 'dave', 'reader', 'nokeys', 'withpolicy'];

describe('emulator: RAM 2015-05-01', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running));

  describe('ListUsers', () => {
    it('returns every user with the documented fields, not truncated, without Marker', async () => {
      const res = await ram(emu, K.alice).listUsers(new $Ram.ListUsersRequest({}));
      const users = res.body?.users?.user ?? [];
      assert.deepStrictEqual(users.map((u) => u.userName), SEED_USERS);
      assert.strictEqual(res.body?.isTruncated, false);
      assert.strictEqual(res.body?.marker, undefined);
      const alice = users[0];
      assert.strictEqual(alice.userId, '2100000000000001');
      assert.strictEqual(alice.displayName, 'alice');
      assert.strictEqual(alice.comments, '');
      assert.match(alice.createDate ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.match(alice.updateDate ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });

    it('pages with MaxItems/Marker; Marker only while IsTruncated (both schemes)', async () => {
      for (const signatureAlgorithm of [undefined, 'v2']) {
        const client = ram(emu, K.reader, { signatureAlgorithm });
        const seen: string[] = [];
        let marker: string | undefined;
        let pages = 0;
        for (;;) {
          const res = await client.listUsers(new $Ram.ListUsersRequest({ maxItems: 3, marker }));
          pages++;
          seen.push(...(res.body?.users?.user ?? []).map((u) => u.userName ?? ''));
          if (!res.body?.isTruncated) {
            assert.strictEqual(res.body?.marker, undefined);
            break;
          }
          assert.ok(res.body.marker, 'a truncated page has a Marker');
          marker = res.body.marker;
        }
        assert.strictEqual(pages, 3);
        assert.deepStrictEqual(seen, SEED_USERS);
      }
    });

    it('MaxItems outside 1–1000 and a bad Marker → 400', async () => {
      const r = ram(emu, K.alice);
      for (const maxItems of [0, 1001]) {
        await rejects(r.listUsers(new $Ram.ListUsersRequest({ maxItems })), { code: 'InvalidParameter.MaxItems', statusCode: 400 });
      }
      await rejects(r.listUsers(new $Ram.ListUsersRequest({ marker: 'not-a-marker' })), { code: 'InvalidParameter.Marker', statusCode: 400 });
      const ok = await r.listUsers(new $Ram.ListUsersRequest({ maxItems: 1000 }));
      assert.strictEqual(ok.body?.users?.user?.length, SEED_USERS.length);
    });

    it('accounts are isolated', async () => {
      const res = await ram(emu, K.otherRoot).listUsers(new $Ram.ListUsersRequest({}));
      assert.deepStrictEqual(res.body?.users?.user?.map((u) => u.userId), ['2200000000000001']);
      const who = await sts(emu, K.otherRoot).getCallerIdentity();
      assert.strictEqual(who.body?.accountId, OTHER_ACCOUNT);
    });
  });

  describe('GetUser / CreateUser / DeleteUser', () => {
    it('GetUser returns the user; unknown → 404 EntityNotExist.User; bad names → InvalidParameter.UserName.*', async () => {
      const r = ram(emu, K.reader);
      const res = await r.getUser(new $Ram.GetUserRequest({ userName: 'dave' }));
      assert.strictEqual(res.body?.user?.userId, '2100000000000004');
      const e = await rejects(r.getUser(new $Ram.GetUserRequest({ userName: 'nobody' })), { code: 'EntityNotExist.User', statusCode: 404 });
      assert.strictEqual(e.data?.Message, 'The user does not exist.');
      assertErrorBody(e, 'EntityNotExist.User');
      await rejects(r.getUser(new $Ram.GetUserRequest({ userName: 'bad name!' })), { code: 'InvalidParameter.UserName.InvalidChars', statusCode: 400 });
      await rejects(r.getUser(new $Ram.GetUserRequest({ userName: 'a'.repeat(65) })), { code: 'InvalidParameter.UserName.Length', statusCode: 400 });
      await rejects(r.getUser(new $Ram.GetUserRequest({})), { code: 'MissingUserName', statusCode: 400 });
    });

    it('CreateUser creates a user with a numeric UserId, visible to GetUser and ListUsers', async () => {
      const r = ram(emu, K.alice);
      const res = await r.createUser(
        new $Ram.CreateUserRequest({ userName: 'zoe', displayName: 'Zoe Q', comments: 'new', email: 'zoe@example.com', mobilePhone: '86-18600008888' }),
      );
      const u = res.body?.user;
      assert.match(u?.userId ?? '', /^\d{16}$/);
      assert.strictEqual(u?.userName, 'zoe');
      assert.strictEqual(u?.displayName, 'Zoe Q');
      assert.strictEqual(u?.email, 'zoe@example.com');
      assert.strictEqual(u?.mobilePhone, '86-18600008888');
      assert.ok(Math.abs(Date.parse(u?.createDate ?? '') - Date.now()) < 5000);
      const got = await r.getUser(new $Ram.GetUserRequest({ userName: 'zoe' }));
      assert.strictEqual(got.body?.user?.userId, u?.userId);
      const list = await r.listUsers(new $Ram.ListUsersRequest({}));
      assert.strictEqual(list.body?.users?.user?.at(-1)?.userName, 'zoe');
    });

    it('CreateUser validation and conflicts', async () => {
      const r = ram(emu, K.alice);
      const create = (fields: Record<string, string>) => r.createUser(new $Ram.CreateUserRequest({ userName: 'newbie', ...fields }));
      await rejects(create({ userName: 'alice' }), { code: 'EntityAlreadyExists.User', statusCode: 409 });
      await rejects(create({ userName: 'ALICE' }), { code: 'EntityAlreadyExists.User', statusCode: 409 });
      await rejects(create({ userName: 'has space' }), { code: 'InvalidParameter.UserName.InvalidChars', statusCode: 400 });
      await rejects(create({ displayName: 'x'.repeat(129) }), { code: 'InvalidParameter.DisplayName.Length', statusCode: 400 });
      await rejects(create({ displayName: '<script>' }), { code: 'InvalidParameter.DisplayName.InvalidChars', statusCode: 400 });
      await rejects(create({ comments: 'c'.repeat(129) }), { code: 'InvalidParameter.Comments.Length', statusCode: 400 });
      await rejects(create({ email: 'not-an-email' }), { code: 'InvalidParameter.Email.Format', statusCode: 400 });
      await rejects(create({ mobilePhone: '12345' }), { code: 'InvalidParameter.MobilePhone.Format', statusCode: 400 });
      await rejects(r.createUser(new $Ram.CreateUserRequest({})), { code: 'MissingUserName', statusCode: 400 });
    });

    it('CreateUser beyond the account limit → 409 LimitExceeded.User', async () => {
      const seed = testSeed();
      seed.accounts[0].limits = { users: SEED_USERS.length };
      const small = await startEmulator({ seed });
      try {
        await rejects(ram(small, K.root).createUser(new $Ram.CreateUserRequest({ userName: 'one-too-many' })), {
          code: 'LimitExceeded.User',
          statusCode: 409,
        });
      } finally {
        await small.close();
      }
    });

    it('DeleteUser: a user without keys and policies goes away', async () => {
      const r = ram(emu, K.alice);
      const res = await r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'nokeys' }));
      assert.strictEqual(res.statusCode, 200);
      await rejects(r.getUser(new $Ram.GetUserRequest({ userName: 'nokeys' })), { code: 'EntityNotExist.User', statusCode: 404 });
      await rejects(r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'nokeys' })), { code: 'EntityNotExist.User', statusCode: 404 });
    });

    it('DeleteUser while keys exist → 409 DeleteConflict.User.AccessKey; with policies → 409 DeleteConflict.User.Policy', async () => {
      const r = ram(emu, K.alice);
      const e = await rejects(r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'dave' })), { code: 'DeleteConflict.User.AccessKey', statusCode: 409 });
      assert.strictEqual(e.data?.Message, 'The user CAN NOT has any access key while deleting the user.');
      await rejects(r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'withpolicy' })), { code: 'DeleteConflict.User.Policy', statusCode: 409 });
      // carol has a key but no policy: delete the key, then the user.
      await rejects(r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'carol' })), { code: 'DeleteConflict.User.AccessKey' });
      await r.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'carol', userAccessKeyId: K.carol.accessKeyId }));
      await r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'carol' }));
      await rejects(r.getUser(new $Ram.GetUserRequest({ userName: 'carol' })), { code: 'EntityNotExist.User' });
    });
  });

  describe('AccessKeys', () => {
    it('ListAccessKeys for a named user, for the caller itself, and for the root account', async () => {
      const listed = await ram(emu, K.alice).listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'dave' }));
      const keys = listed.body?.accessKeys?.accessKey ?? [];
      assert.deepStrictEqual(
        keys.map((k) => [k.accessKeyId, k.status, k.createDate]),
        [
          [K.dave1.accessKeyId, 'Active', '2021-06-01T04:00:00Z'],
          [K.dave2.accessKeyId, 'Inactive', keys[1]?.createDate],
        ],
      );
      const own = await ram(emu, K.dave1).listAccessKeys(new $Ram.ListAccessKeysRequest({}));
      assert.deepStrictEqual(own.body?.accessKeys?.accessKey?.map((k) => k.accessKeyId), [K.dave1.accessKeyId, K.dave2.accessKeyId]);
      const root = await ram(emu, K.root).listAccessKeys(new $Ram.ListAccessKeysRequest({}));
      assert.deepStrictEqual(root.body?.accessKeys?.accessKey?.map((k) => k.accessKeyId), [K.root.accessKeyId]);
      await rejects(ram(emu, K.alice).listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'ghost' })), { code: 'EntityNotExist.User', statusCode: 404 });
    });

    it('CreateAccessKey returns a real-looking key that works at once; the third → 409 LimitExceeded.User.AccessKey', async () => {
      const r = ram(emu, K.alice);
      const created = await r.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' }));
      const key = created.body?.accessKey;
      assert.match(key?.accessKeyId ?? '', /^LTAI[A-Za-z0-9]{20}$/);
      assert.match(key?.accessKeySecret ?? '', /^[A-Za-z0-9]{30}$/);
      assert.strictEqual(key?.status, 'Active');
      const who = await sts(emu, { accessKeyId: key?.accessKeyId ?? '', accessKeySecret: key?.accessKeySecret ?? '' }).getCallerIdentity();
      assert.strictEqual(who.body?.arn, `acs:ram::${ACCOUNT}:user/carol`);
      const e = await rejects(r.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'carol' })), {
        code: 'LimitExceeded.User.AccessKey',
        statusCode: 409,
      });
      assert.strictEqual(e.data?.Message, 'The access key count of the user access keys beyond the current limits.');
      await rejects(r.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'dave' })), { code: 'LimitExceeded.User.AccessKey' });
    });

    it('CreateAccessKey without UserName: a RAM user gets its own key; root gets a root key (limit 2)', async () => {
      const own = await ram(emu, K.alice).createAccessKey(new $Ram.CreateAccessKeyRequest({}));
      const mine = await ram(emu, K.alice).listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'alice' }));
      assert.ok(mine.body?.accessKeys?.accessKey?.some((k) => k.accessKeyId === own.body?.accessKey?.accessKeyId));
      const rootKey = await ram(emu, K.root).createAccessKey(new $Ram.CreateAccessKeyRequest({}));
      const rootWho = await sts(emu, {
        accessKeyId: rootKey.body?.accessKey?.accessKeyId ?? '',
        accessKeySecret: rootKey.body?.accessKey?.accessKeySecret ?? '',
      }).getCallerIdentity();
      assert.strictEqual(rootWho.body?.identityType, 'Account');
      await rejects(ram(emu, K.root).createAccessKey(new $Ram.CreateAccessKeyRequest({})), { code: 'LimitExceeded.User.AccessKey', statusCode: 409 });
    });

    it('UpdateAccessKey disables and re-enables a key', async () => {
      const admin = ram(emu, K.alice);
      await admin.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId, status: 'Inactive' }));
      await rejects(sts(emu, K.bob).getCallerIdentity(), { code: 'InvalidAccessKeyId.Inactive', statusCode: 400 });
      await admin.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId, status: 'Active' }));
      assert.strictEqual((await sts(emu, K.bob).getCallerIdentity()).body?.identityType, 'RAMUser');
    });

    it('UpdateAccessKey validation: missing/unknown key, wrong owner, bad status', async () => {
      const admin = ram(emu, K.alice);
      await rejects(admin.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'bob', status: 'Inactive' })), {
        code: 'MissingUserAccessKeyId',
        statusCode: 400,
      });
      await rejects(admin.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId })), {
        code: 'MissingStatus',
        statusCode: 400,
      });
      await rejects(admin.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'bob', userAccessKeyId: 'LTAI5tNoSuchKey000000000', status: 'Inactive' })), {
        code: 'EntityNotExist.User.AccessKey',
        statusCode: 404,
      });
      await rejects(admin.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'carol', userAccessKeyId: K.bob.accessKeyId, status: 'Inactive' })), {
        code: 'EntityNotExist.User.AccessKey',
        statusCode: 404,
      });
      await rejects(admin.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId, status: 'Disabled' })), {
        code: 'InvalidParameter.Status',
        statusCode: 400,
      });
    });

    it('DeleteAccessKey removes the key; the key then is unknown to the gateway', async () => {
      const admin = ram(emu, K.alice, { signatureAlgorithm: 'v2' });
      await admin.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId }));
      const left = await admin.listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'bob' }));
      assert.deepStrictEqual(left.body?.accessKeys?.accessKey, []);
      await rejects(sts(emu, K.bob).getCallerIdentity(), { code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
      await rejects(admin.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'bob', userAccessKeyId: K.bob.accessKeyId })), {
        code: 'EntityNotExist.User.AccessKey',
        statusCode: 404,
      });
    });

    it('GetAccessKeyLastUsed returns the stored date', async () => {
      const res = await ram(emu, K.reader).getAccessKeyLastUsed(
        new $Ram.GetAccessKeyLastUsedRequest({ userName: 'dave', userAccessKeyId: K.dave1.accessKeyId }),
      );
      assert.strictEqual(res.body?.accessKeyLastUsed?.lastUsedDate, '2022-02-01T10:20:30Z');
      await rejects(
        ram(emu, K.reader).getAccessKeyLastUsed(new $Ram.GetAccessKeyLastUsedRequest({ userName: 'dave', userAccessKeyId: K.bob.accessKeyId })),
        { code: 'EntityNotExist.User.AccessKey', statusCode: 404 },
      );
    });
  });

  describe('permissions by system policy', () => {
    it('no policy → 403 NoPermission with AccessDeniedDetail', async () => {
      const e = await rejects(ram(emu, K.carol).listUsers(new $Ram.ListUsersRequest({})), {
        code: 'NoPermission',
        statusCode: 403,
        name: 'ClientError',
      });
      assert.strictEqual(e.data?.Message, 'You are not authorized to do this action. You should be authorized by RAM.');
      const d = e.accessDeniedDetail ?? {};
      assert.strictEqual(d.AuthAction, 'ram:ListUsers');
      assert.strictEqual(d.AuthPrincipalType, 'SubUser');
      assert.strictEqual(d.AuthPrincipalOwnerId, ACCOUNT);
      assert.strictEqual(d.AuthPrincipalDisplayName, '2100000000000003');
      assert.strictEqual(d.PolicyType, 'AccountLevelIdentityBasedPolicy');
      assert.strictEqual(d.NoPermissionType, 'ImplicitDeny');
      assert.ok(String(d.EncodedDiagnosticMessage).length > 100);
      assertErrorBody(e, 'NoPermission');
    });

    it('AliyunRAMReadOnlyAccess may Get*/List* but not write; SLB-only users may not touch RAM', async () => {
      const reader = ram(emu, K.reader);
      await reader.listUsers(new $Ram.ListUsersRequest({}));
      await reader.getUser(new $Ram.GetUserRequest({ userName: 'bob' }));
      await reader.listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'bob' }));
      const e = await rejects(reader.createUser(new $Ram.CreateUserRequest({ userName: 'x' })), { code: 'NoPermission', statusCode: 403 });
      assert.strictEqual(e.accessDeniedDetail?.AuthAction, 'ram:CreateUser');
      await rejects(reader.createAccessKey(new $Ram.CreateAccessKeyRequest({})), { code: 'NoPermission' });
      await rejects(ram(emu, K.bob).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission' });
    });
  });

  describe('every action over RPC V2 signing', () => {
    it('create user → key → update → last used → list → delete key → delete user', async () => {
      const r = ram(emu, K.alice, { signatureAlgorithm: 'v2' });
      const user = await r.createUser(new $Ram.CreateUserRequest({ userName: 'v2user' }));
      assert.strictEqual(user.body?.user?.userName, 'v2user');
      assert.strictEqual((await r.getUser(new $Ram.GetUserRequest({ userName: 'v2user' }))).body?.user?.userId, user.body?.user?.userId);
      const key = await r.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'v2user' }));
      const id = key.body?.accessKey?.accessKeyId ?? '';
      await r.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'v2user', userAccessKeyId: id, status: 'Inactive' }));
      const listed = await r.listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'v2user' }));
      assert.deepStrictEqual(listed.body?.accessKeys?.accessKey?.map((k) => k.status), ['Inactive']);
      const last = await r.getAccessKeyLastUsed(new $Ram.GetAccessKeyLastUsedRequest({ userName: 'v2user', userAccessKeyId: id }));
      assert.strictEqual(last.body?.accessKeyLastUsed?.lastUsedDate, undefined);
      await r.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'v2user', userAccessKeyId: id }));
      await r.deleteUser(new $Ram.DeleteUserRequest({ userName: 'v2user' }));
      const users = await r.listUsers(new $Ram.ListUsersRequest({}));
      assert.deepStrictEqual(users.body?.users?.user?.map((u) => u.userName), SEED_USERS);
    });
  });
});
