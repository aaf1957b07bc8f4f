import * as vscode from 'vscode';
import { describeIdentity, SELF, userOwner, type KeyOwner } from '../../aliyun/identity';
import type { CallerIdentity, RamUser } from '../../aliyun/types';
import { t } from '../../util/l10n';
import { ErrorNode, LoadMoreNode, MessageNode, type TreeNode } from '../tree/treeNode';
import { AccessKeyNode } from './accessKeyNode';
import { atKeyLimit } from './keyHealth';
import type { AccountInfo } from './ramModel';
import type { RamTreeContext } from './ramTreeContext';
import { RamRolesNode } from './roleNodes';
import { SecuritySummaryNode } from './securityNode';
import { marksOfKeys, type UserMarks } from './userMarks';

export async function rootNodes(ctx: RamTreeContext): Promise<TreeNode[]> {
  const generation = ctx.model.generation;
  const account = await ctx.model.account();
  if (!ctx.model.isCurrent(generation) || !account) {
    return []; // no profile: the view's welcome content offers to add one
  }
  const current = await ctx.model.session().catch(() => undefined);
  const base = `profile/${current?.profile.id ?? 'none'}/ram`;
  if (!account.ok) {
    return [new ErrorNode(`${base}/account/error`, account.error, () => ctx.model.retryAccount())];
  }
  return [ctx.node(`${base}/account`, () => new RamAccountNode(`${base}/account`, base, ctx, account.value))];
}

/** The active profile's account, from STS GetCallerIdentity. */
export class RamAccountNode implements TreeNode {
  constructor(readonly id: string, private readonly base: string, private readonly ctx: RamTreeContext, readonly account: AccountInfo) {}

  getTreeItem(): vscode.TreeItem {
    const { identity, profile } = this.account;
    const item = new vscode.TreeItem(t('Account {0}', identity.accountId), vscode.TreeItemCollapsibleState.Expanded);
    item.description = describeIdentity(identity, 'short');
    const root = identity.identityType === 'Account';
    item.iconPath = root ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground')) : new vscode.ThemeIcon('organization');
    item.tooltip = [
      t('Profile "{0}" signs in as {1}.', profile.name, identity.arn),
      root ? t('This is the account\'s own (root) AccessKey, which can do everything. Alibaba Cloud recommends using a RAM user\'s AccessKey instead.') : '',
    ].filter(Boolean).join('\n\n');
    item.contextValue = 'ramAccount';
    return item;
  }

  getChildren(): TreeNode[] {
    const ownId = `${this.base}/ownKeys`;
    const usersId = `${this.base}/users`;
    const rolesId = `${this.base}/roles`;
    const securityId = `${this.base}/security`;
    return [
      this.ctx.node(ownId, () => new OwnKeysNode(ownId, this.ctx, this.account.identity)),
      this.ctx.node(usersId, () => new RamUsersNode(usersId, this.base, this.ctx)),
      this.ctx.node(rolesId, () => new RamRolesNode(rolesId, this.base, this.ctx, this.account.identity.accountId)),
      // Last, so the branches the tests and people know keep their places.
      this.ctx.node(securityId, () => new SecuritySummaryNode(securityId, this.ctx)),
    ];
  }
}

/** The caller's own keys (ListAccessKeys without UserName). */
export class OwnKeysNode implements TreeNode {
  readonly owner = SELF;

  constructor(readonly id: string, private readonly ctx: RamTreeContext, readonly identity: CallerIdentity) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(t('My AccessKeys'), vscode.TreeItemCollapsibleState.Collapsed);
    item.description = describeIdentity(this.identity, 'short');
    item.iconPath = new vscode.ThemeIcon('key');
    const loaded = this.ctx.model.loadedKeys(SELF);
    if (loaded?.ok) {
      item.description += ' · ' + keyCountText(loaded.value.length, atKeyLimit(loaded.value));
    }
    item.tooltip = t('The AccessKeys of the identity the active profile signs in as.');
    item.contextValue = this.identity.identityType === 'AssumedRoleUser' ? 'message' : 'ramOwnKeys';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    if (this.identity.identityType === 'AssumedRoleUser') {
      return [new MessageNode(`${this.id}/sts`, t('Temporary STS credentials have no AccessKeys of their own.'))];
    }
    return keyChildren(this.ctx, this.id, SELF);
  }
}

/**
 * A user's key marks from what is already known, asking nothing: the keys looked up one by one when
 * they are loaded, else the credential report's; MFA only ever comes from the report.
 */
export function userMarks(ctx: RamTreeContext, owner: KeyOwner, userName: string | undefined): UserMarks | undefined {
  const fromReport = userName === undefined ? undefined : ctx.model.reportMarks(userName);
  const loaded = ctx.model.loadedKeys(owner);
  if (!loaded?.ok) {
    return fromReport;
  }
  const keys = loaded.value.map((key) => ({ key, lastUse: ctx.model.knownLastUse(owner, key.accessKeyId) ?? { state: 'loading' } as const }));
  return { ...marksOfKeys(keys, ctx.healthSettings(), ctx.now()), noMfa: fromReport?.noMfa };
}

function keyCountText(count: number, atLimit: boolean): string {
  if (atLimit) {
    return t('{0} keys (the limit)', count);
  }
  return count === 0 ? t('no keys') : count === 1 ? t('1 key') : t('{0} keys', count);
}

async function keyChildren(ctx: RamTreeContext, parentId: string, owner: KeyOwner): Promise<TreeNode[]> {
  const generation = ctx.model.generation;
  const keys = await ctx.model.keys(owner);
  if (!ctx.model.isCurrent(generation)) {
    return [];
  }
  if (!keys.ok) {
    return [new ErrorNode(`${parentId}/error`, keys.error, () => ctx.model.invalidateKeys(owner))];
  }
  if (keys.value.length === 0) {
    return [new MessageNode(`${parentId}/none`, t('No AccessKeys'))];
  }
  return keys.value.map((key) => {
    const id = `${parentId}/key/${key.accessKeyId}`;
    return ctx.node(id, () => new AccessKeyNode(id, ctx, owner, key), (kept) => kept.key === key);
  });
}

/** Every RAM user: the first page at once, the rest as it arrives, shown a thousand at a time. */
export class RamUsersNode implements TreeNode {
  constructor(readonly id: string, private readonly base: string, private readonly ctx: RamTreeContext) {}

  getTreeItem(): vscode.TreeItem {
    const state = this.ctx.model.usersState();
    const item = new vscode.TreeItem(t('RAM Users'), vscode.TreeItemCollapsibleState.Expanded);
    item.iconPath = new vscode.ThemeIcon('person');
    const { matching, total } = this.ctx.model.visibleUsers();
    const filter = this.ctx.model.filter;
    if (filter) {
      item.description = t('{0} of {1} match "{2}"', matching, total, filter);
    } else if (state.loading) {
      item.description = t('{0} loaded…', total);
    } else if (state.done) {
      item.description = String(total);
    }
    item.tooltip = t('RAM users of the account (ListUsers, 1,000 per page). Filter them by name or display name.');
    item.contextValue = 'ramUsers';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const { model } = this.ctx;
    const generation = model.generation;
    await model.loadUsers();
    if (!model.isCurrent(generation)) {
      return [];
    }
    const state = model.usersState();
    if (state.error !== undefined && state.users.length === 0) {
      return [new ErrorNode(`${this.id}/error`, state.error, () => model.retryUsers())];
    }
    const { users, matching } = model.visibleUsers();
    const nodes: TreeNode[] = users.map((user) => {
      const id = `${this.base}/user/${user.userName}`;
      return this.ctx.node(id, () => new RamUserNode(id, this.ctx, user));
    });
    if (matching > users.length) {
      nodes.push(new LoadMoreNode(`${this.id}/more`, t('Show more users ({0} of {1} shown)', users.length, matching), () => model.showMoreUsers()));
    }
    if (state.loading) {
      const item = new MessageNode(`${this.id}/loading`, t('Loading users… {0} so far', state.users.length), 'loading~spin');
      nodes.push(item);
    } else if (state.error !== undefined) {
      nodes.push(new ErrorNode(`${this.id}/error`, state.error, () => model.retryUsers()));
    }
    if (nodes.length === 0) {
      nodes.push(new MessageNode(`${this.id}/none`, model.filter ? t('No user matches "{0}"', model.filter) : t('No RAM users')));
    }
    return nodes;
  }
}

export class RamUserNode implements TreeNode {
  readonly owner: KeyOwner;

  constructor(readonly id: string, private readonly ctx: RamTreeContext, readonly user: RamUser) {
    this.owner = userOwner(user.userName);
  }

  get userName(): string {
    return this.user.userName;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.user.userName, vscode.TreeItemCollapsibleState.Collapsed);
    const parts: string[] = [];
    if (this.user.displayName && this.user.displayName !== this.user.userName) {
      parts.push(this.user.displayName);
    }
    const marks = userMarks(this.ctx, this.owner, this.user.userName);
    const concerns = marks?.concerns ?? 0;
    if (marks) {
      parts.push(keyCountText(marks.keys, marks.atLimit));
    }
    if (marks?.noMfa) {
      parts.push(t('no MFA'));
    }
    if (concerns > 0 || marks?.noMfa) {
      parts.unshift('⚠');
    }
    item.description = parts.join(' · ');
    item.iconPath = concerns > 0 || marks?.noMfa
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'))
      : new vscode.ThemeIcon(marks?.atLimit ? 'person-add' : 'person');
    const tip = [this.user.userName];
    if (this.user.displayName && this.user.displayName !== this.user.userName) {
      tip.push(this.user.displayName);
    }
    if (this.user.createDate) {
      tip.push(t('Created {0}', this.user.createDate));
    }
    if (marks?.atLimit) {
      tip.push(t('At the limit of two AccessKeys: delete one (an inactive one first) before creating another.'));
    }
    if (concerns > 0) {
      tip.push(concerns === 1 ? t('1 AccessKey needs attention: expand the user to see why.') : t('{0} AccessKeys need attention: expand the user to see why.', concerns));
    }
    if (marks?.noMfa) {
      tip.push(t('Can sign in to the console with a password but has no MFA device (credential report of {0}).', this.ctx.model.reportTime ?? ''));
    }
    item.tooltip = tip.join('\n');
    item.contextValue = 'ramUser';
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return keyChildren(this.ctx, this.id, this.owner);
  }
}
