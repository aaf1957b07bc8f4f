// The claim behind endpointVariables, checked against the real default chain of
// @alicloud/credentials (providers/default.js): with both ~/.aliyun/config.json and
// ~/.alibabacloud/credentials populated, keys in the shell's environment and OIDC variables set,
// the chain still reaches ALIBABA_CLOUD_CREDENTIALS_URI; and each variable is needed for that.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DefaultCredentialsProvider } from '@alicloud/credentials';
import { CredentialsServer } from '../../src/credentials/serving/credentialsServer';
import { endpointVariables } from '../../src/credentials/serving/programEnvironment';
import { MemoryLog } from './fakes';

const SERVED = { accessKeyId: 'STS.NServedByEndpoint0001', accessKeySecret: 'served-secret-not-real', securityToken: 'served-token-not-real', expiration: '2099-01-01T00:00:00Z' };

/** What a person's machine may already have: a shell with keys, an OIDC setup, and the CLI's and SDKs' files. */
function machine(home: string): Record<string, string> {
  fs.mkdirSync(path.join(home, '.aliyun'), { recursive: true });
  fs.writeFileSync(path.join(home, '.aliyun', 'config.json'), JSON.stringify({
    current: 'cli', profiles: [{ name: 'cli', mode: 'AK', access_key_id: 'LTAI5tFromCliConfig00001', access_key_secret: 'cli-secret-not-real', region_id: 'cn-hangzhou' }],
  }));
  fs.mkdirSync(path.join(home, '.alibabacloud'), { recursive: true });
  fs.writeFileSync(path.join(home, '.alibabacloud', 'credentials'), '[default]\ntype = access_key\naccess_key_id = LTAI5tFromCredentialsFile1\naccess_key_secret = file-secret-not-real\n');
  const token = path.join(home, 'oidc-token');
  fs.writeFileSync(token, 'oidc-token-not-real');
  return {
    HOME: home,
    USERPROFILE: home,
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tFromTheShell000001',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'shell-secret-not-real',
    ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1234567890123456:role/oidc',
    ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1234567890123456:oidc-provider/test',
    ALIBABA_CLOUD_OIDC_TOKEN_FILE: token,
  };
}

/** Runs `fn` with exactly these ALIBABA_CLOUD_* (and HOME) variables in process.env, as a program would see them. */
async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('ALIBABA_CLOUD_')) {
      delete process.env[key];
    }
  }
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(process.env)) {
      if (!(key in saved)) {
        delete process.env[key];
      }
    }
    Object.assign(process.env, saved);
  }
}

interface Chain {
  providers: Array<{ getProviderName(): string }>;
  getCredentials(): Promise<{ accessKeyId: string; providerName: string }>;
}

const chainOf = () => DefaultCredentialsProvider.builder().build() as unknown as Chain;

describe('credentials endpoint: the variables that make the SDKs\' default chain ask it', () => {
  let server: CredentialsServer;
  let url: string;
  let home: string;
  let shell: Record<string, string>;
  before(async () => {
    server = new CredentialsServer({ source: async () => SERVED, log: new MemoryLog() });
    url = (await server.start()).url;
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'endpoint-home-'));
    shell = machine(home);
  });
  after(async () => {
    await server.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('reach the endpoint past the shell\'s keys, OIDC, the CLI config, the credentials file and ECS metadata', async () => {
    const result = await withEnv({ ...shell, ...endpointVariables(url, 'cn-shanghai') }, async () => {
      const chain = chainOf();
      return { names: chain.providers.map((p) => p.getProviderName()), credentials: await chain.getCredentials() };
    });
    // The env and profile providers are always built, and step aside when asked; the others are not even built.
    assert.deepEqual(result.names, ['env', 'profile', 'credential_uri']);
    assert.equal(result.credentials.accessKeyId, SERVED.accessKeyId);
    assert.equal(result.credentials.providerName, 'default/credential_uri');
  });

  const without = (...names: string[]) => Object.fromEntries(Object.entries(endpointVariables(url, 'cn-shanghai')).filter(([key]) => !names.includes(key)));
  const winner = (env: Record<string, string>) => withEnv(env, async () => (await chainOf().getCredentials()).providerName);
  const built = (env: Record<string, string>) => withEnv(env, async () => chainOf().providers.map((p) => p.getProviderName()));

  it('needs the empty key variables: the shell\'s key would win', async () => {
    assert.equal(await winner({ ...shell, ...without('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN') }), 'default/env');
    // Either empty one is enough to make it step aside.
    assert.equal(await winner({ ...shell, ...without('ALIBABA_CLOUD_ACCESS_KEY_ID') }), 'default/credential_uri');
  });

  it('needs ALIBABA_CLOUD_CLI_PROFILE_DISABLED: the CLI\'s current profile would win', async () => {
    assert.match(await winner({ ...shell, ...without('ALIBABA_CLOUD_CLI_PROFILE_DISABLED') }), /^default\/cli_profile/);
  });

  it('needs ALIBABA_CLOUD_CREDENTIALS_FILE pointing at an empty file: the [default] section would win', async () => {
    assert.match(await winner({ ...shell, ...without('ALIBABA_CLOUD_CREDENTIALS_FILE') }), /^default\/profile/);
  });

  it('needs ALIBABA_CLOUD_ECS_METADATA_DISABLED: the metadata service would be asked first', async () => {
    assert.ok((await built({ ...shell, ...without('ALIBABA_CLOUD_ECS_METADATA_DISABLED') })).includes('ecs_ram_role'));
  });

  it('needs the empty ALIBABA_CLOUD_ROLE_ARN: an OIDC setup in the shell would be tried first', async () => {
    assert.ok((await built({ ...shell, ...without('ALIBABA_CLOUD_ROLE_ARN') })).includes('oidc_role_arn'));
  });

  it('sets the region, and names every variable it sets', () => {
    const vars = endpointVariables(url, 'cn-shanghai');
    assert.equal(vars.ALIBABA_CLOUD_CREDENTIALS_URI, url);
    assert.equal(vars.ALIBABA_CLOUD_REGION_ID, 'cn-shanghai');
    assert.equal(vars.ALIBABA_CLOUD_CREDENTIALS_FILE, os.devNull);
    assert.ok(!Object.values(vars).some((v) => v.includes('secret')), 'no secret among the variables');
  });
});
