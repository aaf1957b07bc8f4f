import * as assert from 'node:assert/strict';
import { AliyunError } from '../../src/aliyun/errors';
import type { RoleService } from '../../src/aliyun/roleService';
import { parseTrust, trusts, trustStatementFor } from '../../src/aliyun/roleTrust';
import type { AttachedPolicy, CallerIdentity, RamRole } from '../../src/aliyun/types';
import type { RoleDefinition } from '../../src/credentials/profile';
import { diagnoseAssumeRole } from '../../src/credentials/roles/roleDiagnosis';

const ACCOUNT = '1234567890123456';
const ALICE: CallerIdentity = { identityType: 'RAMUser', accountId: ACCOUNT, principalId: '2001', userId: '2001', arn: `acs:ram::${ACCOUNT}:user/alice` };
const ROOT: CallerIdentity = { identityType: 'Account', accountId: ACCOUNT, principalId: ACCOUNT, arn: `acs:ram::${ACCOUNT}:root` };
const BROKER: CallerIdentity = { identityType: 'AssumedRoleUser', accountId: ACCOUNT, principalId: '3001:me', roleId: '3001', arn: `acs:ram::${ACCOUNT}:assumed-role/Broker/me` };
const ROLE: RoleDefinition = { roleArn: `acs:ram::${ACCOUNT}:role/deployer`, sourceProfileId: 'p', sessionName: 'me', durationSeconds: 7200 };

function trustDoc(principals: string[], externalId?: string): string {
  return JSON.stringify({ Version: '1', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: principals }, ...(externalId ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}) }] });
}

function refused(code: string, message = 'You are not authorized to do this action. You should be authorized by RAM.'): AliyunError {
  return new AliyunError({ kind: code === 'NoPermission' ? 'noPermission' : 'invalidInput', code, message, product: 'sts', action: 'AssumeRole', endpoint: 'sts.aliyuncs.com', serviceMessage: message });
}

/** What the source may read: a role (or a refusal) and its own policies (or a refusal). */
function ram(role?: Partial<RamRole>, policies?: AttachedPolicy[]): RoleService {
  const denied = () => Promise.reject(refused('NoPermission'));
  return {
    getRole: async () => (role ? { roleName: 'deployer', roleId: '1', arn: ROLE.roleArn, ...role } : denied()),
    listPoliciesForUser: async () => policies ?? denied(),
    listPoliciesForRole: async () => policies ?? denied(),
  } as unknown as RoleService;
}

const system = (...names: string[]) => names.map((policyName) => ({ policyName, policyType: 'System' }));

describe('role trust policies', () => {
  it('reads users, roles, the whole account and the external ID', () => {
    const trust = parseTrust(trustDoc([`acs:ram::${ACCOUNT}:user/alice`, `acs:ram::${ACCOUNT}:role/broker`], 'ext-1'));
    assert.deepEqual(trust, { principals: [`acs:ram::${ACCOUNT}:user/alice`, `acs:ram::${ACCOUNT}:role/broker`], services: [], externalId: 'ext-1' });
    assert.equal(trusts(trust!, ALICE), true);
    assert.equal(trusts(trust!, BROKER), true, 'an assumed role is named by its role (lower case)');
    assert.equal(trusts(parseTrust(trustDoc([`acs:ram::${ACCOUNT}:root`]))!, ALICE), true, 'the whole account');
    assert.equal(trusts(parseTrust(trustDoc([`acs:ram::${ACCOUNT}:user/bob`]))!, ALICE), false);
    assert.equal(parseTrust('not json'), undefined);
  });

  it('writes the statement that would let the caller in', () => {
    assert.deepEqual(JSON.parse(trustStatementFor(BROKER, 'ext-1')!), {
      Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: [`acs:ram::${ACCOUNT}:role/broker`] }, Condition: { StringEquals: { 'sts:ExternalId': 'ext-1' } },
    });
  });
});

describe('why AssumeRole was refused', () => {
  it('says a root key cannot assume a role', async () => {
    const d = await diagnoseAssumeRole(refused('NoPermission', 'Roles may not be assumed by root accounts.'), ROLE, ROOT, ram());
    assert.equal(d.fields.roleCause, 'root');
    assert.match(d.text, /root/);
  });

  it('names an unknown role', async () => {
    const d = await diagnoseAssumeRole(refused('EntityNotExist.Role'), ROLE, ALICE, ram());
    assert.equal(d.fields.roleCause, 'unknownRole');
    assert.match(d.text, /no role named deployer/);
  });

  it('gives the role\'s maximum duration when it may be read', async () => {
    const d = await diagnoseAssumeRole(refused('InvalidParameter.DurationSeconds'), ROLE, ALICE, ram({ maxSessionDuration: 3600 }));
    assert.match(d.text, /at most 3600 seconds; this profile asks for 7200/);
    assert.equal(d.fields.maxSessionDuration, 3600);
  });

  it('tells a trust policy that does not name the caller, with the statement to add', async () => {
    const d = await diagnoseAssumeRole(refused('NoPermission'), ROLE, ALICE, ram({ assumeRolePolicyDocument: trustDoc([`acs:ram::${ACCOUNT}:user/bob`]) }, system('AliyunSTSAssumeRoleAccess')));
    assert.equal(d.fields.roleCause, 'trust');
    assert.match(d.text, /does not name acs:ram::1234567890123456:user\/alice; it trusts acs:ram::1234567890123456:user\/bob/);
    assert.ok(d.fields.trustStatement?.includes('user/alice'));
    assert.equal(d.fields.policyDocument, undefined, 'the permission is there: no policy offered');
  });

  it('tells a missing or wrong external ID', async () => {
    const doc = trustDoc([`acs:ram::${ACCOUNT}:user/alice`], 'ext-1');
    const missing = await diagnoseAssumeRole(refused('NoPermission'), ROLE, ALICE, ram({ assumeRolePolicyDocument: doc }, system('AliyunSTSAssumeRoleAccess')));
    assert.equal(missing.fields.roleCause, 'externalId');
    assert.match(missing.text, /asks for an external ID, and this profile passes none/);
    const wrong = await diagnoseAssumeRole(refused('NoPermission'), { ...ROLE, externalId: 'ext-2' }, ALICE, ram({ assumeRolePolicyDocument: doc }, system('AliyunSTSAssumeRoleAccess')));
    assert.match(wrong.text, /another external ID/);
  });

  it('tells a caller without sts:AssumeRole, with the policy that grants it', async () => {
    const d = await diagnoseAssumeRole(refused('NoPermission'), ROLE, ALICE, ram({ assumeRolePolicyDocument: trustDoc([`acs:ram::${ACCOUNT}:root`]) }, system('AliyunSLBReadOnlyAccess')));
    assert.equal(d.fields.roleCause, 'permission');
    assert.equal(d.fields.suggestedPolicy, 'AliyunSTSAssumeRoleAccess');
    assert.deepEqual(JSON.parse(d.fields.policyDocument ?? '{}').Statement[0].Resource, ROLE.roleArn);
  });

  it('gives all three causes and fixes when RAM may not be read', async () => {
    const d = await diagnoseAssumeRole(refused('NoPermission'), ROLE, ALICE, ram());
    assert.equal(d.fields.roleCause, 'unknown');
    assert.match(d.text, /\(1\).*\(2\).*\(3\)/s);
    assert.ok(d.fields.trustStatement && d.fields.policyDocument);
  });
});
