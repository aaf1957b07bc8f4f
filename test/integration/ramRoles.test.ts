// The RAM view's roles in the real tree against the emulator (seeds/roles.mjs): every role over
// two ListRoles pages, who may assume each from GetRole, the view's filter, the error of a profile
// that may not read RAM, Copy Role ARN, and Assume Role as Profile with the role's own RAM view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';
import type { ExtensionExports } from '../../src/extension';
import type { LoadMoreNode, TreeNode } from '../../src/views/tree/treeNode';
import { addProfile, EXTENSION_ID } from './helpers';
import { actionsSince, children, count, item, label, labels, ram, requestMark, useProfile, waitFor } from './ramFixtures';

const ACCOUNT = '3700000000000007';
const BULK_ROLES = 1050;
const ALL_ROLES = BULK_ROLES + 4;
const key = (accessKeyId: string) => ({ id: accessKeyId, secret: `role-secret-${accessKeyId.slice(9).toLowerCase()}-not-real` });
const KEYS = { reader: key('LTAI5tRvReader0000000001'), noram: key('LTAI5tRvNoRam00000000001') };
const arn = (role: string) => `acs:ram::${ACCOUNT}:role/${role}`;

/** The account's "RAM Roles" branch: the third child of the account, after My AccessKeys and RAM Users. */
async function rolesBranch(): Promise<TreeNode> {
  const roots = await children();
  assert.equal(roots.length, 1, 'one account node');
  const branches = await children(roots[0]);
  const roles = branches[2];
  assert.ok(roles, `no third branch under the account: ${JSON.stringify(await labels(branches))}`);
  assert.equal(label(await item(roles)), 'RAM Roles');
  return roles;
}

/** A role's node, found through the view's filter (the roles are too many to page through). */
async function roleNode(roleName: string): Promise<TreeNode> {
  await vscode.commands.executeCommand('alibabaCloud.ram.filterUsers', { text: roleName });
  const roles = await rolesBranch();
  await (await ram()).explorer.model.roles.whenLoaded();
  const nodes = await children(roles);
  const names = await labels(nodes);
  const found = nodes[names.indexOf(roleName)];
  assert.ok(found, `no role ${roleName} among ${JSON.stringify(names)}`);
  await vscode.commands.executeCommand('alibabaCloud.ram.clearFilter');
  return found;
}

let n = 0;
const profileName = (what: string) => `rv-${what}-${Date.now().toString(36)}-${n++}`;

describe('RAM view: roles, who may assume them, and Assume Role as Profile', function () {
  this.timeout(60_000);
  let reader: Profile;
  let noram: Profile;

  before(async () => {
    await ram();
    reader = await addProfile('rv-reader', KEYS.reader.id, KEYS.reader.secret, { regionId: 'cn-hangzhou' });
    noram = await addProfile('rv-noram', KEYS.noram.id, KEYS.noram.secret, { regionId: 'cn-hangzhou' });
  });
  beforeEach(async () => {
    await useProfile(reader);
    await vscode.commands.executeCommand('alibabaCloud.ram.clearFilter');
  });

  it('lists every role over two ListRoles pages of 1,000, with its description and longest session', async () => {
    const api = await ram();
    await vscode.commands.executeCommand('alibabaCloud.ram.refresh');
    const mark = await requestMark();
    const roles = await rolesBranch();
    const rolesItem = await item(roles);
    assert.equal(rolesItem.contextValue, 'ramRoles');
    assert.equal(rolesItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'asked for only when opened');
    assert.equal(count(await actionsSince(mark), 'ListRoles'), 0, 'nothing asked before the branch is opened');

    const first = await children(roles);
    assert.ok(first.length >= 1000, 'the first page shows at once');
    await api.explorer.model.roles.whenLoaded();
    assert.equal(count(await actionsSince(mark), 'ListRoles'), 2, 'one ListRoles per 1,000 roles');
    await waitFor(async () => (await item(roles)).description === String(ALL_ROLES), 'the branch never showed the count');

    const shown = await children(roles);
    assert.equal(shown.length, 1001, '1,000 roles and "Show more"');
    assert.equal(label(await item(shown[1000])), `Show more roles (1000 of ${ALL_ROLES} shown)`);
    await vscode.commands.executeCommand('alibabaCloud.tree.loadMore', shown[1000] as LoadMoreNode);
    const all = await labels(await children(roles));
    assert.equal(all.length, ALL_ROLES);
    assert.equal(new Set(all).size, ALL_ROLES, 'no role twice');
    assert.deepEqual(all.slice(0, 4), ['viewer', 'deployer', 'broker', 'sealed']);

    const viewer = await item((await children(roles))[0]);
    assert.equal(viewer.contextValue, 'ramRole');
    assert.equal(viewer.description, 'Reads RAM and SLB · max session 1 h');
    assert.equal(viewer.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal((await item((await children(roles))[1])).description, 'CI deploys the shop · max session 2 h');
    assert.ok(viewer.id?.startsWith(`profile/${reader.id}/ram/role/`), `stable id ${viewer.id}`);
  });

  it('expanding a role shows who may assume it: users, roles, the whole account, nobody, and the external ID', async () => {
    const deployer = await roleNode('deployer');
    const mark = await requestMark();
    const principals = await children(deployer);
    assert.deepEqual(await labels(principals), ['RAM user role-reader', 'RAM role broker', 'Only with the external ID deploy-ext-123']);
    assert.equal((await item(principals[0])).description, `acs:ram::${ACCOUNT}:user/role-reader`);
    assert.equal((await item(principals[0])).contextValue, 'trustedPrincipal');
    assert.deepEqual(await labels(await children(await roleNode('broker'))), ['Every RAM user and role of this account']);
    assert.deepEqual(await labels(await children(await roleNode('sealed'))), ['Nobody may assume this role: its trust policy names no one.']);
    await children(deployer);
    assert.equal(count(await actionsSince(mark), 'GetRole'), 3, 'one GetRole per role, asked again for none');
  });

  it('hovering a role loads who may assume it into the tooltip, with the one GetRole that expanding then reuses', async () => {
    const api = await ram();
    await vscode.commands.executeCommand('alibabaCloud.ram.refresh');
    const viewer = await roleNode('viewer');
    const before = await item(viewer);
    assert.equal(before.tooltip, undefined, 'the tooltip waits for the hover');
    const mark = await requestMark();
    const hovered = await api.explorer.provider.resolveTreeItem(before, viewer);
    const tooltip = String(hovered?.tooltip);
    assert.match(tooltip, new RegExp(`^viewer\\n${arn('viewer')}\\nReads RAM and SLB\\nLongest session: 1 h \\(3600 s\\)`));
    assert.match(tooltip, /Who may assume it:\n• RAM user role-reader$/);
    assert.deepEqual(await labels(await children(viewer)), ['RAM user role-reader']);
    assert.equal(count(await actionsSince(mark), 'GetRole'), 1);
    assert.match(String((await item(viewer)).tooltip), /• RAM user role-reader/, 'the item shows it from then on');
  });

  it('the view\'s filter finds roles by name or description, alongside the users', async () => {
    const api = await ram();
    await api.explorer.model.roles.whenLoaded();
    const result = await vscode.commands.executeCommand<{ matching: number; roles: { matching: number; total: number } }>('alibabaCloud.ram.filterUsers', { text: 'DEPLOY' });
    assert.deepEqual(result.roles, { matching: 1, total: ALL_ROLES });
    assert.equal(result.matching, 0, 'no user matches');
    const roles = await rolesBranch();
    assert.deepEqual(await labels(await children(roles)), ['deployer']);
    assert.equal((await item(roles)).description, `1 of ${ALL_ROLES} match "DEPLOY"`);
    await vscode.commands.executeCommand('alibabaCloud.ram.filterUsers', { text: 'bulk role 104' });
    assert.deepEqual(await labels(await children(roles)), ['bulk-role-0104', ...Array.from({ length: 10 }, (_, i) => `bulk-role-104${i}`)]);
    await vscode.commands.executeCommand('alibabaCloud.ram.filterUsers', { text: 'no-such-role' });
    assert.deepEqual(await labels(await children(roles)), ['No role matches "no-such-role"']);
  });

  it('a profile that may not read RAM sees why, with the policy named, and Retry asks again', async () => {
    await useProfile(noram);
    const roles = await rolesBranch();
    const [error] = await children(roles);
    const e = await item(error);
    assert.equal(e.contextValue, 'error');
    assert.match(label(e), /may not call ram:ListRoles/);
    assert.match(label(e), /AliyunRAMReadOnlyAccess/);
    assert.equal(e.command?.command, 'alibabaCloud.tree.retry');
    const mark = await requestMark();
    await vscode.commands.executeCommand('alibabaCloud.tree.retry', error);
    const [again] = await children(await rolesBranch());
    assert.match(label(await item(again)), /AliyunRAMReadOnlyAccess/);
    assert.equal(count(await actionsSince(mark), 'ListRoles'), 1, 'Retry asked again');
  });

  it('Copy Role ARN puts the role\'s ARN on the clipboard, from its node or by name', async () => {
    const node = await roleNode('deployer');
    await vscode.env.clipboard.writeText('untouched');
    assert.equal(await vscode.commands.executeCommand('alibabaCloud.ram.copyRoleArn', node), arn('deployer'));
    assert.equal(await vscode.env.clipboard.readText(), arn('deployer'));
    assert.equal(await vscode.commands.executeCommand('alibabaCloud.ram.copyRoleArn', { roleName: 'VIEWER' }), arn('viewer'));
    assert.equal(await vscode.env.clipboard.readText(), arn('viewer'));
  });

  it('Assume Role as Profile makes a role profile whose RAM view is the assumed role\'s', async () => {
    const node = await roleNode('viewer');
    const name = profileName('viewer');
    const profile = await vscode.commands.executeCommand<Profile | undefined>('alibabaCloud.ram.assumeRoleAsProfile', node, { name, sourceProfileId: reader.id });
    assert.ok(profile?.role, 'a role profile was stored');
    assert.equal(profile.kind, 'RamRole');
    assert.equal(profile.name, name);
    assert.equal(profile.role.roleArn, arn('viewer'));
    assert.equal(profile.role.sourceProfileId, reader.id);
    assert.equal(profile.regionId, 'cn-hangzhou', 'the source\'s region');
    assert.equal((await (await ram()).explorer.model.session())?.profile.id, reader.id, 'not selected unless asked');

    await useProfile(profile);
    const [account] = await children();
    const a = await item(account);
    assert.equal(label(a), `Account ${ACCOUNT}`);
    assert.match(String(a.description), /^role session viewer\//, 'GetCallerIdentity answers AssumedRoleUser');
    const [ownKeys, users] = await children(account);
    assert.deepEqual(await labels(await children(ownKeys)), ['Temporary STS credentials have no AccessKeys of their own.']);
    assert.deepEqual(await labels(await children(users)), ['role-reader', 'role-noram'], 'the role may read RAM');
    assert.deepEqual(await labels(await children(await roleNode('viewer'))), ['RAM user role-reader'], 'and its roles');
  });

  it('Assume Role as Profile with arguments alone takes the ARN and the external ID, and checks them', async () => {
    const profile = await vscode.commands.executeCommand<Profile | undefined>('alibabaCloud.ram.assumeRoleAsProfile', {
      name: profileName('deployer'), sourceProfileId: reader.id, roleArn: arn('deployer'), externalId: 'deploy-ext-123', activate: true,
    });
    assert.ok(profile?.role);
    assert.equal(profile.role.externalId, 'deploy-ext-123');
    await waitFor(async () => (await (await ram()).explorer.model.session())?.profile.id === profile.id, 'activate: true did not select it');
    const [account] = await children();
    assert.match(String((await item(account)).description), /^role session deployer\//);

    const badName = profileName('bad');
    const refused = await vscode.commands.executeCommand<Profile | undefined>('alibabaCloud.ram.assumeRoleAsProfile', {
      name: badName, sourceProfileId: reader.id, roleArn: 'arn:aws:iam::123456789012:role/x',
    });
    assert.equal(refused, undefined, 'an ARN of another form is refused');
    const stored = await vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID)!.exports!.profiles.list();
    assert.ok(!stored.some((p) => p.name === badName), 'and nothing is stored');
  });
});
