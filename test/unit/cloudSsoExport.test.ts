import * as assert from 'node:assert/strict';
import { describeCloudSsoExport, exportCloudSsoToCli, type CloudSsoCliExport } from '../../src/credentials/exporters/cloudSsoExport';
import { readAliyunCliProfiles } from '../../src/credentials/importers/aliyunCli';
import { SourceFileError } from '../../src/credentials/importers/types';

const LABEL = '~/.aliyun/config.json';
const URL_A = 'https://signin-cn-shanghai.alibabacloudsso.com/start/login';
const CLI_TOKEN = 'sso-exp-cli-own-token-not-real-01';
const CLI_SECRET = 'sso-exp-cli-sts-secret-not-real-1';
const sso = { signInUrl: URL_A, accountId: '1234567890123456', accountName: 'shop', accessConfigurationId: 'ac-readonly01', accessConfigurationName: 'ReadOnly' };
const request = (over: Partial<CloudSsoCliExport> = {}): CloudSsoCliExport => ({
  name: 'shop-ro', profile: { name: 'shop / ReadOnly', regionId: 'cn-shanghai', sso }, setCurrent: false, replace: false, ...over,
});
const cli = (...profiles: object[]) => JSON.stringify({ current: 'dev', profiles, meta_path: '' }, null, '\t') + '\n';
/** What the CLI itself wrote after signing in: its token and cached STS credentials. */
const cliSso = (name: string, over: object = {}) => ({
  name, mode: 'CloudSSO', cloud_sso_sign_in_url: URL_A, access_token: CLI_TOKEN, cloud_sso_access_token_expire: 4102444800,
  cloud_sso_account_id: '1234567890123456', cloud_sso_access_config: 'ac-readonly01',
  access_key_id: 'STS.NUSsoExp000000000001', access_key_secret: CLI_SECRET, sts_token: 'sso-exp-sts-token', sts_expiration: 4102444800, region_id: 'cn-hangzhou', ...over,
});

describe('CloudSSO import/export: a CloudSSO profile to the aliyun CLI', () => {
  it('writes mode CloudSSO with the sign-in URL, account, access configuration and region, and no token or credentials', () => {
    const result = exportCloudSsoToCli(undefined, LABEL, request({ setCurrent: true }));
    assert.deepEqual([result.created, result.replaced, result.current], [true, false, 'shop-ro']);
    const [profile] = JSON.parse(result.text).profiles;
    assert.deepEqual(profile, {
      name: 'shop-ro', mode: 'CloudSSO', cloud_sso_sign_in_url: URL_A, cloud_sso_account_id: '1234567890123456', cloud_sso_access_config: 'ac-readonly01',
      region_id: 'cn-shanghai', output_format: 'json', language: 'en',
    });
    for (const field of ['access_token', 'cloud_sso_access_token_expire', 'access_key_id', 'access_key_secret', 'sts_token', 'sts_expiration']) {
      assert.ok(!(field in profile), `${field} was written`);
    }
    assert.match(result.text, /^\{\n\t"current"/, 'not tab-indented like the CLI');
  });

  it('reads back as the same CloudSSO profile, without a sign-in', () => {
    const [found] = readAliyunCliProfiles(exportCloudSsoToCli(undefined, LABEL, request()).text, LABEL).found;
    assert.deepEqual([found.kind, found.regionId, found.sso?.signInUrl, found.sso?.accountId, found.sso?.accessConfigurationId, found.sso?.tokenState],
      ['CloudSSO', 'cn-shanghai', URL_A, '1234567890123456', 'ac-readonly01', 'none']);
  });

  it('keeps the other profiles and current; refuses to overwrite a profile without replace', () => {
    const content = cli({ name: 'dev', mode: 'AK', access_key_id: 'LTAI5tSsoExpDev000000001', access_key_secret: 'dev-secret' });
    const result = exportCloudSsoToCli(content, LABEL, request());
    const after = JSON.parse(result.text);
    assert.equal(after.current, 'dev');
    assert.deepEqual(after.profiles[0], JSON.parse(content).profiles[0]);
    assert.throws(() => exportCloudSsoToCli(result.text, LABEL, request()), (e: unknown) => e instanceof SourceFileError && /already has a profile "shop-ro"/.test(e.message));
  });

  it('replacing: the CLI\'s own sign-in stays for the same assignment; for another one, or another kind, token and cached keys go', () => {
    const same = JSON.parse(exportCloudSsoToCli(cli(cliSso('shop-ro')), LABEL, request({ replace: true })).text).profiles[0];
    assert.equal(same.access_token, CLI_TOKEN, 'the CLI\'s own sign-in for this very assignment was dropped');
    assert.equal(same.region_id, 'cn-shanghai');
    const other = JSON.parse(exportCloudSsoToCli(cli(cliSso('shop-ro', { cloud_sso_access_config: 'ac-admin01' })), LABEL, request({ replace: true })).text).profiles[0];
    assert.equal(other.cloud_sso_access_config, 'ac-readonly01');
    for (const field of ['access_token', 'cloud_sso_access_token_expire', 'access_key_id', 'access_key_secret', 'sts_token', 'sts_expiration']) {
      assert.ok(!(field in other), `${field} of another access configuration stayed`);
    }
    const wasKey = JSON.parse(exportCloudSsoToCli(cli({ name: 'shop-ro', mode: 'RamRoleArn', access_key_id: 'LTAI5tX', access_key_secret: 'k-secret', ram_role_arn: 'acs:ram::1:role/x', ram_session_name: 's' }), LABEL, request({ replace: true })).text).profiles[0];
    assert.deepEqual(Object.keys(wasKey).sort(), ['cloud_sso_access_config', 'cloud_sso_account_id', 'cloud_sso_sign_in_url', 'mode', 'name', 'region_id']);
  });

  it('the question says what is written and that no token is', () => {
    const said = describeCloudSsoExport(request(), LABEL);
    assert.equal(said.message, 'Write CloudSSO profile "shop / ReadOnly" to ~/.aliyun/config.json?');
    assert.match(said.detail, /CLI profile "shop-ro" gets mode CloudSSO, the sign-in URL https:\/\/signin-cn-shanghai\.alibabacloudsso\.com\/start\/login, account 1234567890123456 and access configuration ac-readonly01/);
    assert.match(said.detail, /No access token and no credentials are written: the aliyun CLI signs in itself \(aliyun configure --profile shop-ro\)/);
  });
});
