import * as vscode from 'vscode';
import { ownerKey, SELF, userNameOf, userOwner, type KeyOwner } from '../../aliyun/identity';
import { RamView, Settings } from '../../constants';
import type { SessionSource } from '../../credentials/profileSessions';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';
import { NodeTreeProvider, type TreeNode } from '../tree/treeNode';
import { AccessKeyNode } from './accessKeyNode';
import type { ProfileSource } from './keyHolders';
import { cleanHealthSettings, type HealthSettings } from './keyHealth';
import { RamExplorerModel, type RamChange } from './ramModel';
import { OwnKeysNode, RamUserNode, RamUsersNode, rootNodes } from './ramNodes';
import type { RamTreeContext } from './ramTreeContext';
import { RamRoleNode, RamRolesNode } from './roleNodes';
import { createTreeView, type MakeTreeView } from '../tree/lazyTreeProvider';

/** Branch refreshes that arrive together (last-use answers) are sent to the tree at once. */
const REFRESH_COALESCE_MS = 40;

/**
 * The RAM view (`alibabaCloud.ram`): the tree of the active profile's account, users and keys.
 * Nothing loads until the view (or a command) asks; a profile switch drops everything at once.
 */
export class RamExplorer implements RamTreeContext, vscode.Disposable {
  readonly model: RamExplorerModel;
  readonly provider: NodeTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  private nodes = new Map<string, TreeNode>();
  private pending = new Set<TreeNode>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private settings: HealthSettings;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(sessions: SessionSource, profiles: ProfileSource, log: Log, makeTreeView: MakeTreeView = createTreeView) {
    this.model = new RamExplorerModel(sessions, profiles, log);
    this.settings = this.readSettings();
    this.provider = new NodeTreeProvider(() => rootNodes(this));
    this.treeView = makeTreeView(RamView.id, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.push(
      this.model,
      this.provider,
      this.treeView,
      this.model.onDidChange((change) => this.onModelChange(change)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${Settings.section}.ram`)) {
          this.settings = this.readSettings();
          this.provider.refresh();
        }
      }),
    );
    this.updateTitle();
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private readSettings(): HealthSettings {
    const config = vscode.workspace.getConfiguration(Settings.section);
    return cleanHealthSettings({
      keyAgeWarningDays: config.get(Settings.ramKeyAgeWarningDays),
      unusedKeyWarningDays: config.get(Settings.ramUnusedKeyWarningDays),
    });
  }

  healthSettings(): HealthSettings {
    return this.settings;
  }

  now(): Date {
    return new Date();
  }

  node<T extends TreeNode>(id: string, make: () => T, current?: (kept: T) => boolean): T {
    let node = this.nodes.get(id);
    if (!node || (current && !current(node as T))) {
      node = make();
      this.nodes.set(id, node);
    }
    return node as T;
  }

  /** Start over: Refresh, or after the account changed. */
  refresh(): void {
    this.model.reset('refresh');
  }

  /** After a key of this owner was created, disabled, enabled or deleted. */
  keysChanged(owner: KeyOwner): void {
    this.model.invalidateKeys(owner);
    // The signed-in RAM user's keys show twice: under "My AccessKeys" and under the user.
    void this.model.account().then((account) => {
      const self = account?.ok ? userNameOf(account.value.identity) : undefined;
      if (!self) {
        return;
      }
      if (owner.kind === 'self') {
        this.model.invalidateKeys(userOwner(self));
      } else if (owner.userName === self) {
        this.model.invalidateKeys(SELF);
      }
    });
  }

  private onModelChange(change: RamChange): void {
    switch (change.kind) {
      case 'all':
        this.nodes = new Map();
        this.pending.clear();
        this.provider.refresh();
        this.updateTitle();
        return;
      case 'users':
        this.schedule((n) => n instanceof RamUsersNode);
        this.updateTitle();
        return;
      case 'roles':
        this.schedule((n) => n instanceof RamRolesNode);
        return;
      case 'trust':
        this.schedule((n) => n instanceof RamRoleNode && n.roleName.toLowerCase() === change.roleName.toLowerCase());
        return;
      case 'keys': {
        const key = ownerKey(change.owner);
        this.schedule((n) => (n instanceof RamUserNode || n instanceof OwnKeysNode) && ownerKey(n.owner) === key);
        return;
      }
      case 'keysOfMany':
        this.schedule((n) => n instanceof RamUsersNode || n instanceof OwnKeysNode);
        return;
      case 'lastUsed': {
        const key = ownerKey(change.owner);
        this.schedule((n) => n instanceof AccessKeyNode && n.accessKeyId === change.accessKeyId && ownerKey(n.owner) === key);
        return;
      }
      case 'profiles':
        this.schedule((n) => n instanceof AccessKeyNode);
        return;
    }
  }

  private schedule(match: (node: TreeNode) => boolean): void {
    for (const node of this.nodes.values()) {
      if (match(node)) {
        this.pending.add(node);
      }
    }
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        const nodes = [...this.pending];
        this.pending.clear();
        nodes.forEach((n) => this.provider.refresh(n));
      }, REFRESH_COALESCE_MS);
    }
  }

  private updateTitle(): void {
    const filter = this.model.filter;
    this.treeView.description = filter ? t('Filter: "{0}"', filter) : undefined;
    void vscode.commands.executeCommand('setContext', RamView.filteredContext, !!filter);
  }
}
