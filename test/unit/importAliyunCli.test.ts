import * as assert from 'node:assert/strict';
import { readAliyunCliProfiles, removeCliSecrets, defaultAliyunCliConfigPath } from '../../src/credentials/importers/aliyunCli';
import { assertNoSecret, failure, readFixture } from './importFixtures';

const LABEL = '~/.aliyun/config.json';

describe('import: aliyun CLI config.json', () => {
  const parsed = readAliyunCliProfiles(readFixture('aliyun', 'config.json'), LABEL);

  it('finds the AK, StsToken and role profiles with their regions', () => {
    assert.deepEqual(parsed.found.map((f) => [f.name, f.kind, f.accessKeyId, f.regionId]), [
      ['default', 'AccessKey', 'LTAI5tProfPat00000000001', 'cn-hangzhou'],
      ['prod', 'AccessKey', 'LTAI5tProfRoot0000000001', 'cn-shanghai'],
      ['temp', 'StsToken', 'STS.NUProfToken000000001', 'cn-beijing'],
      ['chained', 'RamRole', '', 'cn-hangzhou'],
    ]);
    assert.deepEqual(parsed.found[3].role, {
      roleArn: 'acs:ram::3300000000000003:role/x', sessionName: 'chained', durationSeconds: 3600, externalId: undefined, policy: undefined, sourceName: 'default',
    });
    const temp = parsed.found[2];
    assert.equal(temp.secrets.securityToken, 'prof-security-token-not-real-0001');
    assert.equal(temp.expiration, '2099-01-01T00:00:00.000Z');
    assert.equal(parsed.found[0].secrets.securityToken, undefined, 'an AK profile with "sts_token": "" has no token');
    assert.equal(parsed.found[0].source, 'aliyun-cli:default');
    assert.equal(parsed.found[1].ref, 'prod');
  });

  it('lists every other mode, and entries that do not pass the checks, as not importable, saying why', () => {
    const reasons = Object.fromEntries(parsed.notImportable.map((n) => [n.name, `${n.mode}: ${n.reason}`]));
    assert.match(reasons.assume, /^RamRoleArn: its ram_session_name is not valid\. A session name has 2 to 64 characters/);
    assert.match(reasons['on-ecs'], /^EcsRamRole: .*metadata service.*EcsRole/);
    assert.match(reasons.script, /^External: .*running a command/);
    assert.match(reasons.sso, /^CloudSSO: it has no cloud_sso_sign_in_url/);
    assert.match(reasons.emptied, /no AccessKey ID or no secret/);
    assert.match(reasons.pasted, /space or line break/);
    assert.equal(parsed.notImportable.length, 6);
    parsed.notImportable.forEach((n) => assertNoSecret(n.reason));
  });

  it('refuses an StsToken profile whose token has expired', () => {
    const expired = readAliyunCliProfiles(readFixture('aliyun', 'expired-sts.json'), LABEL);
    assert.equal(expired.found.length, 0);
    assert.match(expired.notImportable[0].reason, /already expired/);
  });

  it('says where a truncated file ends, naming the file and no content', () => {
    const error = failure(() => readAliyunCliProfiles(readFixture('aliyun', 'truncated.json'), LABEL));
    assert.match(error.message, /^~\/\.aliyun\/config\.json: it is not valid JSON: it ends too early/);
  });

  it('gives the line and column of a syntax error without quoting the text', () => {
    const error = failure(() => readAliyunCliProfiles(readFixture('aliyun', 'trailing-comma.json'), LABEL));
    assert.match(error.message, /not valid JSON \(the first error is at line 4, column 131\)/);
    assert.ok(!error.message.includes('LTAI'), error.message);
  });

  it('refuses JSON that is not a CLI configuration, and an empty file', () => {
    assert.match(failure(() => readAliyunCliProfiles(readFixture('aliyun', 'not-cli.json'), LABEL)).message, /no "profiles" list/);
    assert.match(failure(() => readAliyunCliProfiles('  \n', LABEL)).message, /it is empty/);
    assert.match(failure(() => readAliyunCliProfiles('[1,2]', LABEL)).message, /no "profiles" list/);
    assert.match(failure(() => readAliyunCliProfiles('{"profiles": 5}', LABEL)).message, /no "profiles" list/);
  });

  it('removes only the chosen profiles\' secrets and keeps everything else as it was', () => {
    const original = readFixture('aliyun', 'config.json');
    const { text, removed } = removeCliSecrets(original, LABEL, ['default', 'temp']);
    assert.equal(removed, 2);
    assert.ok(!text.includes('prof-secret-pat-not-real-000001'));
    assert.ok(!text.includes('prof-security-token-not-real-0001'));
    assert.ok(text.includes('prof-secret-root-not-real-00001'), 'another profile\'s secret was removed');
    const before = JSON.parse(original);
    const after = JSON.parse(text);
    assert.equal(after.current, 'default');
    assert.equal(after.x_top_level, 'kept');
    assert.deepEqual(after.profiles[1], before.profiles[1]);
    const rest = { ...before.profiles[0] };
    delete rest.access_key_secret;
    delete rest.sts_token;
    assert.deepEqual(after.profiles[0], rest);
    assert.deepEqual(Object.keys(after.profiles[0]), Object.keys(rest), 'key order changed');
    assert.match(text, /^\{\n\t"current"/, 'not tab-indented like the CLI');
  });

  it('defaults to ~/.aliyun/config.json', () => {
    assert.equal(defaultAliyunCliConfigPath('/home/u'), '/home/u/.aliyun/config.json');
  });
});
