import * as assert from 'node:assert/strict';
import { readAliyunCliProfiles, removeCliSecrets } from '../../src/credentials/importers/aliyunCli';
import { applyImport, type ImportTarget } from '../../src/credentials/importers/applyImport';
import { importSignIns, type FoundCloudSso, type SignInTarget } from '../../src/credentials/importers/cloudSsoEntries';
import { planImport, type PlannedImport } from '../../src/credentials/importers/importPlan';
import type { FoundProfile } from '../../src/credentials/importers/types';
import { isCloudSsoProfile, isRoleProfile, type Profile } from '../../src/credentials/profile';
import { ProfileStore } from '../../src/credentials/profileStore';
import { FakeSecretBackend, MemoryLog } from './fakes';

const LABEL = '~/.aliyun/config.json';
const URL_A = 'https://signin-cn-shanghai.alibabacloudsso.com/start/login';
const URL_B = 'https://signin-cn-hangzhou.alibabacloudsso.com/d-0042/login';
const FUTURE = 4102444800; // 2100-01-01, unix seconds
const PAST = 978307200; // 2001-01-01
const TOKEN = 'sso-imp-access-token-not-real-0001';
const STS_SECRET = 'sso-imp-sts-secret-not-real-00001';
const STS_TOKEN = 'sso-imp-sts-token-not-real-000001';
const AK = { id: 'LTAI5tSsoImpKey000000001', secret: 'sso-imp-ak-secret-not-real-00001' };
const SECRETS = [TOKEN, STS_SECRET, STS_TOKEN, AK.secret];

const cli = (...profiles: object[]) => JSON.stringify({ current: 'sso', profiles, meta_path: '' }, null, '\t') + '\n';
/** A CLI CloudSSO profile as `aliyun configure --mode CloudSSO` leaves it, with its cached STS credentials. */
const sso = (name: string, over: object = {}) => ({
  name, mode: 'CloudSSO', cloud_sso_sign_in_url: URL_A, access_token: TOKEN, cloud_sso_access_token_expire: FUTURE,
  cloud_sso_account_id: '1234567890123456', cloud_sso_access_config: 'ac-readonly01',
  access_key_id: 'STS.NUSsoImp000000000001', access_key_secret: STS_SECRET, sts_token: STS_TOKEN, sts_expiration: FUTURE,
  region_id: 'cn-shanghai', output_format: 'json', language: 'en', ...over,
});
const ak = (name: string) => ({ name, mode: 'AK', access_key_id: AK.id, access_key_secret: AK.secret, region_id: 'cn-hangzhou' });
const read = (text: string) => readAliyunCliProfiles(text, LABEL);
const reasons = (text: string) => Object.fromEntries(read(text).notImportable.map((n) => [n.name, `${n.mode}: ${n.reason}`]));
const noSecret = (text: string) => SECRETS.forEach((s) => assert.ok(!text.includes(s), `a secret is in: ${text.replace(s, '<secret>')}`));
const existingSso = (name: string, over: Partial<Profile['sso']> = {}): Profile => ({
  id: `id-${name}`, name, kind: 'CloudSSO', accessKeyId: '', regionId: 'cn-beijing', source: 'cloudsso', createdAt: '2025-01-01T00:00:00Z',
  sso: { signInUrl: URL_A, accountId: '1234567890123456', accessConfigurationId: 'ac-readonly01', ...over },
});
const actions = (plans: PlannedImport[]) => plans.map((p) => [p.found.name, p.action, p.note ?? '']);

describe('CloudSSO import: the aliyun CLI\'s CloudSSO profiles', () => {
  it('reads the directory, account, access configuration and region, and the token while it works', () => {
    const [found] = read(cli(sso('sso'))).found;
    assert.equal(found.kind, 'CloudSSO');
    assert.equal(found.accessKeyId, '', 'the cached STS key is not the profile\'s');
    assert.equal(found.secrets.accessKeySecret, '', 'the cached STS secret is not imported');
    assert.equal(found.secrets.securityToken, undefined);
    assert.equal(found.source, 'aliyun-cli:sso');
    assert.equal(found.regionId, 'cn-shanghai');
    assert.deepEqual({ ...found.sso }, {
      signInUrl: URL_A, accountId: '1234567890123456', accessConfigurationId: 'ac-readonly01',
      tokenState: 'valid', token: { accessToken: TOKEN, expiresAt: '2100-01-01T00:00:00.000Z' }, holdsSecrets: true,
    });
  });

  it('takes the mode from the sign-in URL when the file gives none, as the CLI does', () => {
    const [found] = read(cli(sso('old', { mode: '' }))).found;
    assert.equal(found?.kind, 'CloudSSO');
    assert.equal(read(cli(sso('old', { mode: undefined }))).found[0]?.kind, 'CloudSSO');
  });

  it('imports a profile whose token has ended, or that has none, without a sign-in', () => {
    const expired = read(cli(sso('ended', { cloud_sso_access_token_expire: PAST }))).found[0];
    assert.equal(expired.sso?.tokenState, 'expired');
    assert.equal(expired.sso?.token, undefined);
    const noEnd = read(cli(sso('no-end', { cloud_sso_access_token_expire: undefined }))).found[0];
    assert.equal(noEnd.sso?.tokenState, 'expired', 'a token without an end is treated as ended, as the CLI does');
    const none = read(cli(sso('none', { access_token: undefined, access_key_secret: undefined, sts_token: undefined }))).found[0];
    assert.deepEqual([none.sso?.tokenState, none.sso?.token, none.sso?.holdsSecrets], ['none', undefined, false]);
    const now = Date.parse('2099-12-31T23:00:00Z');
    assert.equal(readAliyunCliProfiles(cli(sso('soon')), LABEL, { now }).found[0].sso?.tokenState, 'valid');
    assert.equal(readAliyunCliProfiles(cli(sso('later')), LABEL, { now: FUTURE * 1000 }).found[0].sso?.tokenState, 'expired');
  });

  it('refuses an entry without a sign-in URL, account or access configuration, or with a bad one, saying which', () => {
    const r = reasons(cli(
      sso('no-url', { cloud_sso_sign_in_url: '' }),
      sso('no-account', { cloud_sso_account_id: undefined }),
      sso('no-config', { cloud_sso_access_config: '  ' }),
      sso('plain-http', { cloud_sso_sign_in_url: 'http://signin.example.com/start/login' }),
      sso('not-a-url', { cloud_sso_sign_in_url: 'signin-cn-shanghai.alibabacloudsso.com' }),
      sso('with-password', { cloud_sso_sign_in_url: 'https://me:pw@signin.example.com/start/login' }),
      sso('bad-account', { cloud_sso_account_id: 'acct 1234' }),
      sso('bad-config', { cloud_sso_access_config: 'ac readonly' }),
    ));
    assert.match(r['no-url'], /^CloudSSO: it has no cloud_sso_sign_in_url/);
    assert.match(r['no-account'], /^CloudSSO: it has no cloud_sso_account_id/);
    assert.match(r['no-config'], /^CloudSSO: it has no cloud_sso_access_config/);
    assert.match(r['plain-http'], /cloud_sso_sign_in_url is not valid\. The sign-in URL must start with https:\/\//);
    assert.match(r['not-a-url'], /cloud_sso_sign_in_url is not valid\. This is not a sign-in URL/);
    assert.match(r['with-password'], /must not contain a user name or password/);
    assert.match(r['bad-account'], /cloud_sso_account_id is not an Alibaba Cloud account ID/);
    assert.match(r['bad-config'], /cloud_sso_access_config is not an access configuration ID/);
    assert.equal(Object.keys(r).length, 8);
    Object.values(r).forEach(noSecret);
    assert.equal(read(cli(sso('loopback', { cloud_sso_sign_in_url: 'http://127.0.0.1:8080/start/login' }))).found.length, 1, 'plain http to this computer (the emulator) is fine');
    assert.equal(readAliyunCliProfiles(cli(sso('allowed', { cloud_sso_sign_in_url: 'http://signin.example.com/start/login' })), LABEL, { allowInsecure: true }).found.length, 1,
      'alibabaCloud.allowInsecureEndpoints lets plain http through');
  });

  it('reads a file of every kind: AK, role, CloudSSO and a role assumed with the CloudSSO profile', () => {
    const parsed = read(cli(
      ak('dev'),
      sso('sso'),
      { name: 'deploy', mode: 'ChainableRamRoleArn', source_profile: 'sso', ram_role_arn: 'acs:ram::1234567890123456:role/deployer', region_id: 'cn-hangzhou' },
      { name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'EcsRole' },
      sso('broken', { cloud_sso_account_id: '' }),
    ));
    assert.deepEqual(parsed.found.map((f) => [f.name, f.kind]), [['dev', 'AccessKey'], ['sso', 'CloudSSO'], ['deploy', 'RamRole']]);
    assert.deepEqual(parsed.notImportable.map((n) => [n.name, n.mode]), [['ecs', 'EcsRamRole'], ['broken', 'CloudSSO']]);
    assert.equal(parsed.found[2].role?.sourceName, 'sso');
  });
});

describe('CloudSSO import: what is stored', () => {
  const target = (store: ProfileStore): ImportTarget => ({
    add: (p, s) => store.add(p, s), update: (id, c, s) => store.update(id, c, s), addRole: (p) => store.add(p, { accessKeySecret: '' }),
    addCloudSso: (p) => store.addCloudSso(p), clearResults: async () => undefined,
  });
  const newStore = () => new ProfileStore(new FakeSecretBackend().window(), new MemoryLog());

  it('stores a CloudSSO profile with its directory, account and access configuration, and no secret', async () => {
    const store = newStore();
    const parsed = read(cli(sso('sso')));
    const plans = await planImport(parsed.found, [], 'skip');
    const stored = await applyImport(plans, target(store));
    const profile = stored.get(plans[0]) as Profile;
    assert.ok(isCloudSsoProfile(profile));
    assert.deepEqual([profile.name, profile.kind, profile.accessKeyId, profile.regionId, profile.source], ['sso', 'CloudSSO', '', 'cn-shanghai', 'aliyun-cli:sso']);
    assert.deepEqual({ ...profile.sso }, { signInUrl: URL_A, accountId: '1234567890123456', accessConfigurationId: 'ac-readonly01' });
    assert.equal((await store.getSecrets(profile.id))?.accessKeySecret ?? '', '');
    noSecret(JSON.stringify(await store.list()));
  });

  it('imports the same profile twice without a second copy, whatever its name or the conflict rule', async () => {
    const store = newStore();
    const first = await applyImport(await planImport(read(cli(sso('sso'))).found, [], 'skip'), target(store));
    assert.equal(first.size, 1);
    for (const rule of ['skip', 'rename'] as const) {
      const again = await planImport(read(cli(sso('sso'), sso('other-name', { region_id: 'cn-beijing' }))).found, await store.list(), rule);
      assert.deepEqual(actions(again).map((a) => a.slice(0, 2)), [['sso', 'skip'], ['other-name', 'skip']]);
      assert.ok(again.every((p) => p.duplicate), 'a skipped twin still hands its sign-in over');
      assert.match(again[1].note ?? '', /profile "sso" signs in to this account with this access configuration already/);
      assert.equal((await applyImport(again, target(store))).size, 0);
    }
    assert.equal((await store.list()).length, 1);
  });

  it('keeps one of two entries of the file that are the same profile, and replaces only when asked', async () => {
    const twins = await planImport(read(cli(sso('a'), sso('b'), sso('c', { cloud_sso_access_config: 'ac-admin01' }))).found, [], 'skip');
    assert.deepEqual(actions(twins).map((a) => a.slice(0, 2)), [['a', 'add'], ['b', 'skip'], ['c', 'add']]);
    assert.match(twins[1].note ?? '', /"a" in the same file/);
    const existing = [existingSso('sso')];
    const replaced = await planImport(read(cli(sso('sso'))).found, existing, 'replace');
    assert.deepEqual([replaced[0].action, replaced[0].existing?.id], ['replace', 'id-sso']);
    const otherAccount = await planImport(read(cli(sso('sso', { cloud_sso_account_id: '9999999999999999' }))).found, existing, 'skip');
    assert.deepEqual(actions(otherAccount), [['sso', 'skip', 'a profile named "sso" exists']], 'another account is another profile: the name rule applies');
    const renamed = await planImport(read(cli(sso('sso', { cloud_sso_account_id: '9999999999999999' }))).found, existing, 'rename');
    assert.deepEqual([renamed[0].action, renamed[0].name], ['add', 'sso (2)']);
  });

  it('replacing an AccessKey profile of the same name makes it the CloudSSO profile and drops its secret', async () => {
    const store = newStore();
    const old = await store.add({ name: 'sso', kind: 'AccessKey', accessKeyId: AK.id, regionId: 'cn-hangzhou', source: 'manual' }, { accessKeySecret: AK.secret });
    const plans = await planImport(read(cli(sso('sso'))).found, await store.list(), 'replace');
    await applyImport(plans, target(store));
    const after = await store.get(old.id);
    assert.ok(after && isCloudSsoProfile(after));
    assert.deepEqual([after.kind, after.accessKeyId, after.regionId], ['CloudSSO', '', 'cn-shanghai']);
    assert.equal((await store.getSecrets(old.id))?.accessKeySecret ?? '', '');
  });

  it('a role assumed with a CloudSSO entry gets the CloudSSO profile as its source, or the existing one that is it', async () => {
    const text = cli(sso('sso'), { name: 'deploy', mode: 'ChainableRamRoleArn', source_profile: 'sso', ram_role_arn: 'acs:ram::1234567890123456:role/deployer' });
    const parsed = read(text);
    const deploy = parsed.found.filter((f) => f.name === 'deploy');
    const fresh = await planImport(deploy, [], 'skip', parsed.found);
    assert.deepEqual(fresh.map((p) => [p.name, p.action, p.source && 'planned' in p.source ? p.source.planned.name : '']), [['sso', 'add', ''], ['deploy', 'add', 'sso']]);
    const store = newStore();
    const stored = await applyImport(fresh, target(store));
    const role = stored.get(fresh[1]) as Profile;
    assert.ok(isRoleProfile(role));
    assert.equal(role.role.sourceProfileId, stored.get(fresh[0])?.id);
    const existing = [existingSso('my sso')];
    const reuse = await planImport(deploy, existing, 'skip', parsed.found);
    assert.deepEqual(reuse.map((p) => [p.name, p.action, p.source && 'existing' in p.source ? p.source.existing.name : '']), [['deploy', 'add', 'my sso']]);
  });
});

describe('CloudSSO import: the sign-in moves into secret storage', () => {
  const found = (over: object = {}) => read(cli(sso('x', over))).found[0].sso as FoundCloudSso;
  function signIns(held: Record<string, string> = {}): SignInTarget & { saved: Array<[string, string, string]> } {
    const saved: Array<[string, string, string]> = [];
    return {
      saved,
      signIn: async (url) => (held[url] ? { expiresAt: held[url] } : undefined),
      save: async (url, token) => {
        saved.push([url, token.accessToken, token.expiresAt]);
      },
    };
  }

  it('saves a working token under its sign-in URL; an ended one or none is not saved', async () => {
    const target = signIns();
    const out = await importSignIns([found(), found({ cloud_sso_sign_in_url: URL_B, cloud_sso_access_token_expire: PAST }), found({ cloud_sso_sign_in_url: URL_B, access_token: '' })], target);
    assert.deepEqual(target.saved, [[URL_A, TOKEN, '2100-01-01T00:00:00.000Z']]);
    assert.deepEqual(out, [{ signInUrl: URL_A, outcome: 'saved', expiresAt: '2100-01-01T00:00:00.000Z' }]);
  });

  it('a newer sign-in held already wins; an older one is replaced; of two in the file the later one is taken', async () => {
    const newer = signIns({ [URL_A]: '2100-06-01T00:00:00.000Z' });
    assert.deepEqual(await importSignIns([found()], newer), [{ signInUrl: URL_A, outcome: 'kept', expiresAt: '2100-06-01T00:00:00.000Z' }]);
    assert.deepEqual(newer.saved, []);
    const older = signIns({ [URL_A]: '2099-01-01T00:00:00.000Z' });
    await importSignIns([found({ access_token: 'sso-imp-older-token', cloud_sso_access_token_expire: FUTURE - 3600 }), found()], older);
    assert.deepEqual(older.saved, [[URL_A, TOKEN, '2100-01-01T00:00:00.000Z']]);
  });
});

describe('CloudSSO import: removing the token and cached credentials from the file', () => {
  it('takes out the token, its end and the cached STS credentials of the chosen profiles only', () => {
    const original = cli(ak('dev'), sso('sso', { x_unknown: 'kept' }), sso('other'));
    const { text, removed } = removeCliSecrets(original, LABEL, ['sso', 'dev']);
    assert.equal(removed, 2);
    const before = JSON.parse(original);
    const after = JSON.parse(text);
    assert.deepEqual(after.profiles[0], { name: 'dev', mode: 'AK', access_key_id: AK.id, region_id: 'cn-hangzhou' });
    assert.deepEqual(after.profiles[1], {
      name: 'sso', mode: 'CloudSSO', cloud_sso_sign_in_url: URL_A, cloud_sso_account_id: '1234567890123456', cloud_sso_access_config: 'ac-readonly01',
      access_key_id: 'STS.NUSsoImp000000000001', region_id: 'cn-shanghai', output_format: 'json', language: 'en', x_unknown: 'kept',
    });
    assert.deepEqual(after.profiles[2], before.profiles[2], 'another CloudSSO profile kept its token');
    assert.equal(after.current, 'sso');
    assert.equal(text.split(TOKEN).length, 2, 'the token is left once: in the profile that was not chosen');
    assert.match(text, /^\{\n\t"current"/, 'not tab-indented like the CLI');
    assert.equal(removeCliSecrets(text, LABEL, ['sso']).removed, 0, 'nothing left to remove');
  });

  it('what the import reports of an entry holds no secret', () => {
    const parsed = read(cli(sso('sso'), sso('bad', { cloud_sso_account_id: 'x' })));
    noSecret(JSON.stringify(parsed.notImportable));
    noSecret(JSON.stringify(parsed.found.map((f: FoundProfile) => ({ ...f, sso: { ...f.sso, token: undefined } }))));
  });
});
