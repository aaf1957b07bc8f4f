import * as assert from 'node:assert/strict';
import { describeRoleExport, planRoleExport, writeRoleExport, type RoleExportPlan } from '../../src/credentials/exporters/roleExport';
import { readAliyunCliProfiles } from '../../src/credentials/importers/aliyunCli';
import { SourceFileError } from '../../src/credentials/importers/types';
import type { Profile, ProfileSecrets } from '../../src/credentials/profile';

const LABEL = '~/.aliyun/config.json';
const ARN = (role: string) => `acs:ram::3400000000000004:role/${role}`;
const KEY = { id: 'LTAI5tRoleImpDev00000001', secret: 'roleimp-secret-dev-not-real-0001' };
const base = { regionId: 'cn-hangzhou', source: 'manual', createdAt: '2025-01-01T00:00:00Z' };
const dev: Profile = { ...base, id: 'p-dev', name: 'dev key', kind: 'AccessKey', accessKeyId: KEY.id };
const deploy: Profile = {
  ...base, id: 'p-deploy', name: 'deploy', kind: 'RamRole', accessKeyId: '',
  role: { roleArn: ARN('ri-deployer'), sourceProfileId: dev.id, sessionName: 'deploy-session', durationSeconds: 900 },
};
const audit: Profile = {
  ...base, id: 'p-audit', name: 'audit', kind: 'RamRole', accessKeyId: '', regionId: 'cn-shanghai',
  role: { roleArn: ARN('ri-auditor'), sourceProfileId: deploy.id, sessionName: 'audit-session', durationSeconds: 1800, externalId: 'ri-ext-123' },
};
const CHAIN = [audit, deploy, dev];
const secretsOf = (id: string): ProfileSecrets => {
  assert.equal(id, dev.id, 'only the key\'s secret is read');
  return { accessKeySecret: KEY.secret };
};
const cli = (...profiles: object[]) => JSON.stringify({ current: 'x', profiles, meta_path: '' }, null, '\t') + '\n';
const akEntry = (name: string, over: object = {}) => ({ name, mode: 'AK', access_key_id: KEY.id, access_key_secret: KEY.secret, region_id: 'cn-hangzhou', ...over });
const steps = (plan: RoleExportPlan) => plan.writes.map((w) => [w.profile.name, w.cliName, w.action, w.sourceName ?? '']);

describe('export: a role profile to the aliyun CLI', () => {
  it('writes the whole chain into a new config: ChainableRamRoleArn profiles down to the AK one', () => {
    const plan = planRoleExport(undefined, LABEL, 'audit', false, CHAIN);
    assert.deepEqual(steps(plan), [['audit', 'audit', 'add', 'deploy'], ['deploy', 'deploy', 'add', 'dev-key'], ['dev key', 'dev-key', 'add', '']]);
    const { text, current } = writeRoleExport(undefined, LABEL, plan, secretsOf, true);
    assert.equal(current, 'audit');
    const profiles = JSON.parse(text).profiles;
    assert.deepEqual(profiles[0], {
      name: 'audit', mode: 'ChainableRamRoleArn', source_profile: 'deploy', ram_role_arn: ARN('ri-auditor'), ram_session_name: 'audit-session',
      expired_seconds: 1800, external_id: 'ri-ext-123', region_id: 'cn-shanghai', output_format: 'json', language: 'en',
    });
    assert.equal(profiles[1].source_profile, 'dev-key');
    assert.deepEqual([profiles[2].mode, profiles[2].access_key_id, profiles[2].access_key_secret], ['AK', KEY.id, KEY.secret]);
    assert.equal(text.split(KEY.secret).length, 2, 'the secret is written once, in the AK profile');
    assert.match(text, /^\{\n\t"current": "audit"/);
  });

  it('reads back as the same chain', () => {
    const { text } = writeRoleExport(undefined, LABEL, planRoleExport(undefined, LABEL, 'audit', false, CHAIN), secretsOf, false);
    const parsed = readAliyunCliProfiles(text, LABEL);
    assert.deepEqual(parsed.notImportable, []);
    assert.deepEqual(parsed.found.map((f) => [f.name, f.role?.roleArn, f.role?.sourceName, f.role?.sessionName, f.role?.durationSeconds, f.role?.externalId]), [
      ['audit', ARN('ri-auditor'), 'deploy', 'audit-session', 1800, 'ri-ext-123'],
      ['deploy', ARN('ri-deployer'), 'dev-key', 'deploy-session', 900, undefined],
      ['dev-key', undefined, undefined, undefined, undefined, undefined],
    ]);
  });

  it('uses what the CLI has already: the AK profile of the key, or a chained profile of the same role and source', () => {
    const withKey = cli(akEntry('mine'));
    assert.deepEqual(steps(planRoleExport(withKey, LABEL, 'audit', false, CHAIN)), [['audit', 'audit', 'add', 'deploy'], ['deploy', 'deploy', 'add', 'mine']]);
    const withRole = cli(akEntry('mine'), { name: 'dep', mode: 'ChainableRamRoleArn', source_profile: 'mine', ram_role_arn: ARN('ri-deployer'), ram_session_name: 'deploy-session', expired_seconds: 900 });
    const plan = planRoleExport(withRole, LABEL, 'audit', false, CHAIN);
    assert.deepEqual(steps(plan), [['audit', 'audit', 'add', 'dep']]);
    assert.equal(plan.reused?.cliName, 'dep');
    const written = JSON.parse(writeRoleExport(withRole, LABEL, plan, () => assert.fail('no secret is read'), false).text);
    assert.equal(written.current, 'x');
    assert.equal(written.profiles.length, 3);
    const other = cli(akEntry('mine'), { name: 'dep', mode: 'ChainableRamRoleArn', source_profile: 'mine', ram_role_arn: ARN('ri-deployer'), ram_session_name: 'another', expired_seconds: 900 });
    assert.deepEqual(steps(planRoleExport(other, LABEL, 'audit', false, CHAIN)).map((s) => s[1]), ['audit', 'deploy'], 'another session is another profile');
  });

  it('puts the secret back into the CLI profile of the key that lost it, and names what it takes free', () => {
    const emptied = cli(akEntry('deploy', { access_key_secret: undefined }));
    const plan = planRoleExport(emptied, LABEL, 'audit', false, CHAIN);
    assert.deepEqual(steps(plan), [['audit', 'audit', 'add', 'deploy-2'], ['deploy', 'deploy-2', 'add', 'deploy'], ['dev key', 'deploy', 'fillSecret', '']]);
    const written = JSON.parse(writeRoleExport(emptied, LABEL, plan, secretsOf, false).text).profiles;
    assert.deepEqual(written[0], { ...akEntry('deploy'), access_key_secret: KEY.secret });
  });

  it('replaces its own CLI profile only when asked, dropping the key it held, and never uses that one as its source', () => {
    const taken = cli(akEntry('audit', { language: 'zh' }));
    assert.throws(() => planRoleExport(taken, LABEL, 'audit', false, CHAIN), (e: unknown) => e instanceof SourceFileError && /already has a profile "audit"/.test(e.message));
    const plan = planRoleExport(taken, LABEL, 'audit', true, CHAIN);
    assert.deepEqual(steps(plan), [['audit', 'audit', 'replace', 'deploy'], ['deploy', 'deploy', 'add', 'dev-key'], ['dev key', 'dev-key', 'add', '']]);
    const replaced = JSON.parse(writeRoleExport(taken, LABEL, plan, secretsOf, false).text).profiles[0];
    assert.equal(replaced.mode, 'ChainableRamRoleArn');
    assert.deepEqual(['access_key_id', 'access_key_secret'].filter((k) => k in replaced), []);
    assert.equal(replaced.language, 'zh', 'its other fields stay');
  });

  it('says in the question exactly which CLI profiles are written, whether a secret is among them, and what is left out', () => {
    const all = describeRoleExport(planRoleExport(undefined, LABEL, 'audit', false, CHAIN), LABEL);
    assert.equal(all.message, 'Write role profile "audit" and the secret of "dev key" in plain text to ~/.aliyun/config.json?');
    assert.deepEqual(all.detail.split('\n').slice(0, 3), [
      '"audit" becomes CLI profile "audit" (ChainableRamRoleArn, assumed with "deploy").',
      '"deploy" becomes CLI profile "deploy" (ChainableRamRoleArn, assumed with "dev-key").',
      '"dev key" becomes CLI profile "dev-key" (AK), with its secret in plain text.',
    ]);
    assert.equal(all.withSecret, true);
    const withPolicy: Profile = { ...audit, role: { ...audit.role!, policy: '{"Version":"1","Statement":[]}' } };
    const reused = describeRoleExport(planRoleExport(cli(akEntry('mine')), LABEL, 'audit', false, [withPolicy, deploy, dev]), LABEL);
    assert.equal(reused.message, 'Write role profile "audit" to ~/.aliyun/config.json?');
    assert.match(reused.detail, /CLI profile "mine" is there already and is used as it is\./);
    assert.match(reused.detail, /The session policy of "audit" is not written: the aliyun CLI has no place for one, so the CLI gets all of the role's permissions\./);
    assert.match(reused.detail, /No secret is written\./);
    const filled = describeRoleExport(planRoleExport(cli(akEntry('mine', { access_key_secret: '' })), LABEL, 'audit', false, CHAIN), LABEL);
    assert.match(filled.message, /and the secret of "dev key" in plain text/);
    assert.match(filled.detail, /The secret of "dev key" goes into CLI profile "mine", which has its AccessKey ID but no secret\./);
  });
});
