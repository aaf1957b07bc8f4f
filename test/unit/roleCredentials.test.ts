import * as assert from 'node:assert/strict';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import type { AssumeRoleRequest, Credentials } from '../../src/aliyun/types';
import type { Profile, RoleDefinition } from '../../src/credentials/profile';
import { storedCredentials } from '../../src/credentials/profileSessions';
import { RoleCredentials } from '../../src/credentials/roles/roleCredentials';
import { MemoryLog } from './fakes';

const NOW = Date.parse('2026-12-06T10:00:00Z');

function akProfile(id: string): Profile {
  return { id, name: id, kind: 'AccessKey', accessKeyId: `LTAI5t${id.padEnd(18, '0')}`, regionId: 'cn-hangzhou', source: 'manual', createdAt: '' };
}

function roleProfile(id: string, sourceProfileId: string, role: Partial<RoleDefinition> = {}): Profile {
  return {
    id, name: id, kind: 'RamRole', accessKeyId: '', regionId: 'cn-shanghai', source: 'manual', createdAt: '',
    role: { roleArn: `acs:ram::1234567890123456:role/${id}`, sourceProfileId, sessionName: 'me', durationSeconds: 3600, ...role },
  };
}

/** Profiles, and an STS that answers AssumeRole with who asked (by key) and counts the calls. */
function world(profiles: Profile[]) {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const asked: Array<{ by: string; request: AssumeRoleRequest }> = [];
  let n = 0;
  const store = { get: async (id: string) => byId.get(id), getSecrets: async (id: string) => (byId.has(id) ? { accessKeySecret: `secret-of-${id}` } : undefined) };
  const clients = {
    session: (credentials: Credentials) => ({
      roles: {
        assumeRole: async (request: AssumeRoleRequest) => {
          asked.push({ by: credentials.accessKeyId, request });
          await new Promise((r) => setTimeout(r, 5));
          n++;
          return { accessKeyId: `STS.${n}`, accessKeySecret: `temp${n}`, securityToken: `token${n}`, expiration: new Date(NOW + 3600_000).toISOString(), arn: `assumed/${request.roleArn}`, assumedRoleId: 'x' };
        },
      },
    }) as unknown as CloudSession,
  };
  const roles = new RoleCredentials({ store, clients, log: new MemoryLog(), now: () => NOW }, storedCredentials(store));
  return { roles, asked, byId };
}

describe('role profiles: temporary credentials from AssumeRole', () => {
  it('gives stored credentials for an AccessKey profile, unchanged', async () => {
    const { roles, asked } = world([akProfile('ak')]);
    assert.deepEqual(await roles.credentialsFor(akProfile('ak')), { accessKeyId: akProfile('ak').accessKeyId, accessKeySecret: 'secret-of-ak', securityToken: undefined });
    assert.equal(asked.length, 0);
  });

  it('assumes the role with the source\'s key and the profile\'s parameters, and remembers the assumed identity', async () => {
    const role = roleProfile('deployer', 'ak', { externalId: 'ext-1', durationSeconds: 900 });
    const { roles, asked } = world([akProfile('ak'), role]);
    const got = await roles.credentialsFor(role);
    assert.equal(got.securityToken, 'token1');
    assert.ok(got.expiration);
    assert.deepEqual(asked, [{ by: akProfile('ak').accessKeyId, request: { roleArn: role.role?.roleArn, roleSessionName: 'me', durationSeconds: 900, externalId: 'ext-1', policy: undefined } }]);
    assert.equal(roles.state('deployer')?.assumedArn, `assumed/${role.role?.roleArn}`);
  });

  it('follows a three-link chain, each link signed by the one before, and asks once for many callers', async () => {
    const a = roleProfile('broker', 'ak');
    const b = roleProfile('prod-operator', 'broker');
    const c = roleProfile('auditor', 'prod-operator');
    const { roles, asked } = world([akProfile('ak'), a, b, c]);
    const all = await Promise.all(Array.from({ length: 10 }, () => roles.credentialsFor(c)));
    assert.ok(all.every((x) => x.accessKeyId === all[0].accessKeyId));
    assert.deepEqual(asked.map((x) => [x.by, x.request.roleArn.split('/').pop()]), [
      [akProfile('ak').accessKeyId, 'broker'], ['STS.1', 'prod-operator'], ['STS.2', 'auditor'],
    ]);
  });

  it('refuses a chain that loops or a source that is gone, before asking STS', async () => {
    const x = roleProfile('x', 'y');
    const y = roleProfile('y', 'x');
    const orphan = roleProfile('orphan', 'gone');
    const { roles, asked } = world([x, y, orphan]);
    await assert.rejects(roles.credentialsFor(x), /leads back to itself through its source profiles \(x → y → x\)/);
    await assert.rejects(roles.credentialsFor(orphan), /The source profile of "orphan" is gone/);
    assert.equal(asked.length, 0);
  });

  it('assumes again when the role definition changes', async () => {
    const role = roleProfile('deployer', 'ak');
    const { roles, asked } = world([akProfile('ak'), role]);
    await roles.credentialsFor(role);
    await roles.credentialsFor(role);
    assert.equal(asked.length, 1);
    const edited = roleProfile('deployer', 'ak', { durationSeconds: 1800 });
    await roles.credentialsFor(edited);
    assert.equal(asked.length, 2);
  });
});
