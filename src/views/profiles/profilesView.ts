import * as vscode from 'vscode';
import { ProfilesView as Ids } from '../../constants';
import type { ActiveProfile } from '../../credentials/activeProfile';
import type { CloudSsoServices } from '../../credentials/cloudSso/services';
import { isCloudSsoProfile, isProductionLabel, type Profile } from '../../credentials/profile';
import type { ProfileStore } from '../../credentials/profileStore';
import type { TerminalEnvironment } from '../../credentials/terminalEnvironment';
import type { TestResults } from '../../credentials/testResults';
import { t } from '../../util/l10n';
import { NodeTreeProvider, type TreeNode } from '../tree/treeNode';
import { describeExpiry, profileKeyText, profileTooltip } from './profileTooltip';
import { createTreeView, type MakeTreeView } from '../tree/lazyTreeProvider';
import { isRootResult } from '../../credentials/rootGuard';
import { describeAccount, signInStatus, type SsoTooltip } from './cloudSsoTooltip';

/** One profile. Its `profileId` makes the node itself a valid argument of the profile commands. */
export class ProfileNode implements TreeNode {
  readonly id: string;
  readonly profileId: string;

  constructor(
    readonly profile: Profile,
    private readonly active: boolean,
    private readonly results: TestResults,
    private readonly inTerminal: boolean,
    /** CloudSSO profiles only: their directory sign-in. */
    private readonly sso?: SsoTooltip,
  ) {
    this.id = `profile/${profile.id}`;
    this.profileId = profile.id;
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.profile;
    const result = this.results.get(p.id);
    const tested = result && result.accessKeyId === p.accessKeyId ? result : undefined;
    const expired = p.expiration ? describeExpiry(p.expiration).expired : false;
    const sso = isCloudSsoProfile(p) ? signInStatus(this.sso?.signInEndsAt) : undefined;
    const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.None);
    item.description = [
      this.active ? t('active') : '',
      p.regionId,
      profileKeyText(p),
      isCloudSsoProfile(p) ? describeAccount(p.sso) : '',
      p.label ?? '',
      expired ? t('token expired') : '',
      sso === 'ended' ? t('signed out') : sso === 'ending' ? t('sign-in ends soon') : '',
      isRootResult(tested) ? t('root') : '',
    ].filter(Boolean).join(' · ');
    const color = (tested && !tested.ok) || expired || sso === 'ended'
      ? new vscode.ThemeColor('errorForeground')
      : isProductionLabel(p.label) || isRootResult(tested) || sso === 'ending' ? new vscode.ThemeColor('editorWarning.foreground') : undefined;
    item.iconPath = new vscode.ThemeIcon(this.active ? 'pass-filled' : kindIcon(p), color);
    item.tooltip = profileTooltip(p, tested, { active: this.active, inTerminal: this.active && this.inTerminal, sso: this.sso });
    // The CloudSSO suffix shows Switch, Sign In Again and Sign Out; menus for every profile match both forms.
    item.contextValue = `${this.active ? 'profile:active' : 'profile'}${isCloudSsoProfile(p) ? ':cloudSso' : ''}`;
    item.accessibilityInformation = {
      label: t('Profile {0}{1}, region {2}', p.name, this.active ? `, ${t('active')}` : '', p.regionId),
    };
    return item;
  }
}

function kindIcon(p: Profile): string {
  switch (p.kind) {
    case 'StsToken': return 'watch';
    case 'RamRole': return 'organization';
    case 'CloudSSO': return 'account';
    default: return 'key';
  }
}

/**
 * The Profiles view: every profile, the active one marked; welcome content (package.json) when
 * there is none. Redraws on any profile, selection, test or terminal change, in any window.
 */
export class ProfilesView implements vscode.Disposable {
  private readonly provider: NodeTreeProvider;
  private readonly view: vscode.TreeView<TreeNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ProfileStore,
    private readonly active: ActiveProfile,
    private readonly results: TestResults,
    private readonly terminal: TerminalEnvironment,
    makeTreeView: MakeTreeView = createTreeView,
    private readonly cloudSso?: Pick<CloudSsoServices, 'signIns' | 'credentials'>,
  ) {
    this.provider = new NodeTreeProvider(() => this.roots());
    this.view = makeTreeView(Ids.id, { treeDataProvider: this.provider });
    const refresh = () => this.provider.refresh();
    this.disposables.push(
      this.provider,
      this.view,
      store.onDidChange(refresh),
      active.onDidChange(refresh),
      results.onDidChange(refresh),
      ...(cloudSso ? [cloudSso.signIns.onDidChange(refresh), cloudSso.credentials.onDidChange(refresh)] : []),
      terminal.onDidChange((state) => {
        void vscode.commands.executeCommand('setContext', Ids.terminalContext, state.enabled);
        refresh();
      }),
    );
    void vscode.commands.executeCommand('setContext', Ids.terminalContext, terminal.enabled);
  }

  private async roots(): Promise<TreeNode[]> {
    const [profiles, current] = await Promise.all([this.store.list(), this.active.current()]);
    void vscode.commands.executeCommand('setContext', Ids.hasProfilesContext, profiles.length > 0);
    const inTerminal = this.terminal.enabled;
    const sso = await this.signIns(profiles);
    return [...profiles]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => new ProfileNode(p, p.id === current?.id, this.results, inTerminal, sso.get(p.id)));
  }

  /** The sign-in of each CloudSSO profile's directory (read once per directory). */
  private async signIns(profiles: readonly Profile[]): Promise<Map<string, SsoTooltip>> {
    const out = new Map<string, SsoTooltip>();
    const cloudSso = this.cloudSso;
    if (!cloudSso) {
      return out;
    }
    const ends = new Map<string, Promise<number | undefined>>();
    for (const p of profiles.filter(isCloudSsoProfile)) {
      const url = p.sso.signInUrl.trim();
      if (!ends.has(url)) {
        ends.set(url, cloudSso.signIns.signIn(url).then((s) => (s ? Date.parse(s.expiresAt) : undefined)));
      }
      out.set(p.id, { signInEndsAt: await ends.get(url), state: cloudSso.credentials.state(p.id) });
    }
    return out;
  }

  /** The rows as the view shows them (tests read them; nothing secret in them). */
  async snapshot(): Promise<Array<{ id: string; label: string; description: string; contextValue: string; icon: string }>> {
    const nodes = await this.roots();
    return nodes.map((node) => {
      const item = (node as ProfileNode).getTreeItem();
      return {
        id: node.id,
        label: String(item.label),
        description: String(item.description ?? ''),
        contextValue: item.contextValue ?? '',
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
      };
    });
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
