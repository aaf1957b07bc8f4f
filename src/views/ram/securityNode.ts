import * as vscode from 'vscode';
import { AliyunError } from '../../aliyun/errors';
import { t } from '../../util/l10n';
import { ErrorNode, MessageNode, type TreeNode } from '../tree/treeNode';
import type { RamTreeContext } from './ramTreeContext';
import { securityLines } from './securityLines';

/** GetAccountSecurityPracticeReport's figures, under the account; asked only when expanded. */
export class SecuritySummaryNode implements TreeNode {
  constructor(readonly id: string, private readonly ctx: RamTreeContext) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(t('Security Summary'), vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('shield');
    item.tooltip = t('The account\'s security practice summary from RAM (GetAccountSecurityPracticeReport): root AccessKeys, MFA, old and unused keys.');
    item.contextValue = 'ramSecuritySummary';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const generation = this.ctx.model.generation;
    const loaded = await this.ctx.model.securitySummary();
    if (!this.ctx.model.isCurrent(generation) || !loaded) {
      return [];
    }
    if (!loaded.ok) {
      if (loaded.error instanceof AliyunError && loaded.error.kind === 'noPermission') {
        return [new MessageNode(`${this.id}/denied`, t('This profile may not read the security summary (ims:GetAccountSecurityPracticeReport).'), 'lock')];
      }
      return [new ErrorNode(`${this.id}/error`, loaded.error, () => this.ctx.model.retrySecurity())];
    }
    const nodes: TreeNode[] = [];
    if (loaded.value.score !== undefined) {
      nodes.push(new MessageNode(`${this.id}/score`, t('Security score: {0}', loaded.value.score), 'shield'));
    }
    for (const line of securityLines(loaded.value)) {
      nodes.push(new MessageNode(`${this.id}/${line.key}`, line.label, line.warn ? 'warning' : 'pass'));
    }
    return nodes.length ? nodes : [new MessageNode(`${this.id}/empty`, t('The summary has no figures.'))];
  }
}
