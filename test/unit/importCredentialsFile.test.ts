import * as assert from 'node:assert/strict';
import { defaultCredentialsFilePath, readCredentialsFile, removeIniSecrets } from '../../src/credentials/importers/credentialsFile';
import { failure, readFixture } from './importFixtures';

const LABEL = '~/.alibabacloud/credentials';

describe('import: ~/.alibabacloud/credentials (INI)', () => {
  const content = readFixture('credentials', 'credentials');
  const parsed = readCredentialsFile(content, LABEL);

  it('finds the access_key and ram_role_arn sections, unquoting values and keeping the region', () => {
    assert.deepEqual(parsed.found.map((f) => [f.name, f.kind, f.accessKeyId, f.regionId, f.source]), [
      ['default', 'AccessKey', 'LTAI5tProfPat00000000001', undefined, 'credentials-file:default'],
      ['prod', 'AccessKey', 'LTAI5tProfRoot0000000001', 'cn-shanghai', 'credentials-file:prod'],
      ['assume', 'RamRole', 'LTAI5tProfQuinn000000001', undefined, 'credentials-file:assume'],
    ]);
    assert.equal(parsed.found[1].secrets.accessKeySecret, 'prof-secret-root-not-real-00001');
    assert.deepEqual(parsed.found[2].role, {
      roleArn: 'acs:ram::3300000000000003:role/deployer', sessionName: 'session', durationSeconds: 3600, externalId: undefined, policy: undefined, sourceName: undefined,
    });
    assert.equal(parsed.found[2].secrets.accessKeySecret, 'prof-secret-quinn-not-real-0001', 'the key that assumes the role');
  });

  it('reads a ram_role_arn section\'s session policy, and refuses one that is not JSON', () => {
    const section = (policy: string) => `[r]\ntype = ram_role_arn\naccess_key_id = LTAI5tProfQuinn000000001\naccess_key_secret = prof-secret-quinn-not-real-0001\nrole_arn = acs:ram::3300000000000003:role/deployer\n${policy}\n`;
    const good = readCredentialsFile(section('policy = {"Version":"1","Statement":[{"Effect":"Allow","Action":"slb:Describe*","Resource":"*"}]}'), LABEL);
    assert.equal(good.found[0].role?.policy, '{"Version":"1","Statement":[{"Effect":"Allow","Action":"slb:Describe*","Resource":"*"}]}');
    assert.equal(good.found[0].role?.sessionName, 'vscode-session', 'a missing session name is made up, as the SDKs do');
    const bad = readCredentialsFile(section('policy = slb:Describe*'), LABEL);
    assert.deepEqual(bad.found, []);
    assert.match(bad.notImportable[0].reason, /^its policy is not valid\. The session policy is not JSON/);
    const arn = readCredentialsFile(section('').replace('role/deployer', 'user/quinn'), LABEL);
    assert.match(arn.notImportable[0].reason, /^its role_arn is not valid\. A role ARN looks like acs:ram::/);
  });

  it('lists the other sections as not importable, saying why', () => {
    const reasons = Object.fromEntries(parsed.notImportable.map((n) => [n.name, `${n.mode}: ${n.reason}`]));
    assert.match(reasons['on-ecs'], /^ecs_ram_role: .*EcsRole/);
    assert.match(reasons['switched-off'], /enable = false/);
    assert.match(reasons.half, /no access_key_id or no access_key_secret/);
    assert.equal(parsed.notImportable.length, 3);
  });

  it('refuses a file cut off inside a section header, naming the line', () => {
    assert.match(failure(() => readCredentialsFile(readFixture('credentials', 'truncated'), LABEL)).message,
      /^~\/\.alibabacloud\/credentials: line 5: a section header .* is not closed/);
  });

  it('refuses a file cut off in the middle of a line', () => {
    assert.match(failure(() => readCredentialsFile(readFixture('credentials', 'cut-mid-line'), LABEL)).message, /line 4 is not "key = value"/);
  });

  it('refuses a section without a name and a line of garbage', () => {
    assert.match(failure(() => readCredentialsFile('[]\ntype = access_key\n', LABEL)).message, /line 1: a section has no name/);
    assert.match(failure(() => readCredentialsFile('[a]\nprof-secret-pat-not-real-000001\n', LABEL)).message, /line 2 is not/);
  });

  it('honours ALIBABA_CLOUD_CREDENTIALS_FILE', () => {
    assert.equal(defaultCredentialsFilePath({}, '/home/u'), '/home/u/.alibabacloud/credentials');
    assert.equal(defaultCredentialsFilePath({ ALIBABA_CLOUD_CREDENTIALS_FILE: '/etc/ali/creds' }, '/home/u'), '/etc/ali/creds');
    assert.equal(defaultCredentialsFilePath({ ALIBABA_CLOUD_CREDENTIALS_FILE: '~/x/creds' }, '/home/u'), '/home/u/x/creds');
    assert.equal(defaultCredentialsFilePath({ ALIBABA_CLOUD_CREDENTIALS_FILE: '  ' }, '/home/u'), '/home/u/.alibabacloud/credentials');
  });

  it('removes only the secret lines of the chosen sections, every other byte kept', () => {
    const { text, removed } = removeIniSecrets(content, LABEL, ['prod']);
    assert.equal(removed, 1);
    const lines = content.split('\n');
    const kept = text.split('\n');
    assert.deepEqual(kept, lines.filter((l) => l !== 'access_key_secret = prof-secret-root-not-real-00001'));
    assert.ok(text.includes('prof-secret-pat-not-real-000001'), 'another section lost its secret');
  });

  it('keeps CRLF line endings when removing', () => {
    const crlf = '[default]\r\ntype = access_key\r\naccess_key_id = LTAI5tProfPat00000000001\r\naccess_key_secret = prof-secret-pat-not-real-000001\r\n# note\r\n';
    const { text } = removeIniSecrets(crlf, LABEL, ['default']);
    assert.equal(text, '[default]\r\ntype = access_key\r\naccess_key_id = LTAI5tProfPat00000000001\r\n# note\r\n');
  });
});
