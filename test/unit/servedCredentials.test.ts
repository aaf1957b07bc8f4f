import * as assert from 'node:assert/strict';
import { SignInExpiredError } from '../../src/credentials/cloudSso/cloudSsoCredentials';
import type { Profile } from '../../src/credentials/profile';
import type { SessionCredentials } from '../../src/credentials/profileSessions';
import { ServeRefusal } from '../../src/credentials/serving/credentialsServer';
import { rolesAssumedWith, servedCredentials, UNKNOWN_EXPIRY_HORIZON_MS, type ServingSources } from '../../src/credentials/serving/servedCredentials';

const NOW = Date.parse('2026-12-06T10:00:00Z');
const base = { regionId: 'cn-hangzhou', source: 'manual', createdAt: '2026-01-01T00:00:00Z' };
const key: Profile = { ...base, id: 'key', name: 'key', kind: 'AccessKey', accessKeyId: 'LTAI5tServeKey0000000001' };
const other: Profile = { ...base, id: 'other', name: 'other', kind: 'AccessKey', accessKeyId: 'LTAI5tServeOther00000001' };
const role = (id: string, sourceProfileId: string): Profile => ({
  ...base, id, name: id, kind: 'RamRole', accessKeyId: '',
  role: { roleArn: `acs:ram::1234567890123456:role/${id}`, sourceProfileId, sessionName: 's', durationSeconds: 3600 },
});
const reader = role('reader', 'key');
const chained = role('chained', 'reader');
const elsewhere = role('elsewhere', 'other');
const sts = (expiration?: string): Profile => ({ ...base, id: 'sts', name: 'sts', kind: 'StsToken', accessKeyId: 'STS.NServeToken000000001', expiration });

const LONG_LIVED = { accessKeyId: key.accessKeyId, accessKeySecret: 'long-lived-secret-not-real' };
const ROLE_CREDS = { accessKeyId: 'STS.NRoleServed000000001', accessKeySecret: 'role-temp-secret-not-real', securityToken: 'role-token', expiration: '2026-12-06T11:00:00Z' };
const STS_CREDS = { accessKeyId: 'STS.NServeToken000000001', accessKeySecret: 'sts-secret-not-real', securityToken: 'sts-token' };

function sources(roleFor: Record<string, string> = {}) {
  const asked: string[] = [];
  const all = [key, other, reader, chained, elsewhere];
  const s: ServingSources = {
    get: async (id) => all.find((p) => p.id === id),
    credentialsFor: async (p): Promise<SessionCredentials> => {
      asked.push(p.id);
      return p.kind === 'RamRole' ? ROLE_CREDS : p.kind === 'StsToken' ? STS_CREDS : LONG_LIVED;
    },
    roleFor: (id) => roleFor[id],
    now: () => NOW,
  };
  return { s, asked };
}

async function refusal(p: Promise<unknown>): Promise<ServeRefusal> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof ServeRefusal, `expected a ServeRefusal, got ${String(error)}`);
  return error;
}

describe('what the credentials endpoint serves for each kind of profile', () => {
  it('a role profile: its temporary credentials, renewed by RoleCredentials', async () => {
    assert.deepEqual(await servedCredentials(reader, sources().s), ROLE_CREDS);
  });

  it('a CloudSSO profile: its temporary credentials from the portal, served directly; an ended sign-in is refused with its reason', async () => {
    const sso: Profile = {
      ...base, id: 'sso', name: 'sso', kind: 'CloudSSO', accessKeyId: '',
      sso: { signInUrl: 'https://signin-cn-shanghai.alibabacloudsso.com/start/login', accountId: '1234567890123456', accessConfigurationId: 'ac-read' },
    };
    const { s, asked } = sources();
    const SSO_CREDS = { accessKeyId: 'STS.NSsoServed0000000001', accessKeySecret: 'sso-temp-secret-not-real', securityToken: 'sso-token', expiration: '2026-12-06T11:00:00Z' };
    assert.deepEqual(await servedCredentials(sso, { ...s, credentialsFor: async (p) => (asked.push(p.id), SSO_CREDS) }), SSO_CREDS);
    assert.deepEqual(asked, ['sso']);
    const ended = await refusal(servedCredentials(sso, { ...s, credentialsFor: async () => { throw new SignInExpiredError(sso.sso!.signInUrl, { profileName: 'sso' }); } }));
    assert.equal(ended.code, 'CredentialsUnavailable');
    assert.match(ended.message, /[Ss]ign in again/);
  });

  it('an STS token profile: the token until its stored expiry, in the form every SDK parses', async () => {
    const served = await servedCredentials(sts('2026-12-06T18:30:00+08:00'), sources().s);
    assert.deepEqual(served, { ...STS_CREDS, expiration: '2026-12-06T10:30:00Z' });
  });

  it('an STS token profile whose expiry is unknown: served as lasting 20 minutes from each request', async () => {
    const served = await servedCredentials(sts(undefined), sources().s);
    assert.equal(Date.parse(served.expiration), NOW + UNKNOWN_EXPIRY_HORIZON_MS);
  });

  it('an expired STS token is refused, saying so', async () => {
    const refused = await refusal(servedCredentials(sts('2026-12-06T09:59:00Z'), sources().s));
    assert.equal(refused.code, 'CredentialsExpired');
    assert.match(refused.message, /"sts" has expired/);
  });

  it('an AccessKey profile without a chosen role: refused, and its long-lived secret is never even read', async () => {
    const { s, asked } = sources();
    const refused = await refusal(servedCredentials(key, s));
    assert.equal(refused.code, 'RoleNotChosen');
    assert.match(refused.message, /long-lived AccessKey, which is never served/);
    assert.deepEqual(asked, []);
  });

  it('an AccessKey profile through the role chosen for it: the role\'s credentials', async () => {
    const { s, asked } = sources({ key: 'reader' });
    assert.deepEqual(await servedCredentials(key, s), ROLE_CREDS);
    assert.deepEqual(asked, ['reader']);
  });

  it('an AccessKey profile whose chosen role profile is gone: refused like one without a role', async () => {
    assert.equal((await refusal(servedCredentials(key, sources({ key: 'deleted' }).s))).code, 'RoleNotChosen');
    // A chosen id that names an AccessKey profile is no role either.
    assert.equal((await refusal(servedCredentials(key, sources({ key: 'other' }).s))).code, 'RoleNotChosen');
  });

  it('credentials that cannot be had are refused with a message safe to show, never the raw error', async () => {
    const { s } = sources();
    const failing: ServingSources = { ...s, credentialsFor: async () => { throw new Error('connect ECONNREFUSED https://sts.aliyuncs.com/?Signature=abc'); } };
    const refused = await refusal(servedCredentials(reader, failing));
    assert.equal(refused.code, 'CredentialsUnavailable');
    assert.ok(!refused.message.includes('Signature=abc'), refused.message);
  });

  it('credentials without a security token are never served', async () => {
    const { s } = sources();
    const noToken: ServingSources = { ...s, credentialsFor: async () => ({ accessKeyId: 'STS.x', accessKeySecret: 'y' }) };
    assert.equal((await refusal(servedCredentials(sts(undefined), noToken))).code, 'NoSecurityToken');
  });

  it('offers for an AccessKey profile the role profiles that assume a role with it, chains included', async () => {
    const offered = await rolesAssumedWith(key, [key, other, reader, chained, elsewhere]);
    assert.deepEqual(offered.map((p) => p.id), ['reader', 'chained']);
  });
});
