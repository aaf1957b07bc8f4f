import * as vscode from 'vscode';
import type { RamRole } from '../../aliyun/types';
import { errorMessage } from '../../util/errors';
import { t } from '../../util/l10n';
import { ErrorNode, LoadMoreNode, MessageNode, type TreeNode } from '../tree/treeNode';
import type { Loaded } from './backgroundPages';
import type { RoleTrustInfo, TrustedPrincipal } from './ramRoles';
import type { RamTreeContext } from './ramTreeContext';

/** 3600 → "1 h", 5400 → "90 min". */
function durationText(seconds: number): string {
  return seconds % 3600 === 0 ? t('{0} h', seconds / 3600) : t('{0} min', Math.round(seconds / 60));
}

/** A trusted principal in the person's words; the account being viewed is "this account". */
export function principalText(p: TrustedPrincipal, viewedAccountId: string): string {
  switch (p.kind) {
    case 'account':
      return p.accountId === viewedAccountId ? t('Every RAM user and role of this account') : t('Every RAM user and role of account {0}', p.accountId);
    case 'user':
      return p.accountId === viewedAccountId ? t('RAM user {0}', p.name) : t('RAM user {0} of account {1}', p.name, p.accountId);
    case 'role':
      return p.accountId === viewedAccountId ? t('RAM role {0}', p.name) : t('RAM role {0} of account {1}', p.name, p.accountId);
    case 'service':
      return t('Alibaba Cloud service {0}', p.principal);
    case 'other':
      return p.principal;
  }
}

const PRINCIPAL_ICON: Record<TrustedPrincipal['kind'], string> = { account: 'organization', user: 'person', role: 'shield', service: 'cloud', other: 'question' };

/** Every RAM role: the first page at once, the rest as it arrives; filtered by the view's filter. */
export class RamRolesNode implements TreeNode {
  constructor(readonly id: string, private readonly base: string, private readonly ctx: RamTreeContext, private readonly accountId: string) {}

  getTreeItem(): vscode.TreeItem {
    const { model } = this.ctx;
    const state = model.roles.state();
    // Collapsed: the roles are asked for only when someone opens the branch.
    const item = new vscode.TreeItem(t('RAM Roles'), vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('shield');
    const { matching, total } = model.roles.visible(model.filter);
    if (model.filter && (state.loading || state.done)) {
      item.description = t('{0} of {1} match "{2}"', matching, total, model.filter);
    } else if (state.loading) {
      item.description = t('{0} loaded…', total);
    } else if (state.done) {
      item.description = String(total);
    }
    item.tooltip = t('RAM roles of the account (ListRoles, 1,000 per page). Expand or hover a role to see who may assume it. The view\'s filter finds roles by name or description.');
    item.contextValue = 'ramRoles';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const { model } = this.ctx;
    const roles = model.roles;
    await roles.load();
    if (roles !== model.roles) {
      return []; // the profile changed meanwhile
    }
    const state = roles.state();
    if (state.error !== undefined && state.roles.length === 0) {
      return [new ErrorNode(`${this.id}/error`, state.error, () => roles.retry())];
    }
    const shown = roles.visible(model.filter);
    const nodes: TreeNode[] = shown.roles.map((role) => {
      const id = `${this.base}/role/${role.roleName}`;
      return this.ctx.node(id, () => new RamRoleNode(id, this.ctx, role, this.accountId));
    });
    if (shown.matching > shown.roles.length) {
      nodes.push(new LoadMoreNode(`${this.id}/more`, t('Show more roles ({0} of {1} shown)', shown.roles.length, shown.matching), () => roles.showMore()));
    }
    if (state.loading) {
      nodes.push(new MessageNode(`${this.id}/loading`, t('Loading roles… {0} so far', state.roles.length), 'loading~spin'));
    } else if (state.error !== undefined) {
      nodes.push(new ErrorNode(`${this.id}/error`, state.error, () => roles.retry()));
    }
    if (nodes.length === 0) {
      nodes.push(new MessageNode(`${this.id}/none`, model.filter ? t('No role matches "{0}"', model.filter) : t('No RAM roles')));
    }
    return nodes;
  }
}

/** A role: its description and longest session; who may assume it once expanded or hovered. */
export class RamRoleNode implements TreeNode {
  constructor(readonly id: string, private readonly ctx: RamTreeContext, readonly role: RamRole, private readonly accountId: string) {}

  get roleName(): string {
    return this.role.roleName;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.role.roleName, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = [
      this.role.description,
      this.role.maxSessionDuration ? t('max session {0}', durationText(this.role.maxSessionDuration)) : '',
    ].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('shield');
    const trust = this.ctx.model.roles.loadedTrust(this.role.roleName);
    // Left out until GetRole answered: resolveTreeItem asks on hover.
    item.tooltip = trust ? this.tooltip(trust) : undefined;
    item.contextValue = 'ramRole';
    return item;
  }

  async resolveTreeItem(item: vscode.TreeItem): Promise<vscode.TreeItem> {
    item.tooltip ??= this.tooltip(await this.ctx.model.roles.trust(this.role.roleName));
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const roles = this.ctx.model.roles;
    const loaded = await roles.trust(this.role.roleName);
    if (roles !== this.ctx.model.roles) {
      return [];
    }
    if (!loaded.ok) {
      return [new ErrorNode(`${this.id}/error`, loaded.error, () => roles.retryTrust(this.role.roleName))];
    }
    const trust = loaded.value;
    if (!trust.readable) {
      return [new MessageNode(`${this.id}/unreadable`, t('The trust policy could not be read: open the role in the console.'), 'warning')];
    }
    const nodes: TreeNode[] = trust.principals.map((p) => new TrustedPrincipalNode(`${this.id}/principal/${p.principal}`, p, principalText(p, this.accountId)));
    if (nodes.length === 0) {
      nodes.push(new MessageNode(`${this.id}/nobody`, t('Nobody may assume this role: its trust policy names no one.'), 'circle-slash'));
    } else if (trust.externalId !== undefined) {
      nodes.push(new MessageNode(`${this.id}/externalId`, t('Only with the external ID {0}', trust.externalId), 'lock',
        t('The trust policy asks for this external ID (condition sts:ExternalId): AssumeRole without it is refused. Assume Role as Profile… fills it in.')));
    }
    return nodes;
  }

  private tooltip(loaded: Loaded<RoleTrustInfo>): string {
    const role = loaded.ok ? { ...this.role, ...loaded.value.role } : this.role;
    const lines = [role.roleName, role.arn];
    if (role.description) {
      lines.push(role.description);
    }
    if (role.maxSessionDuration) {
      lines.push(t('Longest session: {0} ({1} s)', durationText(role.maxSessionDuration), role.maxSessionDuration));
    }
    if (role.createDate) {
      lines.push(t('Created {0}', role.createDate));
    }
    lines.push('', t('Who may assume it:'));
    if (!loaded.ok) {
      lines.push(t('unknown ({0})', errorMessage(loaded.error)));
    } else if (!loaded.value.readable) {
      lines.push(t('The trust policy could not be read: open the role in the console.'));
    } else if (loaded.value.principals.length === 0) {
      lines.push(t('Nobody may assume this role: its trust policy names no one.'));
    } else {
      lines.push(...loaded.value.principals.map((p) => `• ${principalText(p, this.accountId)}`));
      if (loaded.value.externalId !== undefined) {
        lines.push(t('Only with the external ID {0}', loaded.value.externalId));
      }
    }
    return lines.join('\n');
  }
}

/** One principal the role's trust policy names. */
export class TrustedPrincipalNode implements TreeNode {
  constructor(readonly id: string, readonly principal: TrustedPrincipal, private readonly text: string) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.description = this.principal.kind === 'other' ? undefined : this.principal.principal;
    item.iconPath = new vscode.ThemeIcon(PRINCIPAL_ICON[this.principal.kind]);
    item.tooltip = this.principal.kind === 'account'
      ? t('{0}: any of them whose own policies allow sts:AssumeRole may assume the role.', this.principal.principal)
      : this.principal.principal;
    item.contextValue = 'trustedPrincipal';
    return item;
  }
}
