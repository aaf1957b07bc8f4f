// Keys made for real, inside VS Code: Create AccessKey saved as a profile, and Rotate AccessKey.
// Their secrets exist only at run time (the emulator issues them); the runner's final secret scan
// asks the emulator for every secret it issued and must find none of them outside secret storage,
// and these two where they belong, in it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CreateAccessKeyResult } from '../../../src/commands/ram/createAccessKey';
import type { TestCredentialsResult } from '../../../src/commands/testCredentials';
import type { Profile } from '../../../src/credentials/profile';
import type { RotationResult } from '../../../src/credentials/keys/rotationTypes';
import { confirmed, control } from '../../integration/helpers';
import { exportsOf } from '../../integration/slbFixtures';
import { writeCounts } from '../counts';

/** test/reliability/seeds/keys.json */
const ACCOUNT = '7200000000000001';
const ROOT = { accessKeyId: 'LTAI5tRelKeyRoot00000001', accessKeySecret: 'relkey-secret-root-not-real-01' };
const ROTATED = { accessKeyId: 'LTAI5tRelKeyRotate000001', accessKeySecret: 'relkey-secret-rotate-not-real1' };

let checks = 0;
let keysMade = 0;
function check(condition: unknown, message: string): asserts condition {
  assert.ok(condition, message);
  checks++;
}

function run<T>(command: string, ...args: unknown[]): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T | undefined>(`alibabaCloud.${command}`, ...args);
}

async function keysOf(userName: string): Promise<Array<{ accessKeyId: string; status: string }>> {
  const state = (await control('GET', 'state')) as { accounts: Array<{ accountId: string; users: Array<{ userName: string; accessKeys: Array<{ accessKeyId: string; status: string }> }> }> };
  const user = state.accounts.find((a) => a.accountId === ACCOUNT)?.users.find((u) => u.userName === userName);
  assert.ok(user, `no user ${userName} in account ${ACCOUNT}: is seeds/keys.json loaded?`);
  return user.accessKeys;
}

async function issuedSecrets(): Promise<number> {
  return ((await control('GET', 'secrets')) as { secrets: string[] }).secrets.length;
}

/** Test Credentials with the profile's stored secret: a signed call answered as the RAM user. */
async function signsInAs(profileId: string, userName: string): Promise<void> {
  const result = await run<TestCredentialsResult>('testCredentials', { profileId });
  check(result?.ok && result.identity?.arn === `acs:ram::${ACCOUNT}:user/${userName}`, `${userName}'s profile: Test Credentials says ${result?.summary ?? 'nothing'}`);
}

describe('Keys made for real: created and saved as a profile, rotated', function () {
  this.timeout(120_000);
  let admin: Profile;

  before(async () => {
    const added = await run<Profile>('addProfile', { name: 'relkey-admin', ...ROOT, regionId: 'cn-hangzhou', activate: false });
    assert.ok(added, 'Add Profile');
    admin = added;
    await run('selectProfile', { profileId: admin.id });
  });

  after(() => {
    writeCounts({ part: 'vscode-keys', checks, extra: { keysMade } });
  });

  it('creates an AccessKey for a RAM user and keeps its secret as a profile that signs in', async () => {
    const issued = await issuedSecrets();
    const result = await run<CreateAccessKeyResult>('ram.createAccessKey', ...confirmed({ userName: 'relkey-create', choice: 'saveAsProfile', profileName: 'relkey-created' }));
    check(result?.outcome === 'created' && result.profileId, `Create AccessKey: ${JSON.stringify(result)} (see the Alibaba Cloud log)`);
    keysMade++;
    check(!JSON.stringify(result).includes('secret'), 'the command\'s result carries the secret');
    check((await keysOf('relkey-create')).map((k) => k.accessKeyId).join() === result.accessKeyId, 'the key is in the cloud');
    check((await issuedSecrets()) === issued + 1, 'the emulator did not issue exactly one new secret');
    const profile = (await exportsOf().profiles.list()).find((p) => p.id === result.profileId);
    check(profile?.accessKeyId === result.accessKeyId && profile.source === 'created', `the saved profile: ${JSON.stringify(profile)}`);
    await signsInAs(profile.id, 'relkey-create');
  });

  it('rotates a profile\'s key: the new key verified and stored, the old one disabled', async () => {
    const added = await run<Profile>('addProfile', { name: 'relkey-rotated', ...ROTATED, regionId: 'cn-hangzhou', activate: false });
    check(added, 'Add Profile');
    await run('selectProfile', { profileId: admin.id });
    const issued = await issuedSecrets();
    const result = await run<RotationResult>('ram.rotateAccessKey', ...confirmed({ profileId: added.id, verifyAttempts: 3, verifyDelayMs: 200 }));
    check(result?.status === 'done', `Rotate AccessKey: ${JSON.stringify(result)} (see the Alibaba Cloud log)`);
    keysMade++;
    check(result.oldAccessKeyId === ROTATED.accessKeyId && result.managerProfileId === admin.id, `rotated ${result.oldAccessKeyId}, signed by ${result.managerProfileId}`);
    const keys = (await keysOf('relkey-rotate')).map((k) => `${k.accessKeyId}:${k.status}`);
    check(keys.join() === `${ROTATED.accessKeyId}:Inactive,${result.newAccessKeyId}:Active`, `the keys in the cloud: ${keys.join(', ')}`);
    check((await issuedSecrets()) === issued + 1, 'the emulator did not issue exactly one new secret');
    const profile = (await exportsOf().profiles.list()).find((p) => p.id === added.id);
    check(profile?.accessKeyId === result.newAccessKeyId, `the profile holds ${profile?.accessKeyId}, not the new key`);
    await signsInAs(added.id, 'relkey-rotate');
  });
});
