import * as assert from 'node:assert/strict';
import { describeCliConfig, exportToCliConfig, type CliExport } from '../../src/credentials/exporters/aliyunCliExport';
import { SourceFileError } from '../../src/credentials/importers/types';
import { readFixture } from './importFixtures';

const LABEL = '~/.aliyun/config.json';
const request = (over: Partial<CliExport> = {}): CliExport => ({
  name: 'vscode-dev',
  profile: { kind: 'AccessKey', accessKeyId: 'LTAI5tProfPat00000000002', regionId: 'cn-chengdu' },
  secrets: { accessKeySecret: 'prof-secret-pat-not-real-000002' },
  setCurrent: false,
  replace: false,
  ...over,
});

describe('export: into the aliyun CLI config', () => {
  it('creates a config like the CLI writes it, without a current profile unless asked', () => {
    const result = exportToCliConfig(undefined, LABEL, request());
    assert.equal(result.created, true);
    assert.equal(result.current, '');
    assert.deepEqual(JSON.parse(result.text), {
      current: '',
      profiles: [{ name: 'vscode-dev', mode: 'AK', access_key_id: 'LTAI5tProfPat00000000002', access_key_secret: 'prof-secret-pat-not-real-000002', region_id: 'cn-chengdu', output_format: 'json', language: 'en' }],
      meta_path: '',
    });
    assert.match(result.text, /^\{\n\t"current": "",\n\t"profiles": \[\n\t\t\{\n\t\t\t"name"/);
    assert.equal(JSON.parse(exportToCliConfig('', LABEL, request({ setCurrent: true })).text).current, 'vscode-dev');
  });

  it('adds to an existing config, keeping other profiles, unknown fields and current', () => {
    const original = readFixture('aliyun', 'config.json');
    const result = exportToCliConfig(original, LABEL, request());
    const before = JSON.parse(original);
    const after = JSON.parse(result.text);
    assert.equal(after.current, 'default');
    assert.equal(after.x_top_level, 'kept');
    assert.deepEqual(after.profiles.slice(0, -1), before.profiles);
    assert.equal(after.profiles.at(-1).name, 'vscode-dev');
    assert.deepEqual(Object.keys(after), Object.keys(before));
  });

  it('refuses to overwrite a CLI profile unless asked, then keeps its other fields', () => {
    const original = readFixture('aliyun', 'config.json');
    assert.throws(() => exportToCliConfig(original, LABEL, request({ name: 'prod' })), (e: unknown) => e instanceof SourceFileError && /already has a profile "prod"/.test(e.message));
    const result = exportToCliConfig(original, LABEL, request({ name: 'prod', replace: true, setCurrent: true }));
    assert.equal(result.replaced, true);
    const after = JSON.parse(result.text);
    assert.equal(after.current, 'prod');
    const prod = after.profiles.find((p: { name: string }) => p.name === 'prod');
    assert.deepEqual(prod, {
      name: 'prod', mode: 'AK', access_key_id: 'LTAI5tProfPat00000000002', access_key_secret: 'prof-secret-pat-not-real-000002',
      region_id: 'cn-chengdu', output_format: 'json', language: 'zh', x_future_field: { keep: ['me', 1] },
    });
    assert.equal(after.profiles.length, JSON.parse(original).profiles.length);
  });

  it('writes an STS profile in StsToken mode, and clears a stale token when an AK replaces it', () => {
    const sts = exportToCliConfig(undefined, LABEL, request({
      profile: { kind: 'StsToken', accessKeyId: 'STS.NUProfToken000000001', regionId: 'cn-beijing' },
      secrets: { accessKeySecret: 'prof-secret-sts-not-real-00001', securityToken: 'prof-security-token-not-real-0001' },
    }));
    const p = JSON.parse(sts.text).profiles[0];
    assert.equal(p.mode, 'StsToken');
    assert.equal(p.sts_token, 'prof-security-token-not-real-0001');
    const replaced = JSON.parse(exportToCliConfig(sts.text, LABEL, request({ replace: true })).text).profiles[0];
    assert.equal(replaced.mode, 'AK');
    assert.equal(replaced.sts_token, '');
  });

  it('refuses a damaged config and changes nothing', () => {
    assert.throws(() => exportToCliConfig(readFixture('aliyun', 'truncated.json'), LABEL, request()), /ends too early/);
    assert.throws(() => exportToCliConfig('{"current":"x"}', LABEL, request()), /no "profiles" list/);
    assert.throws(() => describeCliConfig('{oops', LABEL), /not valid JSON/);
  });

  it('describes a config for the prompts', () => {
    assert.deepEqual(describeCliConfig(readFixture('aliyun', 'config.json'), LABEL).current, 'default');
    assert.ok(describeCliConfig(readFixture('aliyun', 'config.json'), LABEL).names.includes('temp'));
    assert.deepEqual(describeCliConfig(undefined, LABEL), { names: [], current: '' });
  });
});
