// Seed part for the RAM explorer and AccessKey lifecycle integration tests (issue 4): its own
// account, keys prefixed LTAI5tRam…, named users for each scenario and 2,345 generated users.
const ACCOUNT = '3000000000000000';
export const BULK_USERS = 2345;

const key = (accessKeyId, extra = {}) => ({
  accessKeyId,
  accessKeySecret: `ram-secret-${accessKeyId.slice(9).toLowerCase()}-not-real`,
  status: 'Active',
  createDate: '2026-01-01T00:00:00Z',
  ...extra,
});
const user = (userName, policies, accessKeys = [], extra = {}) => ({ userName, displayName: userName, policies, accessKeys, ...extra });
const admin = ['AliyunRAMFullAccess'];

export default {
  accounts: [{
    accountId: ACCOUNT,
    rootAccessKeys: [key('LTAI5tRamRoot00000000001', { createDate: '2023-05-01T00:00:00Z' })],
    users: [
      user('ram-admin', admin, [key('LTAI5tRamAdmin0000000001')], { displayName: 'RAM Administrator' }),
      user('ram-noperm', [], [key('LTAI5tRamNoPerm000000001')]),
      user('ram-self', admin, [key('LTAI5tRamSelf00000000001')]),
      user('ram-selfdis', admin, [key('LTAI5tRamSelfDis00000001')]),
      user('ram-limit', [], [key('LTAI5tRamLimitActive0001'), key('LTAI5tRamLimitInactive01', { status: 'Inactive', createDate: '2024-02-01T00:00:00Z' })]),
      user('ram-full', [], [key('LTAI5tRamFullA0000000001'), key('LTAI5tRamFullB0000000001')]),
      user('ram-old', [], [
        key('LTAI5tRamOld000000000001', { createDate: '2020-01-01T00:00:00Z', lastUsedDate: '2021-01-01T00:00:00Z' }),
        key('LTAI5tRamNever0000000001', { createDate: '2024-01-01T00:00:00Z' }),
      ]),
      user('ram-create-a', []),
      user('ram-create-b', []),
      user('ram-create-c', []),
      user('ram-create-d', []),
      user('ram-create-lost', []),
      user('ram-create-lost2', []),
      user('ram-create-limit', [], [key('LTAI5tRamCreateLimit0001'), key('LTAI5tRamCreateLimitOld1', { status: 'Inactive' })]),
      user('ram-toggle', [], [key('LTAI5tRamToggle000000001'), key('LTAI5tRamToggle000000002')]),
      user('ram-rot-e2e', [], [key('LTAI5tRamRotE2E000000001')]),
      user('ram-rot-node', [], [key('LTAI5tRamRotNode00000001')]),
      user('ram-rot-limit', [], [key('LTAI5tRamRotLimit0000001'), key('LTAI5tRamRotLimitOld0001', { status: 'Inactive' })]),
      user('ram-rot-create', [], [key('LTAI5tRamRotCreate000001')]),
      user('ram-rot-lost', [], [key('LTAI5tRamRotLost00000001')]),
      user('ram-rot-verify', [], [key('LTAI5tRamRotVerify000001')]),
      user('ram-rot-disable', [], [key('LTAI5tRamRotDisable00001')]),
      user('ram-rot-disabled', [], [key('LTAI5tRamRotDisabled0001')]),
      ...Array.from({ length: BULK_USERS }, (_, i) => {
        const n = String(i).padStart(5, '0');
        return { userName: `ram-bulk-${n}`, displayName: `Bulk Person ${n}`, createDate: '2025-06-01T00:00:00Z' };
      }),
    ],
  }],
};
