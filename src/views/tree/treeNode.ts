import * as vscode from 'vscode';
import { AliyunError } from '../../aliyun/errors';
import { Commands } from '../../constants';
import { SignInExpiredError } from '../../credentials/cloudSso/cloudSsoCredentials';
import { errorMessage } from '../../util/errors';
import { t } from '../../util/l10n';

/** A tree node: a stable id, its item, its children. Providers only walk these. */
export interface TreeNode {
  /** Stable across refreshes: `profile/<id>/ram/user/<name>` … */
  readonly id: string;
  getTreeItem(): vscode.TreeItem | Promise<vscode.TreeItem>;
  getChildren?(): vscode.ProviderResult<TreeNode[]>;
  /** On hover, for a tooltip left out of getTreeItem because it needs a call of its own. */
  resolveTreeItem?(item: vscode.TreeItem): vscode.TreeItem | Promise<vscode.TreeItem>;
}

/** Generic provider over a root function; `refresh(node?)` re-asks the model. */
export class NodeTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly roots: () => vscode.ProviderResult<TreeNode[]>) {}

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  async getTreeItem(node: TreeNode): Promise<vscode.TreeItem> {
    const item = await node.getTreeItem();
    item.id ??= node.id;
    // Without this a screen reader reads a row's tooltip instead of what the row shows.
    if (!item.accessibilityInformation && typeof item.description === 'string' && item.description) {
      const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
      item.accessibilityInformation = { label: `${label}, ${item.description}` };
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.ProviderResult<vscode.TreeItem> {
    return node.resolveTreeItem ? node.resolveTreeItem(item) : item;
  }

  getChildren(node?: TreeNode): vscode.ProviderResult<TreeNode[]> {
    return node ? (node.getChildren?.() ?? []) : this.roots();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export const RETRY_COMMAND = 'alibabaCloud.tree.retry';
export const LOAD_MORE_COMMAND = 'alibabaCloud.tree.loadMore';

/** A branch that failed: the mapped message, the error code in the tooltip, and Retry on click. */
export class ErrorNode implements TreeNode {
  constructor(readonly id: string, private readonly error: unknown, readonly retry: () => void) {}

  getTreeItem(): vscode.TreeItem {
    const message = errorMessage(this.error);
    const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.description = t('Retry');
    item.tooltip = this.error instanceof AliyunError
      ? `${message}\n\n${this.error.code}${this.error.requestId ? ` · RequestId ${this.error.requestId}` : ''}`
      : message;
    item.contextValue = 'error';
    if (this.error instanceof SignInExpiredError) {
      // Retrying cannot help until the person signs in again: the click does that.
      item.description = t('Sign In Again');
      item.command = { command: Commands.cloudSsoSignInAgain, title: t('Sign In Again'), arguments: [{ signInUrl: this.error.signInUrl }] };
      return item;
    }
    item.command = { command: RETRY_COMMAND, title: t('Retry'), arguments: [this] };
    return item;
  }
}

/** "Load more…" at the end of a paged list. */
export class LoadMoreNode implements TreeNode {
  constructor(readonly id: string, private readonly label: string, readonly loadMore: () => void) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: LOAD_MORE_COMMAND, title: this.label, arguments: [this] };
    return item;
  }
}

/** A line of information (empty state, "loading…"). */
export class MessageNode implements TreeNode {
  constructor(readonly id: string, private readonly label: string, private readonly icon = 'info', private readonly tooltip?: string) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.tooltip = this.tooltip;
    item.contextValue = 'message';
    return item;
  }
}

/** Registers the shared Retry and Load more commands that error and paging nodes run. */
export function registerTreeCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(RETRY_COMMAND, (node?: ErrorNode) => node?.retry()),
    vscode.commands.registerCommand(LOAD_MORE_COMMAND, (node?: LoadMoreNode) => node?.loadMore()),
  ];
}
