import * as vscode from 'vscode';
import { acceptLanguageFor } from '../../aliyun/slbService';
import { SlbView } from '../../constants';
import type { StateStore } from '../../credentials/activeProfile';
import type { SessionSource } from '../../credentials/profileSessions';
import { t, sentences } from '../../util/l10n';
import { NodeTreeProvider, type TreeNode } from '../tree/treeNode';
import { LoadBalancerModel } from './loadBalancerModel';
import { RegionNode, rootNodes, type SlbTreeContext } from './loadBalancerNodes';
import { createTreeView, type MakeTreeView } from '../tree/lazyTreeProvider';

/**
 * The Load Balancers view (`alibabaCloud.loadBalancers`): the tree, its title (filter, scan
 * result) and context keys, and the memory of which regions the user expanded. Nothing loads until
 * the view is shown.
 */
export class LoadBalancersView implements SlbTreeContext, vscode.Disposable {
  readonly model: LoadBalancerModel;
  readonly provider: NodeTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(sessions: SessionSource, workspaceState: StateStore, log: vscode.LogOutputChannel, makeTreeView: MakeTreeView = createTreeView) {
    this.model = new LoadBalancerModel(sessions, workspaceState, acceptLanguageFor(vscode.env.language), log);
    this.provider = new NodeTreeProvider(() => rootNodes(this));
    this.treeView = makeTreeView(SlbView.id, { treeDataProvider: this.provider, showCollapseAll: true });
    const remember = (node: TreeNode, expanded: boolean) => {
      if (node instanceof RegionNode) {
        void this.model.profile().then((profile) => profile && profile.id === node.profileId
          ? this.model.setExpanded(profile.id, node.region.regionId, expanded, profile.regionId)
          : undefined);
      }
    };
    this.disposables.push(
      this.model,
      this.provider,
      this.treeView,
      this.model.onDidChange(() => {
        this.provider.refresh();
        this.updateTitle();
      }),
      this.treeView.onDidExpandElement((e) => remember(e.element, true)),
      this.treeView.onDidCollapseElement((e) => remember(e.element, false)),
    );
    this.updateTitle();
  }

  refresh(): void {
    this.provider.refresh();
  }

  private updateTitle(): void {
    const { filter, scan } = this.model;
    this.treeView.description = filter ? t('Filter: "{0}"', filter) : undefined;
    if (scan) {
      const parts = [t('Found {0} load balancers in {1} of {2} regions.', scan.loadBalancers, scan.found.length, scan.scanned)];
      if (scan.failed.length > 0) {
        parts.push(t('{0} regions could not be listed.', scan.failed.length));
      }
      if (scan.cancelled) {
        parts.push(t('The scan was cancelled: {0} regions were not scanned.', scan.total - scan.scanned));
      }
      this.treeView.message = sentences(...parts);
    } else {
      this.treeView.message = undefined;
    }
    void vscode.commands.executeCommand('setContext', SlbView.filteredContext, filter !== undefined);
    void vscode.commands.executeCommand('setContext', SlbView.scannedContext, scan !== undefined);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
