import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CreateAccessKeyResult } from '../../src/commands/ram/createAccessKey';
import type { KeyChangeResult } from '../../src/commands/ram/keyTarget';
import type { Profile } from '../../src/credentials/profile';
import { addProfile, confirmed, control } from './helpers';
import {
  account, accountTree, actionsSince, children, count, item, keys, keysOf, label, labels, ram, RAM_ACCOUNT, ramKey, ramProfile,
  requestMark, useProfile, userNode,
} from './ramFixtures';

const create = (...args: unknown[]) => vscode.commands.executeCommand<CreateAccessKeyResult | undefined>('alibabaCloud.ram.createAccessKey', ...confirmed(...args));
const disable = (...args: unknown[]) => vscode.commands.executeCommand<KeyChangeResult | undefined>('alibabaCloud.ram.disableAccessKey', ...args);
const enable = (...args: unknown[]) => vscode.commands.executeCommand<KeyChangeResult | undefined>('alibabaCloud.ram.enableAccessKey', ...args);
const remove = (...args: unknown[]) => vscode.commands.executeCommand<KeyChangeResult | undefined>('alibabaCloud.ram.deleteAccessKey', ...args);

/** CSVs hold secrets: every folder made here is removed after each test, passed or not. */
const tempDirs: string[] = [];
function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ram-csv-'));
  tempDirs.push(dir);
  return path.join(dir, name);
}

/** Signs in with the key (as a new, active profile) and returns who the RAM view says it is. */
async function whoIs(accessKeyId: string, secret: string): Promise<string> {
  const profile = await addProfile('ram-keys-check', accessKeyId, secret);
  await useProfile(profile);
  const { account: node } = await accountTree();
  return String((await item(node)).description);
}

describe('RAM AccessKeys: create, disable, enable and delete, with the secret handed over once', () => {
  let admin: Profile;

  before(async () => {
    await ram();
    admin = await ramProfile('ram-keys-admin', keys.admin);
  });
  beforeEach(async () => {
    await useProfile(admin);
  });
  afterEach(async () => {
    await control('DELETE', 'faults');
    tempDirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  });

  it('creates a key for a RAM user from args and saves it as a profile', async () => {
    const mark = await requestMark();
    const name = `ram-created-a-${Date.now().toString(36)}`;
    const result = await create({ userName: 'ram-create-a', profileName: name });
    assert.ok(result?.outcome === 'created', JSON.stringify(result));
    assert.equal(result.profileName, name);
    assert.equal(result.copied, false);
    assert.deepEqual((await keysOf('ram-create-a')).map((k) => k.accessKeyId), [result.accessKeyId]);
    assert.equal(count(await actionsSince(mark), 'CreateAccessKey'), 1);
    assert.ok(!JSON.stringify(result).includes('secret'), 'the result carries the secret');
    const profile = await vscode.commands.executeCommand<Profile>('alibabaCloud.selectProfile', { profileId: result.profileId });
    assert.equal(profile.accessKeyId, result.accessKeyId);
    assert.equal(profile.source, 'created');
    assert.equal(profile.regionId, admin.regionId);
    await useProfile(profile);
    assert.equal(String((await item((await accountTree()).account)).description), 'RAM user ram-create-a', 'the saved secret works');
  });

  it('creates a key from a user\'s node, and never puts the secret on the clipboard for arguments', async () => {
    const node = await userNode('ram-create-b');
    assert.deepEqual(await labels(await children(node)), ['No AccessKeys']);
    await vscode.env.clipboard.writeText('untouched');
    const mark = await requestMark();
    assert.equal(await create(node, { choice: 'copy' }), undefined, 'copy from arguments is refused');
    assert.equal(await create(node, { choice: ['saveAsProfile', 'copy'] }), undefined, 'also beside another choice');
    assert.equal(count(await actionsSince(mark), 'CreateAccessKey'), 0, 'refused before anything was created');
    assert.equal(await vscode.env.clipboard.readText(), 'untouched');
    const csvPath = tempFile('node.csv');
    const result = await create(node, { choice: 'csv', csvPath });
    assert.ok(result?.outcome === 'created');
    assert.equal(result.copied, false);
    assert.equal(result.profileId, undefined, 'no profile was asked for');
    assert.deepEqual(await labels(await children(node)), [result.accessKeyId], 'the user\'s keys are shown again at once');
    const secret = fs.readFileSync(csvPath, 'utf8').trim().split('\r\n')[1].split(',')[2];
    assert.equal(secret.length, 30, 'the CSV holds the secret');
    assert.equal(await whoIs(result.accessKeyId, secret), 'RAM user ram-create-b');
  });

  it('saves the console\'s CSV readable only by its owner, and never over an existing file from arguments', async () => {
    const stale = tempFile('stale.csv');
    fs.writeFileSync(stale, 'stale', { mode: 0o644 });
    const mark = await requestMark();
    assert.equal(await create({ userName: 'ram-create-c', choice: 'csv', csvPath: stale }), undefined, 'an existing file is refused');
    assert.equal(fs.readFileSync(stale, 'utf8'), 'stale', 'the existing file is untouched');
    assert.equal(count(await actionsSince(mark), 'CreateAccessKey'), 0, 'refused before anything was created');
    const csvPath = tempFile('AccessKey.csv');
    const result = await create({ userName: 'ram-create-c', choice: 'csv', csvPath });
    assert.ok(result?.outcome === 'created');
    assert.equal(result.csvPath, csvPath);
    assert.equal(fs.statSync(csvPath).mode & 0o777, 0o600);
    const text = fs.readFileSync(csvPath, 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff, 'a UTF-8 byte-order mark, like the console\'s file');
    const [header, row, end] = text.slice(1).split('\r\n');
    assert.equal(header, 'User Principal Name,AccessKey ID,AccessKey Secret');
    const [upn, id, secret] = row.split(',');
    assert.equal(upn, `ram-create-c@${RAM_ACCOUNT}.onaliyun.com`);
    assert.equal(id, result.accessKeyId);
    assert.equal(end, '');
    assert.deepEqual(await (await ram()).explorer.model.profilesUsing(id), [], 'no profile was asked for');
    assert.equal(await whoIs(id, secret), 'RAM user ram-create-c');
  });

  it('does both at once when asked', async () => {
    const csvPath = tempFile('all.csv');
    const result = await create({ userName: 'ram-create-d', choice: ['saveAsProfile', 'csv'], csvPath });
    assert.ok(result?.outcome === 'created');
    assert.ok(result.profileId && !result.copied && result.csvPath === csvPath);
    assert.ok(fs.readFileSync(csvPath, 'utf8').includes(result.accessKeyId));
  });

  it('refuses bad hand-over args before anything is created', async () => {
    const mark = await requestMark();
    assert.equal(await create({ userName: 'ram-create-d', choice: 'csv' }), undefined, 'csv without csvPath');
    assert.equal(await create({ userName: 'ram-create-d', choice: 'print' }), undefined, 'an unknown choice');
    assert.equal(count(await actionsSince(mark), 'CreateAccessKey'), 0);
  });

  it('warns about a root key and creates one only when confirmed', async () => {
    const root = await ramProfile('ram-keys-root', keys.root);
    await useProfile(root);
    const csvPath = tempFile('root.csv');
    const mark = await requestMark();
    assert.equal(await create({ self: true, choice: 'csv', csvPath }), undefined);
    assert.equal(count(await actionsSince(mark), 'CreateAccessKey'), 0, 'a root key was made without confirmation');
    assert.equal(fs.existsSync(csvPath), false);

    const result = await create({ self: true, confirmRoot: true, choice: 'csv', csvPath });
    assert.ok(result?.outcome === 'created');
    assert.equal(result.userName, undefined);
    assert.equal(fs.readFileSync(csvPath, 'utf8').slice(1).split('\r\n')[0], 'AccessKey ID,AccessKey Secret');
    assert.deepEqual((await account()).rootAccessKeys.map((k) => k.accessKeyId), [keys.root.id, result.accessKeyId]);
    assert.deepEqual(await remove({ accessKeyId: result.accessKeyId, confirm: true }), { accessKeyId: result.accessKeyId, userName: undefined, deleted: true });
    assert.deepEqual((await account()).rootAccessKeys.map((k) => k.accessKeyId), [keys.root.id]);
  });

  it('at the two-key limit says so, and deletes the inactive key only when told to', async () => {
    const csvPath = tempFile('limit.csv');
    const mark = await requestMark();
    const before = (await keysOf('ram-create-limit')).map((k) => k.accessKeyId);
    assert.equal(await create({ userName: 'ram-create-limit', choice: 'csv', csvPath }), undefined);
    assert.equal(await create({ userName: 'ram-full', choice: 'csv', csvPath }), undefined, 'two active keys');
    assert.equal(await create({ userName: 'ram-full', choice: 'csv', csvPath, deleteInactiveKeyId: 'LTAI5tRamFullB0000000001' }), undefined, 'an active key is no inactive key');
    assert.deepEqual((await keysOf('ram-create-limit')).map((k) => k.accessKeyId), before);
    assert.equal((await keysOf('ram-full')).length, 2);
    assert.equal(count(await actionsSince(mark), 'CreateAccessKey'), 0);
    assert.equal(count(await actionsSince(mark), 'DeleteAccessKey'), 0);

    const result = await create({ userName: 'ram-create-limit', choice: 'csv', csvPath, deleteInactiveKeyId: 'LTAI5tRamCreateLimitOld1' });
    assert.ok(result?.outcome === 'created');
    assert.deepEqual((await keysOf('ram-create-limit')).map((k) => k.accessKeyId), ['LTAI5tRamCreateLimit0001', result.accessKeyId]);
  });

  it('a create whose answer never comes is not repeated, and the user is told about the key it made', async function () {
    this.timeout(40_000); // the SDK gives up after the request timeout (10 s)
    await control('POST', 'faults', { action: 'CreateAccessKey', type: 'hang', when: 'after' });
    const mark = await requestMark();
    const result = await create({ userName: 'ram-create-lost', profileName: `ram-lost-${Date.now().toString(36)}` });
    assert.ok(result?.outcome === 'lostSecret', JSON.stringify(result));
    assert.equal(result.deleted, false);
    assert.match(result.message, new RegExp(`made the AccessKey ${result.accessKeyId} for RAM user ram-create-lost`));
    assert.match(result.message, /secret never arrived/);
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'CreateAccessKey'), 1, 'the create was repeated');
    assert.deepEqual((await keysOf('ram-create-lost')).map((k) => k.accessKeyId), [result.accessKeyId], 'exactly the one key the server made');
    assert.deepEqual(await (await ram()).explorer.model.profilesUsing(result.accessKeyId), [], 'a profile without a secret was saved');
  });

  it('deletes the unusable key when told to, after a dropped connection', async () => {
    await control('POST', 'faults', { action: 'CreateAccessKey', type: 'reset', when: 'after' });
    const mark = await requestMark();
    const result = await create({ userName: 'ram-create-lost2', deleteOrphan: true });
    assert.ok(result?.outcome === 'lostSecret');
    assert.equal(result.deleted, true);
    assert.deepEqual(await keysOf('ram-create-lost2'), []);
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'CreateAccessKey'), 1);
    assert.equal(count(actions, 'DeleteAccessKey'), 1);
  });

  it('says plainly when a create failed and made nothing', async () => {
    await control('POST', 'faults', { action: 'CreateAccessKey', type: 'status', status: 503 });
    const mark = await requestMark();
    assert.equal(await create({ userName: 'ram-create-lost2' }), undefined);
    assert.equal(count(await actionsSince(mark), 'CreateAccessKey'), 1);
    assert.deepEqual(await keysOf('ram-create-lost2'), []);
  });

  it('disables, enables and deletes only when confirmed, and the tree follows', async () => {
    const toggle1 = 'LTAI5tRamToggle000000001';
    const toggle2 = 'LTAI5tRamToggle000000002';
    await ramProfile('ram-keys-toggle-holder', ramKey(toggle1));
    await useProfile(admin);
    const status = async (id: string) => (await keysOf('ram-toggle')).find((k) => k.accessKeyId === id)?.status;

    assert.equal(await disable({ accessKeyId: toggle1, userName: 'ram-toggle' }), undefined, 'disabled without confirmation');
    assert.equal(await status(toggle1), 'Active');
    assert.deepEqual(await disable({ accessKeyId: toggle1, userName: 'ram-toggle', confirm: true }), { accessKeyId: toggle1, userName: 'ram-toggle', status: 'Inactive' });
    assert.equal(await status(toggle1), 'Inactive');

    const user = await userNode('ram-toggle');
    const [first] = await children(user);
    assert.equal((await item(first)).contextValue, 'accessKey:inactive');
    assert.equal(await enable(first, {}), undefined, 'enabled from a node without confirmation');
    assert.equal(await status(toggle1), 'Inactive');
    assert.ok(await enable(first, { confirm: true }));
    assert.equal(await status(toggle1), 'Active');
    assert.equal((await item((await children(user))[0])).contextValue, 'accessKey:active');

    assert.equal(await remove({ accessKeyId: toggle2, userName: 'ram-toggle' }), undefined, 'deleted without confirmation');
    assert.equal((await keysOf('ram-toggle')).length, 2);
    assert.deepEqual(await remove({ accessKeyId: toggle2, userName: 'ram-toggle', confirm: true }), { accessKeyId: toggle2, userName: 'ram-toggle', deleted: true });
    assert.deepEqual((await keysOf('ram-toggle')).map((k) => k.accessKeyId), [toggle1]);
    assert.deepEqual(await labels(await children(user)), [toggle1]);
  });

  it('the active profile\'s own key needs its ID typed back', async () => {
    const selfdis = await ramProfile('ram-keys-selfdis', keys.selfdis);
    await useProfile(selfdis);
    const status = async () => (await keysOf('ram-selfdis'))[0].status;
    assert.equal(await disable({ accessKeyId: keys.selfdis.id, confirm: true }), undefined, 'confirm: true is not enough');
    assert.equal(await disable({ accessKeyId: keys.selfdis.id, confirmKeyId: keys.admin.id }), undefined, 'another key id');
    assert.equal(await remove({ accessKeyId: keys.selfdis.id, confirm: true }), undefined);
    assert.equal(await status(), 'Active');
    assert.ok(await disable({ accessKeyId: keys.selfdis.id, confirmKeyId: keys.selfdis.id }));
    assert.equal(await status(), 'Inactive');
    // The view now says the key is disabled.
    await vscode.commands.executeCommand('alibabaCloud.ram.refresh');
    const roots = await children();
    assert.match(label(await item(roots[0])), /is disabled/);

    await useProfile(admin);
    assert.ok(await enable({ accessKeyId: keys.selfdis.id, userName: 'ram-selfdis', confirm: true }));
    assert.equal(await status(), 'Active');
  });
});
