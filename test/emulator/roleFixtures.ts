/**
 * Test data for roles, AssumeRole and the credential report: the test seed plus roles, users who may
 * assume them, and the report's optional user fields.
 */
import { ACCOUNT, K, OTHER_ACCOUNT, testSeed, type Cred } from './helpers';
import type { SeedFile } from './seed';

export const R = {
  assumer: { accessKeyId: 'LTAI5tTestAssumerKey0001', accessKeySecret: 'test-secret-assumer-not-real' },
  boss: { accessKeyId: 'LTAI5tTestBossKey0000001', accessKeySecret: 'test-secret-boss-not-real' },
  stranger: { accessKeyId: 'LTAI5tTestStrangerKey001', accessKeySecret: 'test-secret-stranger-not-real' },
} satisfies Record<string, Cred>;

export const ROLE_IDS = {
  Deployer: '300000000000000201',
  auditor: '300000000000000202',
  partner: '300000000000000203',
  broker: '300000000000000204',
  chained: '300000000000000205',
  admin: '300000000000000206',
};

export const arnOf = (roleName: string, account = ACCOUNT): string => `acs:ram::${account}:role/${roleName.toLowerCase()}`;

/**
 * - assumer (sts:AssumeRole) is trusted by Deployer, partner (external id), broker and admin;
 * - stranger (sts:AssumeRole) only by what trusts the whole account (auditor);
 * - bob (SLB read-only, no sts:AssumeRole) and root only by the account;
 * - chained trusts only the roles broker and admin (role chaining).
 */
export function rolesSeed(): SeedFile {
  const seed = testSeed();
  const a = seed.accounts[0];
  a.users = [
    ...(a.users ?? []),
    { userName: 'assumer', userId: '2100000000000011', policies: ['AliyunSTSAssumeRoleAccess'], accessKeys: [{ ...R.assumer }], passwordExist: true, mfaActive: true, lastLogon: '2026-10-01T08:00:00Z' },
    { userName: 'boss', userId: '2100000000000012', policies: ['AdministratorAccess'], accessKeys: [{ ...R.boss }], passwordExist: true },
    { userName: 'stranger', userId: '2100000000000013', policies: ['AliyunSTSAssumeRoleAccess'], accessKeys: [{ ...R.stranger }] },
  ];
  a.roles = [
    { roleName: 'Deployer', roleId: ROLE_IDS.Deployer, description: 'deploys', createDate: '2024-01-02T03:04:05Z', trust: { users: ['assumer', 'alice'] }, policies: ['AliyunSLBFullAccess'] },
    { roleName: 'auditor', roleId: ROLE_IDS.auditor, maxSessionDuration: 7200, trust: { account: true }, policies: ['AliyunRAMReadOnlyAccess', 'AliyunSLBReadOnlyAccess'] },
    { roleName: 'partner', roleId: ROLE_IDS.partner, trust: { users: ['assumer'], externalId: 'ext-id-123' }, policies: ['AliyunSLBReadOnlyAccess'] },
    { roleName: 'broker', roleId: ROLE_IDS.broker, trust: { users: ['assumer'] }, policies: ['AliyunSTSAssumeRoleAccess'] },
    { roleName: 'chained', roleId: ROLE_IDS.chained, trust: { roles: ['broker', 'admin'] }, policies: ['AliyunRAMReadOnlyAccess'] },
    { roleName: 'admin', roleId: ROLE_IDS.admin, maxSessionDuration: 43200, trust: { users: ['assumer'] }, policies: ['AdministratorAccess'] },
  ];
  seed.accounts[1].roles = [{ roleName: 'foreign', trust: { account: true }, policies: ['AliyunSLBReadOnlyAccess'] }];
  return seed;
}

export { ACCOUNT, K, OTHER_ACCOUNT };
