import * as assert from 'node:assert/strict';
import { readAliyunCliProfiles } from '../../src/credentials/importers/aliyunCli';
import { applyImport, type ImportTarget } from '../../src/credentials/importers/applyImport';
import { planImport, type PlannedImport } from '../../src/credentials/importers/importPlan';
import type { FoundProfile } from '../../src/credentials/importers/types';
import { isRoleProfile, type Profile } from '../../src/credentials/profile';
import { ProfileStore } from '../../src/credentials/profileStore';
import { resolveChain } from '../../src/credentials/roles/roleChain';
import { FakeSecretBackend, MemoryLog } from './fakes';
import { assertNoSecret, readFixture } from './importFixtures';

const LABEL = '~/.aliyun/config.json';
const DEV = { id: 'LTAI5tRoleImpDev00000001', secret: 'roleimp-secret-dev-not-real-0001' };
const ARN = (role: string) => `acs:ram::3400000000000004:role/${role}`;
const cli = (...profiles: object[]) => JSON.stringify({ current: '', profiles });
const key = (name: string, over: object = {}) => ({ name, mode: 'AK', access_key_id: DEV.id, access_key_secret: DEV.secret, region_id: 'cn-hangzhou', ...over });
const chained = (name: string, source: string, over: object = {}) => ({ name, mode: 'ChainableRamRoleArn', source_profile: source, ram_role_arn: ARN('ri-deployer'), ram_session_name: name, ...over });
const withKey = (name: string, over: object = {}) => key(name, { mode: 'RamRoleArn', ram_role_arn: ARN('ri-deployer'), ram_session_name: `${name}-session`, ...over });
const read = (text: string) => readAliyunCliProfiles(text, LABEL);
const named = (found: FoundProfile[], ...names: string[]) => names.map((n) => found.find((f) => f.name === n) as FoundProfile);
const existingKey = (name: string, accessKeyId = DEV.id, id = `id-${name}`): Profile => ({
  id, name, kind: 'AccessKey', accessKeyId, regionId: 'cn-beijing', source: 'manual', createdAt: '2025-01-01T00:00:00Z',
});
const summary = (plans: PlannedImport[]) => plans.map((p) => {
  const source = p.source && ('existing' in p.source ? `existing ${p.source.existing.name}` : `planned ${p.source.planned.name}`);
  return [p.name, p.action, p.found.role && !p.keyPart ? 'role' : 'key', source ?? p.note ?? ''];
});

describe('import: role profiles from the aliyun CLI', () => {
  const parsed = read(readFixture('roles', 'config.json'));

  it('reads RamRoleArn and ChainableRamRoleArn entries with every role field, whatever their order', () => {
    assert.deepEqual(parsed.found.map((f) => [f.name, f.kind, f.accessKeyId, f.regionId]), [
      ['audit', 'RamRole', '', 'cn-shanghai'],
      ['deploy', 'RamRole', DEV.id, 'cn-hangzhou'],
      ['dev', 'AccessKey', DEV.id, 'cn-hangzhou'],
    ]);
    const [audit, deploy] = parsed.found;
    assert.deepEqual(audit.role, { roleArn: ARN('ri-auditor'), sessionName: 'audit-session', durationSeconds: 1800, externalId: 'ri-ext-123', policy: undefined, sourceName: 'deploy' });
    assert.deepEqual(deploy.role, { roleArn: ARN('ri-deployer'), sessionName: 'deploy-session', durationSeconds: 900, externalId: undefined, policy: undefined, sourceName: undefined });
    assert.equal(deploy.secrets.accessKeySecret, DEV.secret, 'the key that assumes the role');
    assert.equal(audit.secrets.accessKeySecret, '', 'a chained role holds no secret');
  });

  it('says why a role entry cannot be imported: loops, missing or unusable sources, bad ARNs and durations', () => {
    const reasons = Object.fromEntries(parsed.notImportable.map((n) => [n.name, `${n.mode}: ${n.reason}`]));
    assert.match(reasons['loop-a'], /^ChainableRamRoleArn: its source profiles go round in a loop \(loop-a → loop-b → loop-a\); a role chain must end at an AccessKey\.$/);
    assert.match(reasons['loop-b'], /loop \(loop-b → loop-a → loop-b\)/);
    assert.match(reasons.orphan, /^ChainableRamRoleArn: its source profile "gone" is not in the file\.$/);
    assert.match(reasons['user-arn'], /^RamRoleArn: its ram_role_arn is not valid\. A role ARN looks like acs:ram::1234567890123456:role\/deployer/);
    assert.match(reasons['too-long'], /^RamRoleArn: its expired_seconds is 86400\. The duration is a whole number of seconds from 900 to 43200/);
    assert.match(reasons['on-ecs-source'], /its source profile "ecs" cannot be imported: its credentials come from the ECS instance's metadata service/);
    assert.equal(parsed.notImportable.length, 7);
    parsed.notImportable.forEach((n) => assertNoSecret(n.reason));
  });

  it('follows a chain through entries that are fine on their own, naming where it breaks', () => {
    const deep = read(cli(chained('top', 'mid'), chained('mid', 'bottom'), chained('bottom', 'nowhere')));
    assert.match(deep.notImportable[0].reason, /its chain of source profiles \(top → mid → bottom → nowhere\) names "nowhere", which is not in the file/);
    const long = read(cli(key('k'), ...['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((n, i) => chained(n, i === 0 ? 'k' : `r${i}`))));
    assert.deepEqual(long.found.map((f) => f.name), ['k', 'r1', 'r2', 'r3', 'r4', 'r5']);
    assert.match(long.notImportable[0].reason, /^it passes through more than 5 role profiles to reach an AccessKey \(r6 → r5 → r4 → r3 → r2 → r1 → k\)\./);
  });

  it('tells a role entry without a mode by its fields, as the CLI does, and uses the first entry of a name as a source', () => {
    const modeless = read(cli({ ...withKey('old'), mode: '' }, chained('cc', 'old'), withKey('old', { ram_role_arn: 'bad' })));
    assert.deepEqual(modeless.found.map((f) => [f.name, f.kind]), [['old', 'RamRole'], ['cc', 'RamRole']]);
    assert.match(modeless.notImportable[0].reason, /an earlier profile in the file has the same name "old"/);
  });

  it('refuses bad role fields each with its own message, and a chained entry without a source', () => {
    const cases: Array<[object, RegExp]> = [
      [withKey('r', { ram_role_arn: '' }), /it has no ram_role_arn \(the ARN of the role to assume\)/],
      [withKey('r', { ram_role_arn: 'arn:aws:iam::123456789012:role/x' }), /its ram_role_arn is not valid/],
      [withKey('r', { ram_session_name: 'has space' }), /its ram_session_name is not valid\. A session name has 2 to 64 characters/],
      [withKey('r', { expired_seconds: 600 }), /its expired_seconds is 600\. The duration is a whole number of seconds from 900 to 43200/],
      [withKey('r', { expired_seconds: 'an hour' }), /its expired_seconds is not valid\. The duration is a whole number/],
      [withKey('r', { external_id: 'x' }), /its external_id is not valid\. An external ID has 2 to 1224 characters/],
      [withKey('r', { access_key_secret: '' }), /it has no AccessKey ID or no secret in the file/],
      [chained('r', ''), /it has no source_profile/],
    ];
    for (const [entry, message] of cases) {
      const result = read(cli(entry));
      assert.deepEqual(result.found, [], JSON.stringify(entry));
      assert.match(result.notImportable[0].reason, message);
    }
    assert.equal(read(cli(withKey('r', { expired_seconds: 0 }))).found[0].role?.durationSeconds, 3600, 'the CLI writes 0 for "not set"');
  });
});

describe('import: where an imported role profile\'s source comes from', () => {
  const parsed = read(readFixture('roles', 'config.json'));
  const [audit, deploy, dev] = named(parsed.found, 'audit', 'deploy', 'dev');

  it('a key-plus-role entry alone: an AccessKey profile for its key, just before the role', async () => {
    const plans = await planImport([deploy], [], 'skip', parsed.found);
    assert.deepEqual(summary(plans), [['deploy (key)', 'add', 'key', ''], ['deploy', 'add', 'role', 'planned deploy (key)']]);
    assert.equal(plans[0].keyPart, true);
    assert.equal(plans[0].found.kind, 'AccessKey');
  });

  it('reuses the profile that holds the key already, or the AK entry imported with it', async () => {
    assert.deepEqual(summary(await planImport([deploy], [existingKey('mine')], 'skip', parsed.found)), [['deploy', 'add', 'role', 'existing mine']]);
    assert.deepEqual(summary(await planImport([deploy, dev], [], 'skip', parsed.found)), [['deploy', 'add', 'role', 'planned dev'], ['dev', 'add', 'key', '']]);
  });

  it('a chained entry brings its source chain along, unless a profile stands for it', async () => {
    assert.deepEqual(summary(await planImport([audit], [], 'skip', parsed.found)), [
      ['audit', 'add', 'role', 'planned deploy'], ['deploy (key)', 'add', 'key', ''], ['deploy', 'add', 'role', 'planned deploy (key)'],
    ]);
    const imported: Profile = {
      ...existingKey('deploy-before'), kind: 'RamRole', accessKeyId: '', source: 'aliyun-cli:deploy',
      role: { roleArn: ARN('ri-deployer'), sourceProfileId: 'id-mine', sessionName: 's1', durationSeconds: 900 },
    };
    assert.deepEqual(summary(await planImport([audit], [existingKey('mine'), imported], 'skip', parsed.found)), [['audit', 'add', 'role', 'existing deploy-before']]);
  });

  it('a source skipped by the conflict rule: its stand-in if there is one, else the role is skipped too', async () => {
    const clash = existingKey('deploy', 'LTAI5tSomeOtherKey000001');
    const plans = await planImport([audit, deploy], [clash], 'skip', parsed.found);
    assert.deepEqual(summary(plans), [
      ['audit', 'skip', 'role', 'its source profile "deploy" is not imported (a profile named "deploy" exists)'],
      ['deploy', 'skip', 'role', 'a profile named "deploy" exists'],
    ]);
  });

  it('replace turns an existing key profile into the role, never into its own source', async () => {
    const plans = await planImport([deploy], [existingKey('deploy')], 'replace', parsed.found);
    assert.deepEqual(summary(plans), [['deploy (key)', 'add', 'key', ''], ['deploy', 'replace', 'role', 'planned deploy (key)']]);
  });

  it('skips a role whose final chain would loop through a replaced profile, saying so', async () => {
    // "base" was imported from "deploy" before and assumes its role with "top"; the file's "top" now
    // replaces that profile with a role assumed with "deploy": top → deploy → top.
    const base: Profile = { ...existingKey('base'), kind: 'RamRole', accessKeyId: '', source: 'aliyun-cli:deploy', role: { roleArn: ARN('ri-deployer'), sourceProfileId: 'id-top', sessionName: 'ss', durationSeconds: 900 } };
    const top = existingKey('top', 'LTAI5tSomeOtherKey000001');
    const file = read(cli(chained('top', 'deploy'), withKey('deploy')));
    const plans = await planImport(named(file.found, 'top'), [base, top], 'replace', file.found);
    assert.equal(plans[0].action, 'skip');
    assert.match(plans[0].note ?? '', /leads back to itself through its source profiles \(top → base → top\)/);
  });
});

describe('import: storing role profiles', () => {
  async function storeAll(chosen: string[], existing: Array<{ profile: Omit<Profile, 'id' | 'createdAt'>; secret: string }> = []) {
    const store = new ProfileStore(new FakeSecretBackend().window(), new MemoryLog());
    for (const e of existing) {
      await store.add(e.profile, { accessKeySecret: e.secret });
    }
    const parsed = read(readFixture('roles', 'config.json'));
    const plans = await planImport(named(parsed.found, ...chosen), await store.list(), 'rename', parsed.found);
    const target: ImportTarget = {
      add: (p, s) => store.add(p, s), update: (id, c, s) => store.update(id, c, s), addRole: (p) => store.add(p, { accessKeySecret: '' }), clearResults: async () => undefined,
      addCloudSso: (p) => store.add({ ...p, kind: 'CloudSSO', accessKeyId: '' }, { accessKeySecret: '' }),
    };
    const stored = await applyImport(plans, target);
    return { store, plans, stored };
  }

  it('stores sources before the roles that use them, and every chain ends at the key', async () => {
    const { store, plans, stored } = await storeAll(['audit', 'dev']);
    assert.deepEqual(plans.map((p) => stored.get(p)?.name), ['audit', 'deploy', 'dev']);
    const all = await store.list();
    const audit = all.find((p) => p.name === 'audit') as Profile;
    assert.ok(isRoleProfile(audit));
    assert.deepEqual({ ...audit.role, sourceProfileId: undefined }, { roleArn: ARN('ri-auditor'), sourceProfileId: undefined, sessionName: 'audit-session', durationSeconds: 1800, externalId: 'ri-ext-123' });
    const chain = await resolveChain(audit, (id) => store.get(id));
    assert.deepEqual(chain.map((p) => p.name), ['deploy', 'dev']);
    assert.deepEqual([audit.accessKeyId, audit.regionId, audit.source], ['', 'cn-shanghai', 'aliyun-cli:audit']);
    assert.deepEqual(await store.getSecrets(audit.id), { accessKeySecret: '', securityToken: undefined }, 'a role profile holds no secret');
    assert.deepEqual(await store.getSecrets(chain[1].id), { accessKeySecret: DEV.secret, securityToken: undefined });
    store.dispose();
  });

  it('reuses the existing profile of the key: no second copy of the secret', async () => {
    const { store } = await storeAll(['deploy'], [{ profile: { name: 'mine', kind: 'AccessKey', accessKeyId: DEV.id, regionId: 'cn-beijing', source: 'manual' }, secret: DEV.secret }]);
    const all = await store.list();
    assert.deepEqual(all.map((p) => p.name).sort(), ['deploy', 'mine']);
    assert.equal(all.find((p) => p.name === 'deploy')?.role?.sourceProfileId, all.find((p) => p.name === 'mine')?.id);
    store.dispose();
  });
});
