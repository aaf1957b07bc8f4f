// Create RAM User and AccessKey in the real window against the emulator (seeds/ramUsers.json):
// the whole flow from a root key to a tested profile, and each failure half-way with its recovery,
// checked in the emulator's state and request log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CreateRamUserResult } from '../../src/commands/ram/createRamUserAndKey';
import type { TestCredentialsResult } from '../../src/commands/testCredentials';
import type { Profile } from '../../src/credentials/profile';
import { addProfile, control } from './helpers';
import { actionsSince, count, ram, requestMark, useProfile } from './ramFixtures';

const ACCOUNT = '4000000000000010';
const ROOT = { id: 'LTAI5tNuRoot000000000001', secret: 'nu-secret-root-not-real-0000001' };
const ADMIN = { id: 'LTAI5tNuAdmin00000000001', secret: 'nu-secret-admin-not-real-000001' };
const READER = { id: 'LTAI5tNuReader0000000001', secret: 'nu-secret-reader-not-real-00001' };

interface StateUser { userName: string; displayName: string; policies: string[]; accessKeys: Array<{ accessKeyId: string }> }

/** The user as the emulator has it now, or undefined. */
async function cloudUser(userName: string): Promise<StateUser | undefined> {
  const state = await control('GET', 'state') as { accounts: Array<{ accountId: string; users: StateUser[] }> };
  const account = state.accounts.find((a) => a.accountId === ACCOUNT);
  assert.ok(account, 'the account of seeds/ramUsers.json is missing');
  return account.users.find((u) => u.userName === userName);
}

const create = (args: Record<string, unknown>) =>
  vscode.commands.executeCommand<CreateRamUserResult | undefined>('alibabaCloud.ram.createRamUserAndKey', { confirm: true, ...args });

let n = 0;
const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${n++}`;

/** The flow with two policies, where the first CreateAccessKey is refused (the user's limit, as RAM says it). */
async function withRefusedKey(prefix: string, onFailure: 'remove' | 'finish') {
  await control('POST', 'faults', { action: 'CreateAccessKey', type: 'status', status: 409, code: 'LimitExceeded.User.AccessKey' });
  const userName = uniqueName(prefix);
  const mark = await requestMark();
  const result = await create({ userName, policies: ['AliyunSLBReadOnlyAccess', 'AliyunRAMReadOnlyAccess'], onFailure });
  return { userName, mark, result };
}

describe('Create RAM User and AccessKey', () => {
  let root: Profile;
  let admin: Profile;
  let reader: Profile;

  before(async () => {
    await ram();
    root = await addProfile('nu-root', ROOT.id, ROOT.secret);
    admin = await addProfile('nu-admin', ADMIN.id, ADMIN.secret);
    reader = await addProfile('nu-reader', READER.id, READER.secret);
  });
  beforeEach(() => useProfile(admin));
  afterEach(() => control('DELETE', 'faults'));

  it('takes a root profile to a RAM user with only the picked policy and a tested profile for its key', async () => {
    await useProfile(root);
    const userName = uniqueName('nu-deploy');
    const mark = await requestMark();
    const result = await create({ userName, displayName: 'Deploy Bot 部署', policies: ['AliyunSLBReadOnlyAccess'], profileName: `${userName}-key` });
    assert.ok(result?.outcome === 'created', JSON.stringify(result));
    assert.equal(result.finishedAfter, undefined);
    assert.equal(result.profileName, `${userName}-key`);
    assert.ok(result.test?.ok, `the new profile's test failed: ${result.test?.summary}`);
    assert.match(result.test.summary, new RegExp(`RAM user ${userName}`));
    assert.ok(!JSON.stringify(result).includes('secret-'), 'the result carries a secret');

    const user = await cloudUser(userName);
    assert.equal(user?.displayName, 'Deploy Bot 部署');
    assert.deepEqual(user?.policies, ['AliyunSLBReadOnlyAccess']);
    assert.deepEqual(user?.accessKeys.map((k) => k.accessKeyId), [result.accessKeyId]);
    const actions = await actionsSince(mark);
    for (const action of ['CreateUser', 'AttachPolicyToUser', 'CreateAccessKey']) {
      assert.equal(count(actions, action), 1, `${action} in ${actions.join(', ')}`);
    }
    assert.ok(actions.indexOf('CreateUser') < actions.indexOf('AttachPolicyToUser') && actions.indexOf('AttachPolicyToUser') < actions.indexOf('CreateAccessKey'));
    const profile = await vscode.commands.executeCommand<Profile>('alibabaCloud.selectProfile', { profileId: result.profileId });
    assert.equal(profile.accessKeyId, result.accessKeyId);
    assert.equal(profile.source, 'created');
  });

  it('Test Credentials offers it for a root key, first, and not for a RAM user\'s key', async () => {
    const tested = async (p: Profile) => (await vscode.commands.executeCommand<TestCredentialsResult>('alibabaCloud.testCredentials', { profileId: p.id }))?.actions;
    assert.deepEqual(await tested(root), ['createRamUser', 'openRamConsole']);
    const adminActions = await tested(admin);
    assert.ok(adminActions && !adminActions.includes('createRamUser'), `offered to ${admin.name}: ${JSON.stringify(adminActions)}`);
  });

  it('refuses what RAM would refuse before changing anything, and a taken name creates nothing', async () => {
    const mark = await requestMark();
    assert.equal(await create({ userName: 'has space', policies: ['AliyunSLBReadOnlyAccess'] }), undefined, 'a user name with a space');
    assert.equal(await create({ userName: 'x'.repeat(65), policies: ['AliyunSLBReadOnlyAccess'] }), undefined, '65 characters');
    assert.equal(await create({ userName: uniqueName('nu-ok'), displayName: 'semi;colon', policies: ['AliyunSLBReadOnlyAccess'] }), undefined, 'a display name RAM refuses');
    assert.equal(await create({ userName: uniqueName('nu-ok'), policies: [] }), undefined, 'no permission picked');
    assert.equal(await create({ userName: uniqueName('nu-ok') }), undefined, 'no policies at all');
    assert.equal(count(await actionsSince(mark), 'CreateUser'), 0, 'refused before any call');

    const taken = await create({ userName: 'nu-taken', policies: ['AliyunSLBReadOnlyAccess'] });
    assert.ok(taken?.outcome === 'failed', JSON.stringify(taken));
    assert.equal(taken.step, 'createUser');
    assert.match(taken.message, /a RAM user named nu-taken already exists/);
    assert.match(taken.message, /Nothing was created/);
    assert.equal(taken.state.userCreated, false);
    assert.deepEqual((await cloudUser('nu-taken'))?.policies, [], 'the existing user was left alone');
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'CreateUser'), 1);
    assert.equal(count(actions, 'AttachPolicyToUser') + count(actions, 'CreateAccessKey'), 0);
  });

  it('a profile that may only read RAM creates nothing, and is told which permission it lacks', async () => {
    await useProfile(reader);
    const userName = uniqueName('nu-noperm');
    const result = await create({ userName, policies: ['AliyunSLBReadOnlyAccess'] });
    assert.ok(result?.outcome === 'failed', JSON.stringify(result));
    assert.equal(result.step, 'createUser');
    assert.match(result.message, /may not call ram:CreateUser/);
    assert.match(result.message, /AliyunRAMFullAccess/);
    assert.equal(await cloudUser(userName), undefined);
  });

  it('an unknown policy: says what is attached, and Remove What Was Created leaves nothing', async () => {
    const userName = uniqueName('nu-policy');
    const mark = await requestMark();
    const result = await create({ userName, policies: ['AliyunSLBReadOnlyAccess', 'AliyunNoSuchPolicy', 'AliyunRAMReadOnlyAccess'], onFailure: 'remove' });
    assert.ok(result?.outcome === 'removed', JSON.stringify(result));
    assert.equal(result.step, 'attachPolicy');
    assert.match(result.message, /no system policy named AliyunNoSuchPolicy/);
    assert.match(result.message, new RegExp(`RAM user ${userName} exists now`));
    assert.match(result.message, /Attached: AliyunSLBReadOnlyAccess\. Not attached: AliyunNoSuchPolicy, AliyunRAMReadOnlyAccess\./);
    assert.equal(result.state.userCreated, false);
    assert.deepEqual(result.state.attached, []);
    assert.equal(result.state.key, undefined);
    assert.equal(await cloudUser(userName), undefined, 'the user is gone');
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'AttachPolicyToUser'), 2);
    assert.equal(count(actions, 'CreateAccessKey'), 0);
    assert.equal(count(actions, 'DetachPolicyFromUser'), 1);
    assert.ok(actions.lastIndexOf('DetachPolicyFromUser') < actions.lastIndexOf('DeleteUser'), 'policies detached before the user is deleted');
  });

  it('a refused key: Remove What Was Created detaches the policies and deletes the user', async () => {
    const { userName, mark, result } = await withRefusedKey('nu-refused', 'remove');
    assert.ok(result?.outcome === 'removed', JSON.stringify(result));
    assert.equal(result.step, 'createKey');
    assert.match(result.message, new RegExp(`Creating the AccessKey of RAM user ${userName} failed`));
    assert.match(result.message, /Attached: AliyunSLBReadOnlyAccess, AliyunRAMReadOnlyAccess\./);
    assert.match(result.message, /It has no AccessKey yet/);
    assert.equal(await cloudUser(userName), undefined);
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'DetachPolicyFromUser'), 2);
    assert.equal(count(actions, 'DeleteUser'), 1);
    assert.equal(count(actions, 'DeleteAccessKey'), 0, 'no key to delete');
  });

  it('a refused key: Finish makes the key without repeating what was done', async () => {
    const { userName, mark, result } = await withRefusedKey('nu-finish', 'finish');
    assert.ok(result?.outcome === 'created', JSON.stringify(result));
    assert.equal(result.finishedAfter, 'createKey');
    assert.ok(result.test?.ok, result.test?.summary);
    const user = await cloudUser(userName);
    assert.deepEqual(user?.policies, ['AliyunSLBReadOnlyAccess', 'AliyunRAMReadOnlyAccess']);
    assert.deepEqual(user?.accessKeys.map((k) => k.accessKeyId), [result.accessKeyId]);
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'CreateUser'), 1);
    assert.equal(count(actions, 'AttachPolicyToUser'), 2);
    assert.equal(count(actions, 'CreateAccessKey'), 2);
  });

  it('a key whose answer was lost is named, and removed with the rest', async () => {
    await control('POST', 'faults', { action: 'CreateAccessKey', type: 'reset', when: 'after' });
    const userName = uniqueName('nu-lost');
    const mark = await requestMark();
    const result = await create({ userName, policies: ['AliyunSLBReadOnlyAccess'], onFailure: 'remove' });
    assert.ok(result?.outcome === 'removed', JSON.stringify(result));
    assert.equal(result.step, 'createKey');
    assert.match(result.message, /AccessKey LTAI\w+ was created, but its secret was lost and cannot be shown again/);
    assert.equal(await cloudUser(userName), undefined);
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'CreateAccessKey'), 1, 'the create is not repeated');
    assert.equal(count(actions, 'DeleteAccessKey'), 1);
    assert.ok(actions.lastIndexOf('DeleteAccessKey') < actions.lastIndexOf('DetachPolicyFromUser'), 'the key goes before the policies');
  });
});
