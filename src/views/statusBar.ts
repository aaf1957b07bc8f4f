import * as vscode from 'vscode';
import { Commands, StatusBarItemId } from '../constants';
import type { ActiveProfile } from '../credentials/activeProfile';
import { describeIdentity } from '../credentials/credentialCheck';
import type { ProfileStore } from '../credentials/profileStore';
import type { TestResults } from '../credentials/testResults';
import { t } from '../util/l10n';
import { maskAccessKeyId } from '../util/mask';

/** `$(cloud) name · region`; created once, updated from events; click opens the picker. */
export class ProfileStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    store: ProfileStore,
    private readonly active: ActiveProfile,
    private readonly results: TestResults,
  ) {
    this.item = vscode.window.createStatusBarItem(StatusBarItemId, vscode.StatusBarAlignment.Left, 50);
    this.item.name = t('Alibaba Cloud Profile');
    this.item.command = Commands.selectProfile;
    this.disposables.push(
      this.item,
      store.onDidChange(() => void this.update()),
      active.onDidChange(() => void this.update()),
      results.onDidChange(() => void this.update()),
    );
    void this.update();
  }

  async update(): Promise<void> {
    const profile = await this.active.current();
    if (!profile) {
      this.item.text = `$(cloud) ${t('Alibaba Cloud')}`;
      this.item.tooltip = t('No Alibaba Cloud profile. Click to add one.');
      this.item.accessibilityInformation = { label: t('Alibaba Cloud profile: none. Click to add one.') };
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    const result = this.results.get(profile.id);
    const tested = result && result.accessKeyId === profile.accessKeyId ? result : undefined;
    this.item.text = `$(cloud) ${profile.name} · ${profile.regionId}`;
    this.item.accessibilityInformation = { label: t('Alibaba Cloud profile: {0}, region {1}', profile.name, profile.regionId) };

    const tip = new vscode.MarkdownString(undefined, true);
    tip.isTrusted = false;
    tip.appendMarkdown(`**${escape(profile.name)}**${profile.label ? ` · ${escape(profile.label)}` : ''}\n\n`);
    tip.appendMarkdown(`${t('AccessKey ID')}: \`${maskAccessKeyId(profile.accessKeyId)}\`  \n`);
    tip.appendMarkdown(`${t('Region')}: ${profile.regionId}  \n`);
    if (profile.expiration) {
      tip.appendMarkdown(`${t('STS token expires')}: ${profile.expiration}  \n`);
    }
    if (tested?.identity) {
      tip.appendMarkdown(`${t('Identity')}: ${escape(describeIdentity(tested.identity))}  \n`);
    }
    if (tested) {
      tip.appendMarkdown(`\n${tested.ok ? '$(pass)' : '$(error)'} ${escape(tested.ok ? t('Last test passed') : t('Last test failed'))} (${new Date(tested.testedAt).toLocaleString()})`);
      if (!tested.ok) {
        tip.appendMarkdown(`\n\n${escape(tested.summary)}`);
      }
    }
    tip.appendMarkdown(`\n\n${t('Click to switch profile')}`);
    this.item.tooltip = tip;

    const failed = tested && !tested.ok;
    const prod = /^prod/i.test(profile.label ?? '');
    this.item.backgroundColor = failed
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : prod ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
