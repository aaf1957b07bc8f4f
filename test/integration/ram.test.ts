import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';
import type { LoadMoreNode } from '../../src/views/tree/treeNode';
import { control, seed } from './helpers';
import {
  account as stateAccount, accountTree, actionsSince, BULK_USERS, children, count, item, keys, label, labels, ram, RAM_ACCOUNT,
  ramKey, ramProfile, requestMark, useProfile, userNode, waitFor,
} from './ramFixtures';

describe('RAM explorer: the account, its users and their keys in the real tree', () => {
  let admin: Profile;
  let noperm: Profile;

  before(async () => {
    await ram();
    admin = await ramProfile('ram-view-admin', keys.admin);
    noperm = await ramProfile('ram-view-noperm', keys.noperm);
  });
  beforeEach(async () => {
    await useProfile(admin);
    await vscode.commands.executeCommand('alibabaCloud.ram.clearFilter');
  });
  afterEach(async () => {
    await control('DELETE', 'faults');
  });

  it('shows the account from STS, the caller\'s own keys, and the users group', async () => {
    const { account, ownKeys, users } = await accountTree();
    const a = await item(account);
    assert.equal(label(a), `Account ${RAM_ACCOUNT}`);
    assert.equal(a.description, 'RAM user ram-admin');
    assert.equal(a.contextValue, 'ramAccount');
    assert.equal((await item(ownKeys)).contextValue, 'ramOwnKeys');
    assert.equal((await item(users)).contextValue, 'ramUsers');
    const own = await children(ownKeys);
    assert.deepEqual(await labels(own), [keys.admin.id]);
    const ownItem = await item(own[0]);
    assert.equal(ownItem.contextValue, 'accessKey:active');
    assert.match(String(ownItem.description), new RegExp(`profile "${admin.name}"`), 'the key shows the local profile that uses it');
    assert.ok(ownItem.id?.startsWith(`profile/${admin.id}/ram/`), `stable id ${ownItem.id}`);
  });

  it('loads all 2,000+ users with the largest pages and shows them a thousand at a time', async () => {
    const api = await ram();
    await vscode.commands.executeCommand('alibabaCloud.ram.refresh');
    const mark = await requestMark();
    const { users } = await accountTree();
    const first = await children(users);
    assert.ok(first.length >= 1000, 'the first page shows at once');
    const state = await api.explorer.model.whenUsersLoaded();
    const expected = (await stateAccount()).users.length;
    assert.ok(expected > BULK_USERS);
    assert.equal(state.users.length, expected);
    assert.equal(count(await actionsSince(mark), 'ListUsers'), Math.ceil(expected / 1000), 'one ListUsers per 1,000 users');
    assert.equal((await item(users)).description, String(expected));

    let shown = await children(users);
    assert.equal(shown.length, 1001, '1,000 users and "Show more"');
    let more = shown[1000] as LoadMoreNode;
    assert.equal((await item(more)).contextValue, 'loadMore');
    assert.equal(label(await item(more)), `Show more users (1000 of ${expected} shown)`);
    await vscode.commands.executeCommand('alibabaCloud.tree.loadMore', more);
    shown = await children(users);
    assert.equal(shown.length, 2001);
    more = shown[2000] as LoadMoreNode;
    await vscode.commands.executeCommand('alibabaCloud.tree.loadMore', more);
    shown = await children(users);
    assert.equal(shown.length, expected, 'every user, nothing more');
    const names = await labels(shown);
    assert.equal(new Set(names).size, expected, 'no user twice');
    assert.ok(names.includes('ram-admin') && names.includes(`ram-bulk-${String(BULK_USERS - 1).padStart(5, '0')}`));
    assert.equal((await item(shown[0])).contextValue, 'ramUser');
  });

  it('finds a user by name or display name', async () => {
    const byName = await vscode.commands.executeCommand<{ matching: number }>('alibabaCloud.ram.filterUsers', { text: 'ram-bulk-01234' });
    assert.equal(byName.matching, 1);
    const { users } = await accountTree();
    assert.deepEqual(await labels(await children(users)), ['ram-bulk-01234']);
    assert.match(String((await item(users)).description), /^1 of \d+ match "ram-bulk-01234"$/);

    await vscode.commands.executeCommand('alibabaCloud.ram.filterUsers', { text: 'bulk person 0200' });
    assert.deepEqual(await labels(await children(users)), Array.from({ length: 10 }, (_, i) => `ram-bulk-0200${i}`));
    await vscode.commands.executeCommand('alibabaCloud.ram.filterUsers', { text: 'administrator' });
    assert.deepEqual(await labels(await children(users)), ['ram-admin']);
    await vscode.commands.executeCommand('alibabaCloud.ram.filterUsers', { text: 'nobody-has-this-name' });
    assert.deepEqual(await labels(await children(users)), ['No user matches "nobody-has-this-name"']);
    await vscode.commands.executeCommand('alibabaCloud.ram.clearFilter');
    assert.ok((await children(users)).length > 1000);
  });

  it('shows each key\'s status, age, last use, profiles and warnings, and the two-key limit', async () => {
    const holder = await ramProfile('ram-view-holder', ramKey('LTAI5tRamLimitActive0001'));
    await useProfile(admin);
    const old = await userNode('ram-old');
    const oldKeys = await children(old);
    assert.deepEqual(await labels(oldKeys), ['LTAI5tRamOld000000000001', 'LTAI5tRamNever0000000001']);
    // Last use arrives lazily; the description shows it once it is in.
    await waitFor(async () => !String((await item(oldKeys[0])).description).includes('last use …')
      && !String((await item(oldKeys[1])).description).includes('last use …'), 'last use never arrived');
    const stale = await item(oldKeys[0]);
    assert.match(String(stale.description), /^⚠ · Active · \d+ d old · used \d+ d ago$/);
    assert.match(String((stale.tooltip as vscode.MarkdownString).value), /Older than 90 days/);
    assert.match(String((stale.tooltip as vscode.MarkdownString).value), /Not used for more than 90 days/);
    const never = await item(oldKeys[1]);
    assert.match(String(never.description), /^⚠ · Active · \d+ d old · never used$/);
    assert.match(String((never.tooltip as vscode.MarkdownString).value), /Never used/);

    const limit = await userNode('ram-limit');
    const limitKeys = await children(limit);
    assert.deepEqual((await Promise.all(limitKeys.map(item))).map((i) => i.contextValue), ['accessKey:active', 'accessKey:inactive']);
    assert.match(String((await item(limit)).description), /2 keys \(the limit\)/);
    assert.match(String((await item(limitKeys[0])).description), new RegExp(`profile "${holder.name}"`));
    assert.match(String((await item(limitKeys[1])).description), /^⚠ · Inactive · \d+ d old/);
  });

  it('a profile without RAM permission shows error nodes that name the missing policy, with Retry', async () => {
    await useProfile(noperm);
    const { account, ownKeys, users } = await accountTree();
    assert.equal((await item(account)).description, 'RAM user ram-noperm', 'STS needs no permission');
    const [error] = await children(users);
    const e = await item(error);
    assert.equal(e.contextValue, 'error');
    assert.match(label(e), /may not call ram:ListUsers/);
    assert.match(label(e), /AliyunRAMReadOnlyAccess/);
    assert.equal(e.command?.command, 'alibabaCloud.tree.retry');
    const [ownError] = await children(ownKeys);
    assert.match(label(await item(ownError)), /ram:ListAccessKeys.*AliyunRAMReadOnlyAccess/);

    const mark = await requestMark();
    await vscode.commands.executeCommand('alibabaCloud.tree.retry', error);
    const [again] = await children(users);
    assert.match(label(await item(again)), /AliyunRAMReadOnlyAccess/);
    assert.equal(count(await actionsSince(mark), 'ListUsers'), 1, 'Retry asked again');
  });

  it('an account that cannot be reached shows an error node, and Retry recovers', async () => {
    await control('POST', 'faults', { action: 'GetCallerIdentity', accessKeyId: keys.admin.id, type: 'status', status: 503, times: 3 });
    await vscode.commands.executeCommand('alibabaCloud.ram.refresh');
    const roots = await children();
    assert.equal(roots.length, 1);
    const e = await item(roots[0]);
    assert.equal(e.contextValue, 'error');
    assert.match(label(e), /internal error \(ServiceUnavailable, HTTP 503\)/);
    await vscode.commands.executeCommand('alibabaCloud.tree.retry', roots[0]);
    const { account } = await accountTree();
    assert.equal(label(await item(account)), `Account ${RAM_ACCOUNT}`);
  });

  it('switching profile shows the other account at once and drops the late answers of the old one', async () => {
    const api = await ram();
    const alice = await ramProfile('ram-view-alice', { id: seed.alice.id, secret: seed.alice.secret });
    await useProfile(admin);
    await vscode.commands.executeCommand('alibabaCloud.ram.refresh');
    await control('POST', 'faults', { action: 'ListUsers', accessKeyId: keys.admin.id, type: 'latency', latencyMs: 1500 });
    const { users } = await accountTree();
    const late = children(users); // still waiting for the old account's first page

    await useProfile(alice);
    const { account, users: aliceUsers } = await accountTree();
    assert.equal(label(await item(account)), `Account ${seed.accountId}`);
    const names = await labels(await children(aliceUsers));
    assert.ok(names.includes('alice') && !names.some((n) => n.startsWith('ram-')), `users of the other account: ${names.join(', ')}`);

    assert.deepEqual(await late, [], 'the old account\'s late answer reached the tree');
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(!api.explorer.model.usersState().users.some((u) => u.userName.startsWith('ram-')), 'old users leaked into the new account');
    assert.equal(api.explorer.treeView.description, undefined);
  });

  it('Refresh forgets what was loaded and asks again', async () => {
    const api = await ram();
    const { ownKeys } = await accountTree();
    await children(ownKeys);
    const generation = api.explorer.model.generation;
    const mark = await requestMark();
    await vscode.commands.executeCommand('alibabaCloud.ram.refresh');
    assert.ok(api.explorer.model.generation > generation);
    const fresh = await accountTree();
    await children(fresh.ownKeys);
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'GetCallerIdentity'), 1);
    assert.equal(count(actions, 'ListAccessKeys'), 1);
  });
});
