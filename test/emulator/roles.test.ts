import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import { RunningEmulator, startEmulator, validateSeed } from './server';
import { ACCOUNT, K, assertErrorBody, ram, rejects, sts, useEmulator } from './helpers';
import { R, ROLE_IDS, arnOf, rolesSeed } from './roleFixtures';

const ROLE_NAMES = ['Deployer', 'auditor', 'partner', 'broker', 'chained', 'admin'];

describe('emulator: RAM roles', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running), rolesSeed);

  describe('ListRoles', () => {
    it('lists the roles in seed order with the documented fields; the ARN has the name lowercased', async () => {
      const res = await ram(emu, K.reader).listRoles(new $Ram.ListRolesRequest({}));
      const roles = res.body?.roles?.role ?? [];
      assert.deepStrictEqual(roles.map((r) => r.roleName), ROLE_NAMES);
      assert.strictEqual(res.body?.isTruncated, false);
      assert.strictEqual(res.body?.marker, undefined);
      const deployer = roles[0];
      assert.strictEqual(deployer.roleId, ROLE_IDS.Deployer);
      assert.strictEqual(deployer.arn, `acs:ram::${ACCOUNT}:role/deployer`);
      assert.strictEqual(deployer.description, 'deploys');
      assert.strictEqual(deployer.maxSessionDuration, 3600);
      assert.strictEqual(deployer.createDate, '2024-01-02T03:04:05Z');
      assert.strictEqual(deployer.updateDate, '2024-01-02T03:04:05Z');
      assert.strictEqual(roles[1].maxSessionDuration, 7200);
      assert.strictEqual(roles[1].description, '');
    });

    it('pages with MaxItems/Marker (both schemes); bad MaxItems or Marker → 400', async () => {
      for (const signatureAlgorithm of [undefined, 'v2']) {
        const client = ram(emu, K.alice, { signatureAlgorithm });
        const seen: string[] = [];
        let marker: string | undefined;
        let pages = 0;
        for (;;) {
          const res = await client.listRoles(new $Ram.ListRolesRequest({ maxItems: 4, marker }));
          pages++;
          seen.push(...(res.body?.roles?.role ?? []).map((r) => r.roleName ?? ''));
          if (!res.body?.isTruncated) {
            break;
          }
          marker = res.body.marker;
        }
        assert.strictEqual(pages, 2);
        assert.deepStrictEqual(seen, ROLE_NAMES);
      }
      for (const maxItems of [0, 1001]) {
        await rejects(ram(emu, K.alice).listRoles(new $Ram.ListRolesRequest({ maxItems })), { code: 'InvalidParameter.MaxItems', statusCode: 400 });
      }
      await rejects(ram(emu, K.alice).listRoles(new $Ram.ListRolesRequest({ marker: 'bad' })), { code: 'InvalidParameter.Marker', statusCode: 400 });
    });

    it('needs ram:ListRoles (403 NoPermission); accounts see only their own roles', async () => {
      await rejects(ram(emu, K.carol).listRoles(new $Ram.ListRolesRequest({})), { code: 'NoPermission', statusCode: 403 });
      const other = await ram(emu, K.otherRoot).listRoles(new $Ram.ListRolesRequest({}));
      assert.deepStrictEqual(other.body?.roles?.role?.map((r) => r.roleName), ['foreign']);
    });
  });

  describe('GetRole', () => {
    it('returns the role with its trust policy as AssumeRolePolicyDocument (a JSON string)', async () => {
      const r = ram(emu, K.reader);
      const get = async (roleName: string) => (await r.getRole(new $Ram.GetRoleRequest({ roleName }))).body?.role;
      const deployer = await get('deployer');
      assert.strictEqual(deployer?.roleName, 'Deployer');
      assert.strictEqual(deployer?.arn, arnOf('Deployer'));
      assert.deepStrictEqual(JSON.parse(deployer?.assumeRolePolicyDocument ?? ''), {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: [`acs:ram::${ACCOUNT}:user/assumer`, `acs:ram::${ACCOUNT}:user/alice`] } }],
        Version: '1',
      });
      assert.deepStrictEqual(JSON.parse((await get('auditor'))?.assumeRolePolicyDocument ?? '').Statement[0].Principal, { RAM: [`acs:ram::${ACCOUNT}:root`] });
      assert.deepStrictEqual(JSON.parse((await get('partner'))?.assumeRolePolicyDocument ?? '').Statement[0].Condition, {
        StringEquals: { 'sts:ExternalId': 'ext-id-123' },
      });
      assert.deepStrictEqual(JSON.parse((await get('chained'))?.assumeRolePolicyDocument ?? '').Statement[0].Principal, {
        RAM: [`acs:ram::${ACCOUNT}:role/broker`, `acs:ram::${ACCOUNT}:role/admin`],
      });
    });

    it('unknown → 404 EntityNotExist.Role; no RoleName → 400 MissingRoleName; bad name → InvalidParameter.RoleName.*', async () => {
      const e = await rejects(ram(emu, K.reader).getRole(new $Ram.GetRoleRequest({ roleName: 'nope' })), { code: 'EntityNotExist.Role', statusCode: 404 });
      assertErrorBody(e, 'EntityNotExist.Role');
      await rejects(ram(emu, K.reader).getRole(new $Ram.GetRoleRequest({})), { code: 'MissingRoleName', statusCode: 400 });
      await rejects(ram(emu, K.reader).getRole(new $Ram.GetRoleRequest({ roleName: 'bad name' })), { code: 'InvalidParameter.RoleName.InvalidChars', statusCode: 400 });
      await rejects(ram(emu, K.reader).getRole(new $Ram.GetRoleRequest({ roleName: 'r'.repeat(65) })), { code: 'InvalidParameter.RoleName.Length', statusCode: 400 });
    });
  });

  describe('ListPoliciesForRole / ListPoliciesForUser', () => {
    it('list the system policies with type, description, version and attach date', async () => {
      const forRole = await ram(emu, K.reader).listPoliciesForRole(new $Ram.ListPoliciesForRoleRequest({ roleName: 'auditor' }));
      const policies = forRole.body?.policies?.policy ?? [];
      assert.deepStrictEqual(policies.map((p) => p.policyName), ['AliyunRAMReadOnlyAccess', 'AliyunSLBReadOnlyAccess']);
      assert.ok(policies.every((p) => p.policyType === 'System' && p.defaultVersion === 'v1' && /Z$/.test(p.attachDate ?? '') && (p.description ?? '').length > 0));
      await rejects(ram(emu, K.reader).listPoliciesForRole(new $Ram.ListPoliciesForRoleRequest({ roleName: 'nope' })), { code: 'EntityNotExist.Role', statusCode: 404 });

      const forUser = await ram(emu, K.reader).listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'alice' }));
      assert.deepStrictEqual(forUser.body?.policies?.policy?.map((p) => p.policyName), ['AliyunRAMFullAccess', 'AliyunSLBFullAccess']);
      const none = await ram(emu, K.reader).listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'carol' }));
      assert.deepStrictEqual(none.body?.policies?.policy, []);
      await rejects(ram(emu, K.reader).listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'nobody' })), { code: 'EntityNotExist.User', statusCode: 404 });
      await rejects(ram(emu, K.carol).listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'carol' })), { code: 'NoPermission', statusCode: 403 });
    });
  });

  it('a seeded STS token of a seeded role takes the role\'s id', async () => {
    const seed = rolesSeed();
    seed.accounts[0].stsTokens = [{ accessKeyId: 'STS.NTokenOfAuditor0001', accessKeySecret: 'x-not-real', securityToken: 'tok-auditor', roleName: 'auditor' }];
    const own = await startEmulator({ seed });
    try {
      const who = await sts(own, { accessKeyId: 'STS.NTokenOfAuditor0001', accessKeySecret: 'x-not-real', securityToken: 'tok-auditor' }).getCallerIdentity();
      assert.strictEqual(who.body?.roleId, ROLE_IDS.auditor);
    } finally {
      await own.close();
    }
  });
});

describe('emulator: seed roles', () => {
  const withRoles = (roles: unknown[]): unknown => ({ accounts: [{ accountId: '1', users: [{ userName: 'u1', policies: ['AliyunRAMReadOnlyAccess'], accessKeys: [{ ...R.assumer }] }], roles }] });

  it('defaults: a stable numeric id, 3600 s, no description, the whole account trusted', async () => {
    const emu = await startEmulator({ seed: withRoles([{ roleName: 'plain' }]) as never });
    try {
      const role = (await ram(emu, R.assumer).getRole(new $Ram.GetRoleRequest({ roleName: 'plain' }))).body?.role;
      assert.match(role?.roleId ?? '', /^3\d{18}$/);
      assert.strictEqual(role?.maxSessionDuration, 3600);
      assert.strictEqual(role?.description, '');
      assert.deepStrictEqual(JSON.parse(role?.assumeRolePolicyDocument ?? '').Statement[0].Principal, { RAM: ['acs:ram::1:root'] });
    } finally {
      await emu.close();
    }
  });

  it('rejects bad roles with the JSON path; warns about trust naming unknown users or roles', () => {
    const cases: [unknown[], RegExp][] = [
      [[{}], /accounts\[0\]\.roles\[0\]\.roleName is required/],
      [[{ roleName: 'a b' }], /roles\[0\]\.roleName must be 1-64 characters/],
      [[{ roleName: 'r' }, { roleName: 'R' }], /roles\[1\]\.roleName "R" appears twice/],
      [[{ roleName: 'r', maxSessionDuration: 100 }], /roles\[0\]\.maxSessionDuration must be an integer from 3600 to 43200/],
      [[{ roleName: 'r', roleId: 'x' }], /roles\[0\]\.roleId must be a numeric string/],
      [[{ roleName: 'r', trust: { account: 'yes' } }], /roles\[0\]\.trust\.account must be true or false/],
      [[{ roleName: 'r', trust: { users: 'u1' } }], /roles\[0\]\.trust\.users must be an array/],
      [[{ roleName: 'r', trust: { externalId: 'x' } }], /roles\[0\]\.trust\.externalId must be 2-1224 characters/],
    ];
    for (const [roles, pattern] of cases) {
      assert.throws(() => validateSeed(withRoles(roles)), pattern);
    }
    const ok = validateSeed(withRoles([{ roleName: 'r', trust: { users: ['u1', 'ghost'], roles: ['nobody'] }, policies: ['AliyunSTSAssumeRoleAccess', 'Made-Up'] }]));
    assert.deepStrictEqual(
      ok.warnings.map((w) => w.replace(/ .*/, '')),
      ['accounts[0].roles[0].policies[1]', 'accounts[0].roles[0].trust.users[1]', 'accounts[0].roles[0].trust.roles[0]'],
    );
    assert.throws(() => validateSeed({ accounts: [{ accountId: '1', users: [{ userName: 'u', mfaActive: 'yes' }] }] }), /users\[0\]\.mfaActive must be true or false/);
    assert.throws(() => validateSeed({ accounts: [{ accountId: '1', users: [{ userName: 'u', lastLogon: 'yesterday' }] }] }), /users\[0\]\.lastLogon must be an ISO 8601/);
  });
});
