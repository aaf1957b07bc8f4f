import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import { RunningEmulator, SeedError, startEmulator, validateSeed } from './server';
import { ACCOUNT, Cred, OTHER_ACCOUNT, control, ram, rejects, slb, sts, testSeed, useEmulator } from './helpers';
import { SSO, assertPortalError, getJson, postJson, signIn, ssoSeed } from './cloudSsoFixtures';
import { sleep } from './util';

async function credentials(emu: RunningEmulator, token: string, accountId: string, acId: string): Promise<Cred & { expiration: string }> {
  const res = await postJson(emu, '/cloud-credentials', { AccountId: accountId, AccessConfigurationId: acId }, token);
  assert.strictEqual(res.status, 200, res.text);
  const c = res.json.CloudCredential as Record<string, string>;
  return { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken, expiration: c.Expiration };
}

/** Every page of a list, following NextToken; returns the pages' item ids. */
async function allPages(emu: RunningEmulator, token: string, path: string, key: string, id: string): Promise<string[][]> {
  const pages: string[][] = [];
  let next: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await getJson(emu, `${path}${sep}MaxResults=100${next ? `&NextToken=${encodeURIComponent(next)}` : ''}`, token);
    assert.strictEqual(res.status, 200, res.text);
    pages.push((res.json[key] as Record<string, string>[]).map((x) => x[id]));
    assert.strictEqual(res.json.IsTruncated, res.json.NextToken !== undefined);
    next = res.json.NextToken as string | undefined;
  } while (next);
  return pages;
}

describe('emulator: CloudSSO accounts, access configurations and credentials', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running), ssoSeed);

  describe('lists of the signed-in user', () => {
    it('accounts with DisplayName (default: the id), in pages of at most pageSize whatever MaxResults asks', async () => {
      const token = await signIn(emu, SSO.alice);
      const first = await getJson(emu, '/access-assignments/accounts?MaxResults=100', token);
      assert.deepStrictEqual(first.json.Accounts, [
        { AccountId: ACCOUNT, DisplayName: 'Main account' },
        { AccountId: OTHER_ACCOUNT, DisplayName: OTHER_ACCOUNT },
      ]);
      assert.strictEqual(first.json.IsTruncated, false);
      assert.strictEqual(first.json.NextToken, undefined);
      const one = await getJson(emu, '/access-assignments/accounts?MaxResults=1', token);
      assert.strictEqual(one.json.IsTruncated, true);
      const two = await getJson(emu, `/access-assignments/accounts?MaxResults=1&NextToken=${encodeURIComponent(String(one.json.NextToken))}`, token);
      assert.deepStrictEqual((two.json.Accounts as { AccountId: string }[]).map((a) => a.AccountId), [OTHER_ACCOUNT]);
      assert.strictEqual(two.json.IsTruncated, false);
    });

    it('access configurations of an account, paged (3 with pageSize 2 → 2 + 1); NextToken is bound to its list', async () => {
      const token = await signIn(emu, SSO.alice);
      const pages = await allPages(emu, token, `/access-assignments/access-configurations?AccountId=${ACCOUNT}`, 'AccessConfigurationsForAccount', 'AccessConfigurationId');
      assert.deepStrictEqual(pages, [['ac-slbread01', 'ac-ramread01'], ['ac-admin0001']]);
      const first = await getJson(emu, `/access-assignments/access-configurations?AccountId=${ACCOUNT}`, token);
      assert.deepStrictEqual((first.json.AccessConfigurationsForAccount as unknown[])[0], {
        AccessConfigurationId: 'ac-slbread01',
        AccessConfigurationName: 'SlbRead',
        AccessConfigurationDescription: 'Read load balancers',
      });
      const foreign = await getJson(emu, `/access-assignments/accounts?NextToken=${encodeURIComponent(String(first.json.NextToken))}`, token);
      assertPortalError(foreign, 400, 'InvalidParameter.NextToken');
      assertPortalError(await getJson(emu, `/access-assignments/accounts?NextToken=garbage`, token), 400, 'InvalidParameter.NextToken');
      for (const bad of ['0', '101', 'x']) {
        assertPortalError(await getJson(emu, `/access-assignments/accounts?MaxResults=${bad}`, token), 400, 'InvalidParameter.MaxResults');
      }
      assertPortalError(await getJson(emu, '/access-assignments/access-configurations', token), 400, 'InvalidParameter.AccountId');
    });

    it('an account the user is not assigned to → 403 AccessDenied, for the list and for credentials', async () => {
      const token = await signIn(emu, SSO.bob);
      const accounts = await getJson(emu, '/access-assignments/accounts', token);
      assert.deepStrictEqual((accounts.json.Accounts as { AccountId: string }[]).map((a) => a.AccountId), [ACCOUNT]);
      assertPortalError(await getJson(emu, `/access-assignments/access-configurations?AccountId=${OTHER_ACCOUNT}`, token), 403, 'AccessDenied', /not assigned/);
      assertPortalError(await postJson(emu, '/cloud-credentials', { AccountId: OTHER_ACCOUNT, AccessConfigurationId: 'ac-slbread01' }, token), 403, 'AccessDenied');
      // Assigned to the account, but not to that access configuration.
      assertPortalError(await postJson(emu, '/cloud-credentials', { AccountId: ACCOUNT, AccessConfigurationId: 'ac-admin0001' }, token), 403, 'AccessDenied');
      assertPortalError(await postJson(emu, '/cloud-credentials', { AccountId: ACCOUNT }, token), 400, 'InvalidParameter.AccessConfigurationId');
    });

    it('no, a malformed, an unknown or an expired bearer token → 401 AccessTokenInvalid', async () => {
      const token = await signIn(emu, SSO.bob);
      assertPortalError(await getJson(emu, '/access-assignments/accounts'), 401, 'AccessTokenInvalid', /missing/);
      assertPortalError(await getJson(emu, '/access-assignments/accounts', 'not-a-token'), 401, 'AccessTokenInvalid', /invalid/);
      const basic = await fetch(`http://${emu.endpoint}/access-assignments/accounts`, { headers: { authorization: 'Basic abc' } });
      assert.strictEqual(basic.status, 401);
      await control(emu, 'POST', 'clock', { offsetMs: 3600_000 });
      assertPortalError(await getJson(emu, '/access-assignments/accounts', token), 401, 'AccessTokenInvalid', /expired/);
      assertPortalError(await postJson(emu, '/cloud-credentials', { AccountId: ACCOUNT, AccessConfigurationId: 'ac-slbread01' }, token), 401, 'AccessTokenInvalid');
    });
  });

  describe('/cloud-credentials', () => {
    it('STS credentials of role AliyunReservedSSO-<name>, session = the user, expiring after sessionDuration, working with the real SDK', async () => {
      const token = await signIn(emu, SSO.alice);
      const before = Date.now();
      const cred = await credentials(emu, token, ACCOUNT, 'ac-slbread01');
      assert.match(cred.accessKeyId, /^STS\./);
      assert.match(cred.expiration, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const lifetime = Date.parse(cred.expiration) - before;
      assert.ok(lifetime > 890_000 && lifetime <= 901_000, String(lifetime));
      for (const signatureAlgorithm of [undefined, 'v2']) {
        const who = (await sts(emu, cred, { signatureAlgorithm }).getCallerIdentity()).body;
        assert.strictEqual(who?.identityType, 'AssumedRoleUser');
        assert.strictEqual(who?.accountId, ACCOUNT);
        assert.strictEqual(who?.arn, `acs:ram::${ACCOUNT}:assumed-role/AliyunReservedSSO-SlbRead/${SSO.alice.userName}`);
        assert.strictEqual(who?.principalId, `${who?.roleId}:${SSO.alice.userName}`);
      }
      const lbs = await slb(emu, cred, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou' });
      assert.ok(Number(lbs.TotalCount) > 0);
      // The access configuration's policies, nothing more.
      await rejects(ram(emu, cred).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission', statusCode: 403 });
      const admin = await credentials(emu, token, ACCOUNT, 'ac-admin0001');
      assert.ok(((await ram(emu, admin).listUsers(new $Ram.ListUsersRequest({}))).body?.users?.user ?? []).length > 0);
      assert.ok(Date.parse(admin.expiration) - before > 43_190_000);
      // Another account: the credentials act there.
      const other = await credentials(emu, token, OTHER_ACCOUNT, 'ac-slbread01');
      assert.strictEqual((await sts(emu, other).getCallerIdentity()).body?.accountId, OTHER_ACCOUNT);
    });

    it('are listed by /__emulator/secrets and /__emulator/state like AssumeRole\'s', async () => {
      const token = await signIn(emu, SSO.alice);
      const cred = await credentials(emu, token, ACCOUNT, 'ac-ramread01');
      const secrets = (await control<{ secrets: string[] }>(emu, 'GET', 'secrets')).json.secrets;
      assert.ok(secrets.includes(cred.accessKeySecret) && secrets.includes(cred.securityToken!));
      const state = await control<{ accounts: { accountId: string; stsTokens: { accessKeyId: string; roleName: string; roleSessionName: string }[] }[] }>(emu, 'GET', 'state');
      const issued = state.json.accounts.find((a) => a.accountId === ACCOUNT)?.stsTokens.find((t) => t.accessKeyId === cred.accessKeyId);
      assert.deepStrictEqual(issued && [issued.roleName, issued.roleSessionName], ['AliyunReservedSSO-RamRead', SSO.alice.userName]);
    });

    it('the sts-lifetime control shortens them: they work, then InvalidSecurityToken.Expired', async () => {
      const token = await signIn(emu, SSO.alice);
      // 2 s: Expiration is whole seconds, so 1 s could end a moment after it is issued.
      assert.strictEqual((await control(emu, 'POST', 'sts-lifetime', { seconds: 2 })).status, 200);
      const cred = await credentials(emu, token, ACCOUNT, 'ac-slbread01');
      assert.ok(Date.parse(cred.expiration) - Date.now() <= 2000);
      await sts(emu, cred).getCallerIdentity();
      await sleep(Math.max(0, Date.parse(cred.expiration) - Date.now()) + 50);
      await rejects(sts(emu, cred).getCallerIdentity(), { code: 'InvalidSecurityToken.Expired', statusCode: 400 });
      await rejects(slb(emu, cred, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou' }), { code: 'InvalidSecurityToken.Expired' });
    });
  });

  it('with --port-per-product the portal is on the first (RAM) port only', async () => {
    const split = await startEmulator({ seed: ssoSeed(), portPerProduct: true });
    try {
      assert.strictEqual(split.signInUrl, `http://${split.endpoints.ram}/start/login`);
      // The STS port has no portal: an RPC error (XML, as nothing asked for JSON), not a portal answer.
      const onSts = await fetch(`http://${split.endpoints.sts}/device-authorization`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.match(await onSts.text(), /<Code>MissingAction<\/Code>/);
      const token = await signIn(split, SSO.alice);
      const cred = await credentials(split, token, ACCOUNT, 'ac-slbread01');
      const who = await sts({ ...split, endpoint: split.endpoints.sts }, cred).getCallerIdentity();
      assert.strictEqual(who.body?.identityType, 'AssumedRoleUser');
    } finally {
      await split.close();
    }
  });

  it('the demo seed: alice@demo.example signs in, pages through two accounts one by one, and reads the staging account', async () => {
    const demo = await startEmulator();
    try {
      const token = await signIn(demo, { userName: 'alice@demo.example', password: 'demo-password-alice-not-real' }, 'app-vaz16tltdxs96audqf35');
      const accounts = await allPages(demo, token, '/access-assignments/accounts', 'Accounts', 'AccountId');
      assert.deepStrictEqual(accounts, [['1234567890123456'], ['5678901234567890']]);
      const configs = await allPages(demo, token, '/access-assignments/access-configurations?AccountId=1234567890123456', 'AccessConfigurationsForAccount', 'AccessConfigurationId');
      assert.deepStrictEqual(configs, [['ac-demoreadonly01'], ['ac-demoadmin00001']]);
      const cred = await credentials(demo, token, '5678901234567890', 'ac-demoreadonly01');
      const lbs = await slb(demo, cred, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou' });
      assert.strictEqual(lbs.TotalCount, 3);
      const carol = await signIn(demo, { userName: 'carol@demo.example', password: 'demo-password-carol-not-real' }, 'app-vaz16tltdxs96audqf35');
      assert.deepStrictEqual((await getJson(demo, '/access-assignments/accounts', carol)).json.Accounts, []);
    } finally {
      await demo.close();
    }
  });

  describe('seed checks', () => {
    const problem = (mutate: (s: ReturnType<typeof ssoSeed>) => void): string => {
      const seed = ssoSeed();
      mutate(seed);
      try {
        validateSeed(seed, 'seed X');
      } catch (e) {
        assert.ok(e instanceof SeedError, String(e));
        return e.message;
      }
      return assert.fail('the seed was accepted');
    };

    it('names the JSON path: unknown account or access configuration, duplicates, ranges, required fields', () => {
      assert.match(problem((s) => (s.cloudSso!.users![0].assignments![1].accountId = '9999')), /cloudSso\.users\[0\]\.assignments\[1\]\.accountId "9999" is not an account of this seed/);
      assert.match(problem((s) => s.cloudSso!.users![1].assignments![0].accessConfigurations.push('ac-nope')), /cloudSso\.users\[1\]\.assignments\[0\]\.accessConfigurations\[1\] "ac-nope"/);
      assert.match(problem((s) => (s.cloudSso!.users![1].userName = SSO.alice.userName.toUpperCase())), /cloudSso\.users\[1\]\.userName .* appears twice/);
      assert.match(problem((s) => delete (s.cloudSso!.users![0] as { password?: string }).password), /cloudSso\.users\[0\]\.password is required/);
      assert.match(problem((s) => (s.cloudSso!.accessConfigurations![1].id = 'ac-slbread01')), /cloudSso\.accessConfigurations\[1\]\.id "ac-slbread01" appears twice/);
      assert.match(problem((s) => (s.cloudSso!.accessConfigurations![0].name = 'Read Only')), /cloudSso\.accessConfigurations\[0\]\.name must be 1-32/);
      assert.match(problem((s) => (s.cloudSso!.accessConfigurations![0].sessionDuration = 60)), /cloudSso\.accessConfigurations\[0\]\.sessionDuration must be an integer from 900 to 43200/);
      assert.match(problem((s) => (s.cloudSso!.pageSize = 0)), /cloudSso\.pageSize must be an integer from 1 to 100/);
      assert.match(problem((s) => (s.cloudSso!.accountDisplayNames = { '42': 'x' })), /cloudSso\.accountDisplayNames\.42 "42" is not an account/);
      assert.match(problem((s) => (s.cloudSso!.users![0].assignments![0].accessConfigurations = [])), /must name at least one access configuration/);
    });

    it('unknown fields and policy names are warnings; without cloudSso nothing changes', () => {
      const seed = ssoSeed() as unknown as { cloudSso: Record<string, unknown> & { accessConfigurations: { policies: string[] }[] } };
      seed.cloudSso.region = 'cn-shanghai';
      seed.cloudSso.accessConfigurations[0].policies = ['AliyunECSFullAccess'];
      const v = validateSeed(seed, 'seed X');
      assert.deepStrictEqual(v.warnings.map((w) => w.replace(/ .*/, '')), ['cloudSso.region', 'cloudSso.accessConfigurations[0].policies[0]']);
      assert.strictEqual(validateSeed(testSeed()).seed.cloudSso, undefined);
    });
  });
});
