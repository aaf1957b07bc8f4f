// Seed part for the RAM view's roles branch: its own account, a user who may read RAM and assume
// roles, one who may only assume roles, a few roles with each kind of trust (and an external ID),
// and enough generated roles for two ListRoles pages.
const ACCOUNT = '3700000000000007';
export const BULK_ROLES = 1050;

const key = (accessKeyId) => ({
  accessKeyId,
  accessKeySecret: `role-secret-${accessKeyId.slice(9).toLowerCase()}-not-real`,
  status: 'Active',
  createDate: '2026-01-01T00:00:00Z',
});

export default {
  accounts: [{
    accountId: ACCOUNT,
    rootAccessKeys: [key('LTAI5tRvRoot000000000001')],
    users: [
      { userName: 'role-reader', displayName: 'Role Reader', policies: ['AliyunRAMReadOnlyAccess', 'AliyunSTSAssumeRoleAccess'], accessKeys: [key('LTAI5tRvReader0000000001')] },
      { userName: 'role-noram', displayName: 'No RAM Read', policies: ['AliyunSTSAssumeRoleAccess'], accessKeys: [key('LTAI5tRvNoRam00000000001')] },
    ],
    roles: [
      { roleName: 'viewer', description: 'Reads RAM and SLB', maxSessionDuration: 3600, trust: { users: ['role-reader'] }, policies: ['AliyunRAMReadOnlyAccess', 'AliyunSLBReadOnlyAccess'] },
      { roleName: 'deployer', description: 'CI deploys the shop', maxSessionDuration: 7200, trust: { users: ['role-reader'], roles: ['broker'], externalId: 'deploy-ext-123' }, policies: ['AliyunSLBReadOnlyAccess'] },
      { roleName: 'broker', description: 'Assumes other roles', maxSessionDuration: 43200, trust: { account: true }, policies: ['AliyunSTSAssumeRoleAccess'] },
      { roleName: 'sealed', description: 'Nobody may assume it', trust: {} },
      ...Array.from({ length: BULK_ROLES }, (_, i) => ({ roleName: `bulk-role-${String(i).padStart(4, '0')}`, description: `Bulk role ${i}` })),
    ],
  }],
};
