// Seed part for the CloudSSO import and diagnosis tests: one directory user assigned to one
// account with two access configurations (one may read SLB, one only RAM, to see a missing
// permission named), and an account the user is not assigned to. The directory's settings
// (lifetimes, page size) come from cloudSso.mjs.
export const IMPORT_SSO = {
  account: '3900000000000009',
  unassigned: '3900000000000008',
  user: { userName: 'sso-import@corp.example', password: 'it-sso-password-import-not-real' },
  ac: { slb: 'ac-itimpslb0001', ramOnly: 'ac-itimpram0001' },
};

const account = (accountId, lbName) => ({
  accountId,
  loadBalancers: [{ regionId: 'cn-hangzhou', loadBalancerId: `lb-ssoimp00000000000${accountId.slice(-1)}`, loadBalancerName: lbName, address: `47.0.0.9${accountId.slice(-1)}` }],
});

export default {
  accounts: [account(IMPORT_SSO.account, 'sso-import-web'), account(IMPORT_SSO.unassigned, 'sso-import-other')],
  cloudSso: {
    accessConfigurations: [
      { id: IMPORT_SSO.ac.slb, name: 'ImportSlbReader', description: 'Read SLB', policies: ['AliyunSLBReadOnlyAccess'], sessionDuration: 3600 },
      { id: IMPORT_SSO.ac.ramOnly, name: 'ImportRamReader', description: 'Read RAM only', policies: ['AliyunRAMReadOnlyAccess'], sessionDuration: 3600 },
    ],
    users: [{
      userName: IMPORT_SSO.user.userName,
      password: IMPORT_SSO.user.password,
      assignments: [{ accountId: IMPORT_SSO.account, accessConfigurations: [IMPORT_SSO.ac.slb, IMPORT_SSO.ac.ramOnly] }],
    }],
    accountDisplayNames: { [IMPORT_SSO.account]: 'SSO Import', [IMPORT_SSO.unassigned]: 'SSO Import Other' },
  },
};
