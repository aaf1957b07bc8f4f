import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RollbackResult, RotationResult } from '../../src/credentials/keys/rotationTypes';
import type { Profile } from '../../src/credentials/profile';
import { confirmed, control } from './helpers';
import {
  accountTree, actionsSince, children, count, item, keys, keysOf, labels, ram, ramKey, ramProfile, requestMark, useProfile, userNode,
} from './ramFixtures';

const rotate = (...args: unknown[]) => vscode.commands.executeCommand<RotationResult | undefined>('alibabaCloud.ram.rotateAccessKey', ...confirmed(...args));
const resume = (args: Record<string, unknown>) => vscode.commands.executeCommand<RotationResult | RollbackResult | undefined>('alibabaCloud.ram.resumeRotation', { confirm: true, ...args });
/** New keys work at once in the emulator: keep the verification short when a test makes it fail. */
const quick = { verifyAttempts: 2, verifyDelayMs: 50 };

async function profile(id: string): Promise<Profile> {
  const api = await ram();
  const found = (await api.explorer.model.profilesUsing(id))[0];
  assert.ok(found, `no profile holds ${id}`);
  return found;
}

/** The profile works: the RAM view, signed with its key, shows its user. */
async function signsInAs(p: Profile, userName: string): Promise<void> {
  await useProfile(p);
  const { account } = await accountTree();
  assert.equal(String((await item(account)).description), `RAM user ${userName}`, `profile ${p.name} does not work`);
}

async function pending(): Promise<Awaited<ReturnType<Awaited<ReturnType<typeof ram>>['rotations']>>> {
  return (await ram()).rotations();
}

describe('RAM rotation: replace a key everywhere, recoverable at every step', () => {
  let admin: Profile;

  before(async () => {
    await ram();
    admin = await ramProfile('ram-rot-admin', keys.admin);
  });
  beforeEach(async () => {
    await useProfile(admin);
  });
  afterEach(async () => {
    await control('DELETE', 'faults');
    assert.deepEqual(await pending(), [], 'a rotation was left unfinished');
  });

  it('rotates a profile\'s key end to end: new key stored and verified, other profiles switched, old key disabled', async () => {
    const old = ramKey('LTAI5tRamRotE2E000000001');
    const target = await ramProfile('ram-rot-e2e', old);
    const copy = await ramProfile('ram-rot-e2e-copy', old);
    await useProfile(admin);
    const mark = await requestMark();

    const result = await rotate({ profileId: target.id });
    assert.ok(result?.status === 'done');
    assert.equal(result.oldAccessKeyId, old.id);
    assert.deepEqual(result.repointedProfileIds, [copy.id]);
    assert.equal(result.managerProfileId, admin.id, 'the active administrator signed the RAM calls');
    const state = await keysOf('ram-rot-e2e');
    assert.deepEqual(state.map((k) => [k.accessKeyId, k.status]), [[old.id, 'Inactive'], [result.newAccessKeyId, 'Active']], 'old key disabled, not deleted');
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'CreateAccessKey'), 1);
    assert.equal(count(actions, 'UpdateAccessKey'), 1);
    assert.equal(count(actions, 'DeleteAccessKey'), 0);
    assert.equal((await profile(result.newAccessKeyId)).id, target.id);
    assert.deepEqual((await (await ram()).explorer.model.profilesUsing(old.id)), [], 'a profile still holds the old key');
    const reminder = (await ram()).deleteReminders().find((r) => r.accessKeyId === old.id);
    assert.equal(reminder?.userName, 'ram-rot-e2e');
    assert.ok(Date.parse(reminder.remindAt) > Date.now() + 6 * 24 * 3600 * 1000, 'remind in about a week');
    await signsInAs(target, 'ram-rot-e2e');
    await signsInAs(copy, 'ram-rot-e2e');
  });

  it('rotates the active profile\'s own key, signed by itself', async () => {
    const self = await ramProfile('ram-rot-self', keys.self);
    await useProfile(self);
    const result = await rotate({ profileId: self.id });
    assert.ok(result?.status === 'done');
    assert.equal(result.managerProfileId, self.id);
    assert.deepEqual((await keysOf('ram-self')).map((k) => k.status), ['Inactive', 'Active']);
    // The profile changed its key: the view follows with the new key.
    const { ownKeys } = await accountTree();
    assert.deepEqual(await labels(await children(ownKeys)), [keys.self.id, result.newAccessKeyId]);
  });

  it('rotates from a key in the tree, and makes room at the two-key limit only when told to', async () => {
    const nodeKey = ramKey('LTAI5tRamRotNode00000001');
    const holder = await ramProfile('ram-rot-node', nodeKey);
    await useProfile(admin);
    const [keyNode] = await children(await userNode('ram-rot-node'));
    const fromNode = await rotate(keyNode, {});
    assert.ok(fromNode?.status === 'done');
    assert.equal(fromNode.profileId, holder.id);

    const limited = ramKey('LTAI5tRamRotLimit0000001');
    const limitedProfile = await ramProfile('ram-rot-limit', limited);
    await useProfile(admin);
    const mark = await requestMark();
    assert.equal(await rotate({ profileId: limitedProfile.id }), undefined, 'rotated past the limit without being told');
    assert.equal((await keysOf('ram-rot-limit')).length, 2);
    assert.equal(count(await actionsSince(mark), 'CreateAccessKey'), 0);
    const result = await rotate({ profileId: limitedProfile.id, deleteInactiveKeyId: 'LTAI5tRamRotLimitOld0001' });
    assert.ok(result?.status === 'done');
    assert.deepEqual((await keysOf('ram-rot-limit')).map((k) => [k.accessKeyId, k.status]), [[limited.id, 'Inactive'], [result.newAccessKeyId, 'Active']]);
  });

  it('a create that fails outright changes nothing and leaves nothing to resume', async () => {
    const key = ramKey('LTAI5tRamRotCreate000001');
    const p = await ramProfile('ram-rot-create', key);
    await useProfile(admin);
    await control('POST', 'faults', { action: 'CreateAccessKey', type: 'status', status: 500 });
    assert.equal(await rotate({ profileId: p.id }), undefined);
    assert.deepEqual((await keysOf('ram-rot-create')).map((k) => [k.accessKeyId, k.status]), [[key.id, 'Active']]);
    assert.equal((await profile(key.id)).id, p.id);
  });

  it('a create whose answer is lost: found on the next start, rolled back (the key deleted), then resumed without repeating blindly', async function () {
    this.timeout(60_000);
    const key = ramKey('LTAI5tRamRotLost00000001');
    const p = await ramProfile('ram-rot-lost', key);
    await useProfile(admin);
    await control('POST', 'faults', { action: 'CreateAccessKey', type: 'hang', when: 'after' });
    let mark = await requestMark();
    assert.equal(await rotate({ profileId: p.id }), undefined);
    assert.equal(count(await actionsSince(mark), 'CreateAccessKey'), 1);
    let state = await keysOf('ram-rot-lost');
    assert.equal(state.length, 2, 'the server made the key');
    const found = await (await ram()).checkOnStartup();
    assert.equal(found.rotations.length, 1);
    assert.equal(found.rotations[0].step, 'started');
    assert.equal(found.rotations[0].profileId, p.id);
    assert.ok(!JSON.stringify(found).includes(key.secret), 'a secret in what the startup check returns');

    const rolledBack = await resume({ resume: 'rollback' });
    assert.ok(rolledBack?.status === 'rolledBack');
    assert.deepEqual(rolledBack.deletedAccessKeyIds, [state[1].accessKeyId]);
    assert.deepEqual((await keysOf('ram-rot-lost')).map((k) => k.accessKeyId), [key.id]);
    assert.deepEqual(await pending(), []);

    // Again, the connection dropped this time; resuming asks before it deletes the orphan.
    await control('POST', 'faults', { action: 'CreateAccessKey', type: 'reset', when: 'after' });
    assert.equal(await rotate({ profileId: p.id }), undefined);
    state = await keysOf('ram-rot-lost');
    assert.equal(state.length, 2);
    mark = await requestMark();
    assert.equal(await resume({ resume: 'finish' }), undefined, 'the orphan was deleted without being allowed to');
    assert.equal(count(await actionsSince(mark), 'DeleteAccessKey'), 0);
    assert.equal((await pending())[0]?.step, 'started');
    const finished = await resume({ resume: 'finish', deleteOrphans: true });
    assert.ok(finished?.status === 'done');
    const after = await keysOf('ram-rot-lost');
    assert.deepEqual(after.map((k) => [k.accessKeyId, k.status]), [[key.id, 'Inactive'], [finished.newAccessKeyId, 'Active']]);
    assert.ok(!after.some((k) => k.accessKeyId === state[1].accessKeyId), 'the orphan is gone');
    await signsInAs(p, 'ram-rot-lost');
  });

  /**
   * Makes the new key fail verification: the plan's identity checks (old key, administrator) pass
   * through harmless faults queued first; every later STS call (the new key's) gets 404.
   */
  async function failVerification(oldKeyId: string): Promise<void> {
    await control('POST', 'faults', { product: 'sts', accessKeyId: oldKeyId, type: 'latency', latencyMs: 0 });
    await control('POST', 'faults', { product: 'sts', accessKeyId: keys.admin.id, type: 'latency', latencyMs: 0 });
    await control('POST', 'faults', { product: 'sts', type: 'status', status: 404, code: 'InvalidAccessKeyId.NotFound', times: 0 });
  }

  it('stopped while verifying the new key: rolled back, then resumed', async () => {
    const key = ramKey('LTAI5tRamRotVerify000001');
    const p = await ramProfile('ram-rot-verify', key);
    await useProfile(admin);

    await failVerification(key.id);
    assert.equal(await rotate({ profileId: p.id, ...quick }), undefined);
    await control('DELETE', 'faults');
    let [entry] = await pending();
    assert.equal(entry.step, 'stored');
    assert.match(entry.lastError ?? '', /does not know the AccessKey ID/);
    assert.equal((await profile(entry.newAccessKeyId as string)).id, p.id, 'the profile holds the new key at once');
    assert.equal((await keysOf('ram-rot-verify'))[0].status, 'Active', 'the old key still works');
    const rolledBack = await resume({ resume: 'rollback' });
    assert.ok(rolledBack?.status === 'rolledBack');
    assert.deepEqual(rolledBack.restoredProfileIds, [p.id]);
    assert.deepEqual((await keysOf('ram-rot-verify')).map((k) => [k.accessKeyId, k.status]), [[key.id, 'Active']]);
    await signsInAs(p, 'ram-rot-verify');

    await useProfile(admin);
    await failVerification(key.id);
    assert.equal(await rotate({ profileId: p.id, ...quick }), undefined);
    await control('DELETE', 'faults');
    [entry] = await pending();
    assert.equal(entry.step, 'stored');
    const finished = await resume({ resume: 'finish', rotationId: entry.id });
    assert.ok(finished?.status === 'done');
    assert.equal(finished.newAccessKeyId, entry.newAccessKeyId, 'resuming made no second key');
    assert.deepEqual((await keysOf('ram-rot-verify')).map((k) => k.status), ['Inactive', 'Active']);
    await signsInAs(p, 'ram-rot-verify');
  });

  it('stopped while disabling the old key: found on the next start, then finished', async () => {
    const key = ramKey('LTAI5tRamRotDisable00001');
    const p = await ramProfile('ram-rot-disable', key);
    const copy = await ramProfile('ram-rot-disable-copy', key);
    await useProfile(admin);
    await control('POST', 'faults', { action: 'UpdateAccessKey', type: 'status', status: 500 });
    assert.equal(await rotate({ profileId: p.id }), undefined);
    const found = await (await ram()).checkOnStartup();
    assert.equal(found.rotations.length, 1);
    assert.equal(found.rotations[0].step, 'repointed');
    assert.equal((await keysOf('ram-rot-disable'))[0].status, 'Active');

    const finished = await resume({ resume: 'finish' });
    assert.ok(finished?.status === 'done');
    assert.deepEqual((await keysOf('ram-rot-disable')).map((k) => k.status), ['Inactive', 'Active']);
    await signsInAs(p, 'ram-rot-disable');
    await signsInAs(copy, 'ram-rot-disable');
  });

  it('stopped after the old key was disabled but the answer failed: rolled back, the old key enabled again', async () => {
    const key = ramKey('LTAI5tRamRotDisabled0001');
    const p = await ramProfile('ram-rot-disabled', key);
    const copy = await ramProfile('ram-rot-disabled-copy', key);
    await useProfile(admin);
    await control('POST', 'faults', { action: 'UpdateAccessKey', type: 'status', status: 500, when: 'after' });
    assert.equal(await rotate({ profileId: p.id }), undefined);
    const [entry] = await pending();
    assert.equal(entry.step, 'repointed');
    assert.equal((await keysOf('ram-rot-disabled'))[0].status, 'Inactive', 'the disable happened');

    const rolledBack = await resume({ resume: 'rollback', rotationId: entry.id });
    assert.ok(rolledBack?.status === 'rolledBack');
    assert.deepEqual([...rolledBack.restoredProfileIds].sort(), [p.id, copy.id].sort());
    assert.deepEqual((await keysOf('ram-rot-disabled')).map((k) => [k.accessKeyId, k.status]), [[key.id, 'Active']]);
    await signsInAs(p, 'ram-rot-disabled');
    await signsInAs(copy, 'ram-rot-disabled');
  });

  it('refuses a key no local profile holds, and a call that names nothing', async () => {
    assert.equal(await rotate({ accessKeyId: 'LTAI5tRamFullA0000000001' }), undefined);
    assert.equal(await rotate({}), undefined);
    assert.equal((await keysOf('ram-full')).length, 2);
  });
});
