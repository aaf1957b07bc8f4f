import * as vscode from 'vscode';
import { apiUserName, type KeyOwner } from '../../aliyun/identity';
import type { AccessKeyInfo } from '../../aliyun/types';
import { t } from '../../util/l10n';
import type { TreeNode } from '../tree/treeNode';
import { keyHealth, type HealthSettings, type KeyWarning, type LastUse } from './keyHealth';
import { holderNames } from './keyHolders';
import type { RamTreeContext } from './ramTreeContext';

function warningText(warning: KeyWarning, settings: HealthSettings): string {
  switch (warning) {
    case 'inactive':
      return t('Inactive: every call with it fails. Delete it when nothing needs it.');
    case 'old':
      return t('Older than {0} days: rotate it (setting alibabaCloud.ram.keyAgeWarningDays).', settings.keyAgeWarningDays);
    case 'unused':
      return t('Not used for more than {0} days: disable it if nothing needs it (setting alibabaCloud.ram.unusedKeyWarningDays).', settings.unusedKeyWarningDays);
    case 'neverUsed':
      return t('Never used: disable it if nothing needs it.');
  }
}

function lastUseText(lastUse: LastUse, idleDays: number | undefined): string {
  switch (lastUse.state) {
    case 'loading':
      return t('last use …');
    case 'failed':
      return t('last use unknown');
    case 'known':
      if (lastUse.date === null) {
        return t('never used');
      }
      return idleDays === 0 ? t('used today') : t('used {0} d ago', idleDays ?? '?');
  }
}

export class AccessKeyNode implements TreeNode {
  constructor(readonly id: string, private readonly ctx: RamTreeContext, readonly owner: KeyOwner, readonly key: AccessKeyInfo) {}

  get accessKeyId(): string {
    return this.key.accessKeyId;
  }

  /** The API's UserName: none for the caller's own keys. */
  get userName(): string | undefined {
    return apiUserName(this.owner);
  }

  async getTreeItem(): Promise<vscode.TreeItem> {
    const settings = this.ctx.healthSettings();
    const holders = await this.ctx.model.holdersOf(this.key.accessKeyId);
    // Read after the await: a last use that arrived meanwhile would otherwise be lost, its refresh
    // landing while VS Code was still resolving this item.
    const lastUse = this.ctx.model.lastUse(this.owner, this.key.accessKeyId);
    const health = keyHealth(this.key, lastUse, settings, this.ctx.now());
    const inactive = this.key.status === 'Inactive';

    const item = new vscode.TreeItem(this.key.accessKeyId, vscode.TreeItemCollapsibleState.None);
    const parts = [
      inactive ? t('Inactive') : t('Active'),
      health.ageDays !== undefined ? t('{0} d old', health.ageDays) : '',
      lastUseText(lastUse, health.idleDays),
      holders.length ? t('profile {0}', holderNames(holders)) : '',
    ].filter(Boolean);
    const concerns = health.warnings.filter((w) => w !== 'inactive');
    if (concerns.length > 0) {
      parts.unshift('⚠');
    }
    item.description = parts.join(' · ');
    item.iconPath = inactive
      ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
      : concerns.length > 0
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'))
        : new vscode.ThemeIcon('key');

    const tip = new vscode.MarkdownString(undefined, false);
    tip.isTrusted = false;
    tip.appendMarkdown(`**${this.key.accessKeyId}**\n\n`);
    tip.appendMarkdown(`${t('Owner')}: ${this.owner.kind === 'user' ? escape(this.owner.userName) : t('the signed-in identity')}  \n`);
    tip.appendMarkdown(`${t('Status')}: ${inactive ? t('Inactive') : t('Active')}  \n`);
    tip.appendMarkdown(`${t('Created')}: ${escape(this.key.createDate)}${health.ageDays !== undefined ? ` (${t('{0} days ago', health.ageDays)})` : ''}  \n`);
    const lastUsed = lastUse.state === 'known' ? (lastUse.date ?? t('never')) : lastUse.state === 'failed' ? `${t('unknown')} (${escape(lastUse.message)})` : '…';
    tip.appendMarkdown(`${t('Last used')}: ${escape(lastUsed)}  \n`);
    tip.appendMarkdown(`${t('Local profiles')}: ${holders.length ? escape(holderNames(holders)) : t('none')}`);
    if (health.warnings.length > 0) {
      tip.appendMarkdown(`\n\n${health.warnings.map((w) => `- ${escape(warningText(w, settings))}`).join('\n')}`);
    }
    item.tooltip = tip;
    item.contextValue = inactive ? 'accessKey:inactive' : 'accessKey:active';
    return item;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
