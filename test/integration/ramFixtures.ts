// Shared pieces of the RAM integration tests (issue 4): the seeded account (seeds/ram.mjs), the
// extension's RAM exports, tree walking through the real provider, emulator state and request log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';
import type { ExtensionExports } from '../../src/extension';
import type { RamExports } from '../../src/commands/ram/ramExports';
import type { TreeNode } from '../../src/views/tree/treeNode';
import { activateExtension, addProfile, control, EXTENSION_ID } from './helpers';

export const RAM_ACCOUNT = '3000000000000000';
export const BULK_USERS = 2345;

/** The seed's secret for one of its keys (see seeds/ram.mjs). */
export function ramKey(accessKeyId: string): { id: string; secret: string } {
  return { id: accessKeyId, secret: `ram-secret-${accessKeyId.slice(9).toLowerCase()}-not-real` };
}

export const keys = {
  root: ramKey('LTAI5tRamRoot00000000001'),
  admin: ramKey('LTAI5tRamAdmin0000000001'),
  noperm: ramKey('LTAI5tRamNoPerm000000001'),
  self: ramKey('LTAI5tRamSelf00000000001'),
  selfdis: ramKey('LTAI5tRamSelfDis00000001'),
};

export async function ram(): Promise<RamExports> {
  await activateExtension();
  const exports = vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID)?.exports;
  assert.ok(exports?.ram, 'activate() returned no RAM exports');
  return exports.ram;
}

/** Makes the profile active and waits until the RAM view has switched to it. */
export async function useProfile(profile: Profile): Promise<void> {
  const api = await ram();
  await vscode.commands.executeCommand('alibabaCloud.selectProfile', { profileId: profile.id });
  await waitFor(async () => (await api.explorer.model.session())?.profile.id === profile.id, `the RAM view did not switch to profile ${profile.name}`);
}

export async function ramProfile(prefix: string, key: { id: string; secret: string }): Promise<Profile> {
  return addProfile(prefix, key.id, key.secret);
}

export async function waitFor(check: () => Promise<boolean> | boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) {
      return;
    }
    assert.ok(Date.now() < until, message);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function children(node?: TreeNode): Promise<TreeNode[]> {
  const api = await ram();
  return (await api.explorer.provider.getChildren(node)) ?? [];
}

export async function item(node: TreeNode): Promise<vscode.TreeItem> {
  return (await ram()).explorer.provider.getTreeItem(node);
}

export function label(i: vscode.TreeItem): string {
  return typeof i.label === 'string' ? i.label : (i.label?.label ?? '');
}

export async function labels(nodes: TreeNode[]): Promise<string[]> {
  return Promise.all(nodes.map(async (n) => label(await item(n))));
}

export async function childByLabel(parent: TreeNode | undefined, text: string | RegExp): Promise<TreeNode> {
  const nodes = await children(parent);
  for (const n of nodes) {
    const l = label(await item(n));
    if (typeof text === 'string' ? l === text : text.test(l)) {
      return n;
    }
  }
  assert.fail(`no child "${text}" among ${JSON.stringify(await labels(nodes))}`);
}

/** The account node, "My AccessKeys" and "RAM Users" of the active profile. */
export async function accountTree(): Promise<{ account: TreeNode; ownKeys: TreeNode; users: TreeNode }> {
  const roots = await children();
  assert.equal(roots.length, 1, 'one account node');
  const [ownKeys, users] = await children(roots[0]);
  return { account: roots[0], ownKeys, users };
}

/** A user's node, found through the filter (the users are too many to page through). */
export async function userNode(userName: string): Promise<TreeNode> {
  const api = await ram();
  await vscode.commands.executeCommand('alibabaCloud.ram.filterUsers', { text: userName });
  const { users } = await accountTree();
  await api.explorer.model.whenUsersLoaded();
  const node = await childByLabel(users, userName);
  await vscode.commands.executeCommand('alibabaCloud.ram.clearFilter');
  return node;
}

interface StateKey { accessKeyId: string; status: string; createDate: string; lastUsedDate: string | null }
interface StateUser { userName: string; accessKeys: StateKey[] }
interface StateAccount { accountId: string; rootAccessKeys: StateKey[]; users: StateUser[] }

export async function account(): Promise<StateAccount> {
  const state = await control('GET', 'state') as { accounts: StateAccount[] };
  const found = state.accounts.find((a) => a.accountId === RAM_ACCOUNT);
  assert.ok(found, 'the RAM seed account is missing: is seeds/ram.mjs loaded?');
  return found;
}

export async function keysOf(userName: string): Promise<StateKey[]> {
  const found = (await account()).users.find((u) => u.userName === userName);
  assert.ok(found, `no user ${userName}`);
  return found.accessKeys;
}

export async function requestMark(): Promise<number> {
  return ((await control('GET', 'requests?since=0')) as { last: number }).last;
}

/** Actions the emulator answered since the mark (optionally only for one masked key id). */
export async function actionsSince(mark: number): Promise<string[]> {
  const log = await control('GET', `requests?since=${mark}`) as { requests: Array<{ action: string }> };
  return log.requests.map((r) => r.action);
}

export function count(actions: string[], action: string): number {
  return actions.filter((a) => a === action).length;
}
