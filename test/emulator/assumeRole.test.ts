import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import * as $Sts from '@alicloud/sts20150401';
import { RunningEmulator, startEmulator } from './server';
import { ACCOUNT, Cred, K, OTHER_ACCOUNT, UUID_UPPER, assertErrorBody, control, ram, rejects, slb, sts, useEmulator } from './helpers';
import { R, ROLE_IDS, arnOf, rolesSeed } from './roleFixtures';

const RAM_DENIED = 'You are not authorized to do this action. You should be authorized by RAM.';

type AssumeExtra = Partial<Pick<$Sts.AssumeRoleRequest, 'durationSeconds' | 'policy' | 'externalId' | 'roleArn' | 'roleSessionName' | 'sourceIdentity'>>;

describe('emulator: STS AssumeRole', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running), rolesSeed);

  const assume = (cred: Cred, roleName: string, extra: AssumeExtra = {}, signatureAlgorithm?: string) =>
    sts(emu, cred, { signatureAlgorithm }).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arnOf(roleName), roleSessionName: 'session-1', ...extra }));
  const credsOf = async (cred: Cred, roleName: string, extra: AssumeExtra = {}): Promise<Cred> => {
    const c = (await assume(cred, roleName, extra)).body?.credentials;
    return { accessKeyId: c?.accessKeyId ?? '', accessKeySecret: c?.accessKeySecret ?? '', securityToken: c?.securityToken };
  };
  const denied = async (p: Promise<unknown>): Promise<void> => {
    const e = await rejects(p, { code: 'NoPermission', statusCode: 403 });
    assert.strictEqual(e.data?.Message, RAM_DENIED);
    assertErrorBody(e, 'NoPermission');
  };

  describe('success', () => {
    it('returns STS. credentials expiring after DurationSeconds (default 3600) and the assumed-role identity', async () => {
      const before = Date.now();
      const res = await assume(R.assumer, 'Deployer');
      const body = res.body!;
      assert.match(body.requestId ?? '', UUID_UPPER);
      assert.match(body.credentials?.accessKeyId ?? '', /^STS\.[A-Za-z0-9]{20,}$/);
      assert.ok((body.credentials?.accessKeySecret ?? '').length >= 30);
      assert.ok((body.credentials?.securityToken ?? '').length > 100);
      assert.match(body.credentials?.expiration ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const expiresIn = Date.parse(body.credentials?.expiration ?? '') - before;
      assert.ok(expiresIn > 3590_000 && expiresIn <= 3601_000, String(expiresIn));
      assert.strictEqual(body.assumedRoleUser?.arn, `acs:ram::${ACCOUNT}:assumed-role/Deployer/session-1`);
      assert.strictEqual(body.assumedRoleUser?.assumedRoleId, `${ROLE_IDS.Deployer}:session-1`);

      const long = await assume(R.assumer, 'auditor', { durationSeconds: 7200 });
      const longIn = Date.parse(long.body?.credentials?.expiration ?? '') - Date.now();
      assert.ok(longIn > 7190_000 && longIn <= 7201_000, String(longIn));
    });

    it('the credentials work with both signature schemes; GetCallerIdentity says AssumedRoleUser', async () => {
      for (const signatureAlgorithm of [undefined, 'v2']) {
        const cred = await credsOf(R.assumer, 'auditor');
        const who = (await sts(emu, cred, { signatureAlgorithm }).getCallerIdentity()).body;
        assert.strictEqual(who?.identityType, 'AssumedRoleUser');
        assert.strictEqual(who?.accountId, ACCOUNT);
        assert.strictEqual(who?.roleId, ROLE_IDS.auditor);
        assert.strictEqual(who?.principalId, `${ROLE_IDS.auditor}:session-1`);
        assert.strictEqual(who?.arn, `acs:ram::${ACCOUNT}:assumed-role/auditor/session-1`);
        const users = await ram(emu, cred, { signatureAlgorithm }).listUsers(new $Ram.ListUsersRequest({}));
        assert.ok((users.body?.users?.user ?? []).length > 0);
        const lbs = await slb(emu, cred, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou' }, { signatureAlgorithm });
        assert.strictEqual(typeof lbs.TotalCount, 'number');
      }
    });

    it('the role name in RoleArn may be in any case; SourceIdentity is echoed', async () => {
      const res = await assume(R.assumer, 'Deployer', { roleArn: `acs:ram::${ACCOUNT}:role/DEPLOYER`, sourceIdentity: 'alice' });
      assert.strictEqual(res.body?.assumedRoleUser?.arn, `acs:ram::${ACCOUNT}:assumed-role/Deployer/session-1`);
      assert.strictEqual(res.body?.sourceIdentity, 'alice');
    });

    it('a trust of the whole account lets any user with sts:AssumeRole in; AdministratorAccess includes sts:AssumeRole', async () => {
      await assume(R.stranger, 'auditor');
      await assume(R.boss, 'auditor');
    });
  });

  describe('refusals', () => {
    it('root → 403 NoPermission "Roles may not be assumed by root accounts."', async () => {
      const e = await rejects(assume(K.root, 'auditor'), { code: 'NoPermission', statusCode: 403 });
      assert.strictEqual(e.data?.Message, 'Roles may not be assumed by root accounts.');
    });

    it('a caller without sts:AssumeRole → 403 NoPermission with AccessDeniedDetail', async () => {
      const e = await rejects(assume(K.bob, 'auditor'), { code: 'NoPermission', statusCode: 403 });
      assert.strictEqual(e.data?.Message, RAM_DENIED);
      assert.strictEqual(e.accessDeniedDetail?.AuthAction, 'sts:AssumeRole');
      assert.strictEqual(e.accessDeniedDetail?.AuthPrincipalType, 'SubUser');
      await denied(assume(K.carol, 'auditor'));
    });

    it('a trust that does not name the caller → the same NoPermission', async () => {
      await denied(assume(R.stranger, 'Deployer'));
      await denied(assume(R.boss, 'broker'));
      // Another account's role: its trust of "the account" is of its own account.
      await denied(assume(R.assumer, 'foreign', { roleArn: arnOf('foreign', OTHER_ACCOUNT) }));
    });

    it('external id: missing or wrong → the same NoPermission; right → credentials', async () => {
      await denied(assume(R.assumer, 'partner'));
      await denied(assume(R.assumer, 'partner', { externalId: 'ext-id-999' }));
      const ok = await assume(R.assumer, 'partner', { externalId: 'ext-id-123' });
      assert.match(ok.body?.credentials?.accessKeyId ?? '', /^STS\./);
      // A role without the condition does not mind one.
      await assume(R.assumer, 'Deployer', { externalId: 'anything-else' });
    });

    it('no such role → 404 EntityNotExist.Role', async () => {
      const e = await rejects(assume(R.assumer, 'nope'), { code: 'EntityNotExist.Role', statusCode: 404 });
      assertErrorBody(e, 'EntityNotExist.Role');
      await rejects(assume(R.assumer, 'auditor', { roleArn: arnOf('auditor', '9999999999999999') }), { code: 'EntityNotExist.Role', statusCode: 404 });
    });

    it('InvalidParameter.RoleArn / RoleSessionName / DurationSeconds (400)', async () => {
      for (const roleArn of ['arn:aws:iam::123:role/x', `acs:ram::abc:role/auditor`, `acs:ram::${ACCOUNT}:user/alice`]) {
        await rejects(assume(R.assumer, 'auditor', { roleArn }), { code: 'InvalidParameter.RoleArn', statusCode: 400 });
      }
      for (const roleSessionName of ['a', 'bad name!', 'x'.repeat(65)]) {
        await rejects(assume(R.assumer, 'auditor', { roleSessionName }), { code: 'InvalidParameter.RoleSessionName', statusCode: 400 });
      }
      await assume(R.assumer, 'auditor', { roleSessionName: 'ok.name@x_y-z' });
      for (const durationSeconds of [899, 7201, 43201]) {
        await rejects(assume(R.assumer, 'auditor', { durationSeconds }), { code: 'InvalidParameter.DurationSeconds', statusCode: 400 });
      }
      await rejects(assume(R.assumer, 'Deployer', { durationSeconds: 3601 }), { code: 'InvalidParameter.DurationSeconds', statusCode: 400 });
      await assume(R.assumer, 'admin', { durationSeconds: 43200 });
      await assume(R.assumer, 'Deployer', { durationSeconds: 900 });
    });

    it('a session policy that is not a policy → 400 InvalidParameter.PolicyGrammar; over 1024 bytes → PolicySize', async () => {
      const bad = [
        'not json',
        '{"Version":"1"}',
        '{"Version":"1","Statement":[]}',
        '{"Version":"2","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
        '{"Version":"1","Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}',
        '{"Version":"1","Statement":[{"Effect":"Allow","Action":"slb DescribeRegions","Resource":"*"}]}',
        '{"Version":"1","Statement":[{"Effect":"Allow","Action":"slb:*"}]}',
      ];
      for (const policy of bad) {
        await rejects(assume(R.assumer, 'auditor', { policy }), { code: 'InvalidParameter.PolicyGrammar', statusCode: 400 });
      }
      const huge = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 80 }, (_, i) => `slb:Describe${i}`), Resource: '*' }] });
      await rejects(assume(R.assumer, 'auditor', { policy: huge }), { code: 'InvalidParameter.PolicySize', statusCode: 400 });
    });

    it('RoleArn and RoleSessionName are required (400 Missing…)', async () => {
      const client = sts(emu, R.assumer);
      await rejects(client.assumeRole(new $Sts.AssumeRoleRequest({ roleSessionName: 's' })), { code: 'MissingRoleArn', statusCode: 400 });
      await rejects(client.assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arnOf('auditor') })), { code: 'MissingRoleSessionName', statusCode: 400 });
    });
  });

  describe('what the credentials may do', () => {
    it('the role\'s policies: SLB full but no RAM → RAM answers NoPermission for the AssumedRoleUser', async () => {
      const cred = await credsOf(R.assumer, 'Deployer');
      await slb(emu, cred, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou' });
      const e = await rejects(ram(emu, cred).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission', statusCode: 403 });
      assert.strictEqual(e.accessDeniedDetail?.AuthPrincipalType, 'AssumedRoleUser');
      assert.strictEqual(e.accessDeniedDetail?.AuthPrincipalDisplayName, 'Deployer:session-1');
      assert.strictEqual(e.accessDeniedDetail?.AuthAction, 'ram:ListUsers');
    });

    it('a session policy narrows them (intersection): slb:Describe* allowed, RAM refused as SessionPolicy', async () => {
      const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['slb:Describe*'], Resource: ['*'] }] });
      const cred = await credsOf(R.assumer, 'auditor', { policy });
      await slb(emu, cred, 'DescribeRegions');
      const e = await rejects(ram(emu, cred).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission', statusCode: 403 });
      assert.strictEqual(e.accessDeniedDetail?.PolicyType, 'SessionPolicy');
      assert.strictEqual(e.accessDeniedDetail?.NoPermissionType, 'ImplicitDeny');
    });

    it('a session policy cannot add what the role lacks; Deny wins; named resources and conditions do not apply', async () => {
      const allowAll = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
      const deployer = await credsOf(R.assumer, 'Deployer', { policy: allowAll });
      await rejects(ram(emu, deployer).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission', statusCode: 403 });

      const denyRam = JSON.stringify({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: 'acs:*:*:*:*' },
          { Effect: 'Deny', Action: 'ram:List*', Resource: '*' },
        ],
      });
      const auditor = await credsOf(R.assumer, 'auditor', { policy: denyRam });
      const e = await rejects(ram(emu, auditor).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission', statusCode: 403 });
      assert.strictEqual(e.accessDeniedDetail?.NoPermissionType, 'ExplicitDeny');
      await ram(emu, auditor).getUser(new $Ram.GetUserRequest({ userName: 'bob' }));

      const narrow = JSON.stringify({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: 'slb:*', Resource: 'acs:slb:*:*:loadbalancer/lb-x' },
          { Effect: 'Allow', Action: 'ram:*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } },
        ],
      });
      const limited = await credsOf(R.assumer, 'auditor', { policy: narrow });
      await rejects(slb(emu, limited, 'DescribeRegions'), { code: 'Forbidden.RAM', statusCode: 403 });
      await rejects(ram(emu, limited).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission', statusCode: 403 });
    });

    it('role chaining: a role allowed sts:AssumeRole and named by the target\'s trust may assume it', async () => {
      const broker = await credsOf(R.assumer, 'broker');
      const chained = await sts(emu, broker).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arnOf('chained'), roleSessionName: 'hop-2' }));
      const cred: Cred = {
        accessKeyId: chained.body?.credentials?.accessKeyId ?? '',
        accessKeySecret: chained.body?.credentials?.accessKeySecret ?? '',
        securityToken: chained.body?.credentials?.securityToken,
      };
      const who = (await sts(emu, cred).getCallerIdentity()).body;
      assert.strictEqual(who?.arn, `acs:ram::${ACCOUNT}:assumed-role/chained/hop-2`);
      assert.strictEqual(who?.principalId, `${ROLE_IDS.chained}:hop-2`);
      await ram(emu, cred).listUsers(new $Ram.ListUsersRequest({}));

      // AdministratorAccess includes sts:AssumeRole for a role too.
      const admin = await credsOf(R.assumer, 'admin');
      await sts(emu, admin).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arnOf('chained'), roleSessionName: 'hop-2' }));
      // A role without sts:AssumeRole may not; nor one the target's trust does not name.
      const e = await rejects(sts(emu, await credsOf(R.assumer, 'Deployer')).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arnOf('chained'), roleSessionName: 'x1' })), {
        code: 'NoPermission',
        statusCode: 403,
      });
      assert.strictEqual(e.accessDeniedDetail?.AuthPrincipalType, 'AssumedRoleUser');
      await denied(sts(emu, broker).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arnOf('Deployer'), roleSessionName: 'x2' })));
      // A session policy without sts:AssumeRole stops the chain.
      const noHop = await credsOf(R.assumer, 'broker', { policy: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'slb:*', Resource: '*' }] }) });
      await denied(sts(emu, noHop).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arnOf('chained'), roleSessionName: 'x3' })));
    });
  });

  describe('expiry, control and secrets', () => {
    it('POST /__emulator/sts-lifetime makes new credentials expire in seconds → InvalidSecurityToken.Expired (400); DELETE restores', async () => {
      assert.deepStrictEqual((await control(emu, 'GET', 'sts-lifetime')).json, { seconds: null });
      assert.deepStrictEqual((await control(emu, 'POST', 'sts-lifetime', { seconds: 2 })).json, { seconds: 2 });
      assert.strictEqual((await control(emu, 'POST', 'sts-lifetime', { seconds: 0 })).status, 400);
      const res = await assume(R.assumer, 'auditor');
      const expiration = Date.parse(res.body?.credentials?.expiration ?? '');
      assert.ok(expiration - Date.now() <= 2000 && expiration - Date.now() > 0, res.body?.credentials?.expiration);
      const cred: Cred = {
        accessKeyId: res.body?.credentials?.accessKeyId ?? '',
        accessKeySecret: res.body?.credentials?.accessKeySecret ?? '',
        securityToken: res.body?.credentials?.securityToken,
      };
      await sts(emu, cred).getCallerIdentity();
      await new Promise((r) => setTimeout(r, expiration - Date.now() + 50));
      const e = await rejects(sts(emu, cred).getCallerIdentity(), { code: 'InvalidSecurityToken.Expired', statusCode: 400 });
      assertErrorBody(e, 'InvalidSecurityToken.Expired');
      await rejects(slb(emu, cred, 'DescribeRegions'), { code: 'InvalidSecurityToken.Expired', statusCode: 400 });
      await rejects(ram(emu, cred).listUsers(new $Ram.ListUsersRequest({})), { code: 'InvalidSecurityToken.Expired', statusCode: 400 });

      assert.deepStrictEqual((await control(emu, 'DELETE', 'sts-lifetime')).json, { seconds: null });
      const later = await assume(R.assumer, 'auditor');
      assert.ok(Date.parse(later.body?.credentials?.expiration ?? '') - Date.now() > 3500_000);
    });

    it('reset forgets issued credentials and the lifetime; the state lists roles and issued tokens without secrets', async () => {
      await control(emu, 'POST', 'sts-lifetime', { seconds: 30 });
      const cred = await credsOf(R.assumer, 'auditor');
      const state = (await control<{ accounts: { stsTokens: { accessKeyId: string; roleName: string }[]; roles: { roleName: string; arn: string; trust: { externalId: string | null } }[] }[] }>(emu, 'GET', 'state')).json;
      assert.ok(state.accounts[0].stsTokens.some((t) => t.accessKeyId === cred.accessKeyId && t.roleName === 'auditor'));
      assert.deepStrictEqual(state.accounts[0].roles.map((r) => r.roleName), ['Deployer', 'auditor', 'partner', 'broker', 'chained', 'admin']);
      assert.strictEqual(state.accounts[0].roles[0].arn, arnOf('Deployer'));
      assert.strictEqual(state.accounts[0].roles[2].trust.externalId, 'ext-id-123');
      assert.ok(!JSON.stringify(state).includes(cred.accessKeySecret) && !JSON.stringify(state).includes(cred.securityToken ?? '-'));
      await control(emu, 'POST', 'reset');
      assert.deepStrictEqual((await control(emu, 'GET', 'sts-lifetime')).json, { seconds: null });
      await rejects(sts(emu, cred).getCallerIdentity(), { code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
    });
  });

  it('GET /__emulator/secrets lists every issued secret and token; the request log never shows them', async () => {
    const lines: string[] = [];
    const own = await startEmulator({ seed: rolesSeed(), log: (l) => lines.push(l) });
    try {
      const issued = await sts(own, R.assumer).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arnOf('auditor'), roleSessionName: 'scan' }));
      const c = issued.body?.credentials;
      const cred: Cred = { accessKeyId: c?.accessKeyId ?? '', accessKeySecret: c?.accessKeySecret ?? '', securityToken: c?.securityToken };
      await sts(own, cred).getCallerIdentity();
      await control(own, 'POST', 'reset');
      const secrets = (await control<{ secrets: string[] }>(own, 'GET', 'secrets')).json.secrets;
      assert.ok(secrets.includes(cred.accessKeySecret) && secrets.includes(cred.securityToken ?? '-'), 'issued secret and token listed, after reset too');
      const log = JSON.stringify((await control(own, 'GET', 'requests')).json) + lines.join('\n');
      for (const s of [cred.accessKeySecret, cred.securityToken ?? '-', cred.accessKeyId]) {
        assert.ok(!log.includes(s), 'nothing but masked ids in the log');
      }
      assert.ok(lines.some((l) => l.includes(`STS ${'GetCallerIdentity'} STS.****${cred.accessKeyId.slice(-4)} 200 OK`)), lines.join('\n'));
    } finally {
      await own.close();
    }
  });
});

describe('emulator: the demo roles', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  const demo = {
    alice: { accessKeyId: 'LTAI5tDemoAliceKey000001', accessKeySecret: 'demo-secret-alice-not-real-0001' },
    bob: { accessKeyId: 'LTAI5tDemoBobKey00000001', accessKeySecret: 'demo-secret-bob-not-real-0001' },
    erin: { accessKeyId: 'LTAI5tDemoErinKey0000001', accessKeySecret: 'demo-secret-erin-not-real-0001' },
    frank: { accessKeyId: 'LTAI5tDemoFrankKey000001', accessKeySecret: 'demo-secret-frank-not-real-0001' },
  };
  const arn = (name: string) => `acs:ram::1234567890123456:role/${name.toLowerCase()}`;
  const assume = (cred: Cred, role: string, extra: AssumeExtra = {}) =>
    sts(emu, cred).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arn(role), roleSessionName: 'demo', ...extra }));

  it('alice → deployer, broker → prod-operator; frank → partner-readonly with its external id; erin → auditor; bob is refused', async () => {
    await assume(demo.alice, 'deployer');
    const broker = (await assume(demo.alice, 'broker')).body?.credentials;
    const hop = await sts(emu, { accessKeyId: broker?.accessKeyId ?? '', accessKeySecret: broker?.accessKeySecret ?? '', securityToken: broker?.securityToken }).assumeRole(
      new $Sts.AssumeRoleRequest({ roleArn: arn('prod-operator'), roleSessionName: 'chain' }),
    );
    assert.match(hop.body?.assumedRoleUser?.arn ?? '', /:assumed-role\/prod-operator\/chain$/);
    await rejects(assume(demo.frank, 'partner-readonly'), { code: 'NoPermission', statusCode: 403 });
    await assume(demo.frank, 'partner-readonly', { externalId: 'demo-external-id-0001' });
    await rejects(assume(demo.frank, 'deployer'), { code: 'NoPermission', statusCode: 403 });
    await assume(demo.erin, 'auditor', { durationSeconds: 7200 });
    await rejects(assume(demo.bob, 'auditor'), { code: 'NoPermission', statusCode: 403 });
    await rejects(assume(demo.erin, 'prod-operator'), { code: 'NoPermission', statusCode: 403 });
  });
});
