import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as $Ram from '@alicloud/ram20150501';
import { SeedError, SeedFile, StateSnapshot, loadSeedFile, startEmulator, validateSeed } from './server';
import { control, ram, rejects, slb, sts } from './helpers';

const minimal = (): SeedFile => ({
  accounts: [
    {
      accountId: '3000000000000003',
      rootAccessKeys: [{ accessKeyId: 'LTAI5tMinRoot00000000001', accessKeySecret: 'min-secret-root' }],
      users: [{ userName: 'solo', accessKeys: [{ accessKeyId: 'LTAI5tMinSolo00000000001', accessKeySecret: 'min-secret-solo' }] }],
      loadBalancers: [{ regionId: 'cn-shanghai', loadBalancerId: 'lb-ufmin0000000000001' }],
    },
  ],
});

function problem(raw: unknown): string {
  try {
    validateSeed(raw, 'seed X');
  } catch (e) {
    assert.ok(e instanceof SeedError, String(e));
    return e.message;
  }
  assert.fail('the seed was accepted');
}

describe('emulator: seed file', () => {
  describe('defaults for omitted fields', () => {
    it('keys are Active and never used; users get a numeric id and display name; LBs get sensible values', async () => {
      const emu = await startEmulator({ seed: minimal() });
      try {
        const root = { accessKeyId: 'LTAI5tMinRoot00000000001', accessKeySecret: 'min-secret-root' };
        const users = (await ram(emu, root).listUsers(new $Ram.ListUsersRequest({}))).body?.users?.user ?? [];
        assert.strictEqual(users.length, 1);
        assert.match(users[0].userId ?? '', /^\d{16}$/);
        assert.strictEqual(users[0].displayName, 'solo');
        const keys = await ram(emu, root).listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'solo' }));
        assert.strictEqual(keys.body?.accessKeys?.accessKey?.[0]?.status, 'Active');
        const last = await ram(emu, root).getAccessKeyLastUsed(
          new $Ram.GetAccessKeyLastUsedRequest({ userName: 'solo', userAccessKeyId: 'LTAI5tMinSolo00000000001' }),
        );
        assert.strictEqual(last.body?.accessKeyLastUsed?.lastUsedDate, undefined);
        const lb = (await slb(emu, root, 'DescribeLoadBalancers', { RegionId: 'cn-shanghai' })) as {
          LoadBalancers: { LoadBalancer: Record<string, unknown>[] };
        };
        const one = lb.LoadBalancers.LoadBalancer[0];
        assert.strictEqual(one.LoadBalancerStatus, 'active');
        assert.strictEqual(one.AddressType, 'internet');
        assert.strictEqual(one.NetworkType, 'vpc');
        assert.strictEqual(one.LoadBalancerName, 'auto_named_slb');
        assert.match(String(one.Address), /^47\.\d+\.\d+\.\d+$/);
        assert.match(String(one.VpcId), /^vpc-/);
        // The same defaults after a reset.
        await control(emu, 'POST', 'reset');
        const again = (await ram(emu, root).listUsers(new $Ram.ListUsersRequest({}))).body?.users?.user ?? [];
        assert.strictEqual(again[0].userId, users[0].userId);
      } finally {
        await emu.close();
      }
    });
  });

  describe('validation', () => {
    it('rejects bad documents with the path of the problem', () => {
      assert.match(problem([]), /must be a JSON object/);
      assert.match(problem({}), /"accounts" must be an array/);
      assert.match(problem({ accounts: [] }), /at least one account/);
      const m = minimal();
      delete (m.accounts[0].users?.[0].accessKeys?.[0] as { accessKeySecret?: string }).accessKeySecret;
      assert.match(problem(m), /^invalid seed seed X: accounts\[0\]\.users\[0\]\.accessKeys\[0\]\.accessKeySecret is required$/);
      assert.match(problem({ accounts: [{ accountId: 'abc' }] }), /accounts\[0\]\.accountId must be a numeric string/);
      const dupKey = minimal();
      dupKey.accounts.push({ accountId: '4000000000000004', rootAccessKeys: [{ accessKeyId: 'LTAI5tMinSolo00000000001', accessKeySecret: 's' }] });
      assert.match(problem(dupKey), /accounts\[1\]\.rootAccessKeys\[0\] "LTAI5tMinSolo00000000001" is already used by accounts\[0\]\.users\[0\]\.accessKeys\[0\]/);
      const badStatus = minimal() as unknown as { accounts: { rootAccessKeys: { status: string }[] }[] };
      badStatus.accounts[0].rootAccessKeys[0].status = 'Enabled';
      assert.match(problem(badStatus), /rootAccessKeys\[0\]\.status must be one of "Active", "Inactive"/);
      const badDate = minimal();
      badDate.accounts[0].users![0].createDate = 'yesterday';
      assert.match(problem(badDate), /users\[0\]\.createDate must be an ISO 8601 date-time/);
      const noRegion = minimal() as unknown as { accounts: { loadBalancers: { regionId?: string }[] }[] };
      delete noRegion.accounts[0].loadBalancers[0].regionId;
      assert.match(problem(noRegion), /loadBalancers\[0\]\.regionId is required/);
      const threeKeys = minimal();
      threeKeys.accounts[0].users![0].accessKeys = ['1', '2', '3'].map((n) => ({ accessKeyId: `LTAI5tThree0000000000000${n}`, accessKeySecret: 's' }));
      assert.match(problem(threeKeys), /at most 2/);
      const stsBad = minimal();
      stsBad.accounts[0].stsTokens = [{ accessKeyId: 'LTAInotSts', accessKeySecret: 's', securityToken: 't', roleName: 'r' }];
      assert.match(problem(stsBad), /stsTokens\[0\]\.accessKeyId must start with "STS\."/);
      const dupUser = minimal();
      dupUser.accounts[0].users!.push({ userName: 'SOLO' });
      assert.match(problem(dupUser), /users\[1\]\.userName "SOLO" appears twice/);
    });

    it('warns (does not fail) about unknown fields and unknown policy names', () => {
      const raw = minimal() as unknown as { accounts: Record<string, unknown>[] };
      raw.accounts[0].note = 'hello';
      (raw.accounts[0].users as Record<string, unknown>[])[0].policies = ['AliyunECSFullAccess'];
      const v = validateSeed(raw);
      assert.strictEqual(v.warnings.length, 2);
      assert.match(v.warnings[0], /accounts\[0\]\.note is not a known field/);
      assert.match(v.warnings[1], /AliyunECSFullAccess/);
    });

    it('loadSeedFile names the file for missing files and bad JSON', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-seed-'));
      try {
        const missing = path.join(dir, 'missing.json');
        assert.throws(() => loadSeedFile(missing), (e: Error) => e instanceof SeedError && e.message.includes(missing) && /does not exist/.test(e.message));
        const bad = path.join(dir, 'bad.json');
        fs.writeFileSync(bad, '{"accounts": [');
        assert.throws(() => loadSeedFile(bad), (e: Error) => e.message.includes(bad) && /is not valid JSON/.test(e.message));
        const good = path.join(dir, 'good.json');
        fs.writeFileSync(good, `\uFEFF${JSON.stringify(minimal())}`);
        assert.strictEqual(loadSeedFile(good).seed.accounts[0].accountId, '3000000000000003');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('startEmulator rejects a bad seed with a SeedError', async () => {
      await assert.rejects(startEmulator({ seed: { accounts: [{ accountId: '1' }, { accountId: '1' }] } }), /accounts\[1\]\.accountId "1" appears twice/);
    });
  });

  describe('the built-in demo data', () => {
    it('has the documented users, policies, keys and load balancers, and fake secrets', async () => {
      const emu = await startEmulator();
      try {
        const state = (await control<StateSnapshot>(emu, 'GET', 'state')).json;
        // The main account, and a small second one that CloudSSO's demo users are assigned to.
        assert.deepStrictEqual(state.accounts.map((a) => a.accountId), ['1234567890123456', '5678901234567890']);
        const users = new Map(state.accounts[0].users.map((u) => [u.userName, u]));
        assert.deepStrictEqual(users.get('alice')?.policies, ['AliyunRAMFullAccess', 'AliyunSLBFullAccess', 'AliyunSTSAssumeRoleAccess']);
        assert.deepStrictEqual(users.get('bob')?.policies, ['AliyunSLBReadOnlyAccess']);
        assert.deepStrictEqual(users.get('carol')?.policies, []);
        assert.deepStrictEqual(users.get('dave')?.accessKeys.map((k) => k.status), ['Active', 'Inactive']);
        const byRegion = state.accounts[0].loadBalancers.byRegion;
        assert.ok(Object.keys(byRegion).length >= 5);
        assert.ok(Object.values(byRegion).some((n) => n >= 120), JSON.stringify(byRegion));
        assert.ok(Object.keys(byRegion).some((r) => r === 'cn-hangzhou') && Object.keys(byRegion).some((r) => r === 'eu-central-1'));

        const demo = JSON.parse(fs.readFileSync(path.join(__dirname, 'demo-seed.json'), 'utf8')) as SeedFile;
        const secrets = demo.accounts.flatMap((a) => [
          ...(a.rootAccessKeys ?? []),
          ...(a.users ?? []).flatMap((u) => u.accessKeys ?? []),
          ...(a.stsTokens ?? []),
        ]);
        assert.ok(secrets.length >= 8);
        for (const s of secrets) {
          assert.match(s.accessKeySecret, /not-real/, s.accessKeyId);
        }

        const alice = { accessKeyId: 'LTAI5tDemoAliceKey000001', accessKeySecret: 'demo-secret-alice-not-real-0001' };
        assert.strictEqual((await sts(emu, alice).getCallerIdentity()).body?.arn, 'acs:ram::1234567890123456:user/alice');
        const bob = { accessKeyId: 'LTAI5tDemoBobKey00000001', accessKeySecret: 'demo-secret-bob-not-real-0001' };
        await rejects(ram(emu, bob).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission' });
        const page = (await slb(emu, bob, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou', PageSize: 100 })) as { TotalCount: number };
        assert.ok(page.TotalCount >= 120);
      } finally {
        await emu.close();
      }
    });
  });
});
