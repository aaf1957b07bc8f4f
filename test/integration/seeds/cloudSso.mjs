// Seed part for the CloudSSO sign-in integration tests: three accounts assigned to one directory
// user (one page per account and per access configuration, so every list takes several pages), a
// fourth account the user is not assigned to, and a poll interval of one second.
const ACCOUNTS = { prod: '3800000000000001', staging: '3800000000000002', sandbox: '3800000000000003', other: '3800000000000004' };

const account = (accountId, lbName) => ({
  accountId,
  users: [{ userName: `sso-resident-${accountId.slice(-1)}`, policies: [] }],
  loadBalancers: [{ regionId: 'cn-hangzhou', loadBalancerId: `lb-sso00000000000000${accountId.slice(-1)}`, loadBalancerName: lbName, address: `47.0.0.8${accountId.slice(-1)}` }],
});

export default {
  accounts: [
    account(ACCOUNTS.prod, 'sso-prod-web'),
    account(ACCOUNTS.staging, 'sso-staging-web'),
    account(ACCOUNTS.sandbox, 'sso-sandbox-web'),
    account(ACCOUNTS.other, 'sso-other-web'),
  ],
  cloudSso: {
    directoryId: 'd-00it0sso0001',
    accessConfigurations: [
      { id: 'ac-itreadonly01', name: 'ReadOnly', description: 'Read RAM and SLB', policies: ['AliyunRAMReadOnlyAccess', 'AliyunSLBReadOnlyAccess'], sessionDuration: 3600 },
      { id: 'ac-itslbonly001', name: 'SlbReader', description: 'Read SLB only', policies: ['AliyunSLBReadOnlyAccess'], sessionDuration: 3600 },
      { id: 'ac-itadmin00001', name: 'Administrator', description: 'Everything', policies: ['AdministratorAccess'], sessionDuration: 3600 },
    ],
    users: [
      {
        userName: 'sso-dev@corp.example',
        password: 'it-sso-password-dev-not-real',
        assignments: [
          { accountId: ACCOUNTS.prod, accessConfigurations: ['ac-itreadonly01', 'ac-itslbonly001', 'ac-itadmin00001'] },
          { accountId: ACCOUNTS.staging, accessConfigurations: ['ac-itreadonly01', 'ac-itslbonly001'] },
          { accountId: ACCOUNTS.sandbox, accessConfigurations: ['ac-itslbonly001'] },
        ],
      },
    ],
    accountDisplayNames: { [ACCOUNTS.prod]: 'SSO Production', [ACCOUNTS.staging]: 'SSO Staging', [ACCOUNTS.sandbox]: 'SSO Sandbox', [ACCOUNTS.other]: 'SSO Other' },
    deviceCodeSeconds: 600,
    intervalSeconds: 1,
    accessTokenSeconds: 28800,
    pageSize: 1,
  },
};
