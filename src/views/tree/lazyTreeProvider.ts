import * as vscode from 'vscode';

/**
 * A tree's provider that exists from activation while the code behind the tree loads on the first
 * look: VS Code gets the view at once, and the RAM, SLB and Profiles trees cost nothing at start.
 */
/** Makes a tree's view: VS Code's own, or one made at activation over a LazyTreeProvider. */
export type MakeTreeView = <T>(viewId: string, options: vscode.TreeViewOptions<T>) => vscode.TreeView<T>;

export const createTreeView: MakeTreeView = (viewId, options) => vscode.window.createTreeView(viewId, options);

export class LazyTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private target?: vscode.TreeDataProvider<T>;
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private subscription?: vscode.Disposable;

  /** `load` makes the real provider appear through setTarget (it loads the features). */
  constructor(private readonly load: () => Promise<void>) {}

  setTarget(target: vscode.TreeDataProvider<T>): void {
    this.subscription?.dispose();
    this.target = target;
    this.subscription = target.onDidChangeTreeData?.((e) => this.changed.fire(e));
    this.changed.fire();
  }

  private async ready(): Promise<vscode.TreeDataProvider<T>> {
    if (!this.target) {
      await this.load();
    }
    if (!this.target) {
      throw new Error('the tree did not load');
    }
    return this.target;
  }

  async getChildren(element?: T): Promise<T[]> {
    return (await (await this.ready()).getChildren(element)) ?? [];
  }

  async getTreeItem(element: T): Promise<vscode.TreeItem> {
    return (await this.ready()).getTreeItem(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.target?.getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.target?.resolveTreeItem ? this.target.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}
