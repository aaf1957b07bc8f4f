import * as vscode from 'vscode';
import { Commands, Programs } from '../../constants';
import type { ProgramServing } from '../../credentials/serving/programServing';
import { t } from '../../util/l10n';
import { escapeMarkdown } from '../profiles/profileTooltip';

/** Requests can come by the hundred at once: the item is redrawn at most this often. */
const REDRAW_MS = 250;

/**
 * `$(radio-tower) 12` while the credentials endpoint serves: whose credentials, to what, how many
 * requests so far, and Stop Serving in the tooltip; hidden otherwise. Click: the log, where each
 * request is listed with its masked key ID.
 */
export class ServingStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private redraw?: ReturnType<typeof setTimeout>;

  constructor(private readonly serving: ProgramServing, active: { onDidChange: vscode.Event<unknown> }) {
    this.item = vscode.window.createStatusBarItem(Programs.statusBarItemId, vscode.StatusBarAlignment.Left, 49);
    this.item.name = t('Alibaba Cloud: Credentials for Your Programs');
    this.item.command = Commands.showLog;
    this.disposables.push(
      this.item,
      serving.onDidChange(() => void this.update()),
      serving.onDidAnswer(() => this.soon()),
      active.onDidChange(() => void this.update()),
    );
    void this.update();
  }

  private soon(): void {
    this.redraw ??= setTimeout(() => {
      this.redraw = undefined;
      void this.update();
    }, REDRAW_MS);
  }

  async update(): Promise<void> {
    const state = this.serving.state();
    void vscode.commands.executeCommand('setContext', Programs.servingContext, state.serving);
    if (!state.serving) {
      this.item.hide();
      return;
    }
    const served = await this.serving.served();
    const tip = new vscode.MarkdownString(undefined, true);
    tip.isTrusted = { enabledCommands: [Commands.programsStopServing, Commands.programsChooseRole] };
    tip.appendMarkdown(`$(radio-tower) **${escapeMarkdown(t('Serving temporary credentials to your programs'))}**\n\n`);
    if (!served) {
      tip.appendMarkdown(`${escapeMarkdown(t('No profile is active: programs are refused.'))}  \n`);
    } else if (served.kind === 'needsRole') {
      tip.appendMarkdown(`$(warning) ${escapeMarkdown(t('Profile "{0}" holds a long-lived AccessKey, which is never served: programs are refused until you choose a role.', served.key.name))} [${escapeMarkdown(t('Choose Role…'))}](command:${Commands.programsChooseRole})  \n`);
    } else if (served.kind === 'roleForKey') {
      tip.appendMarkdown(`${escapeMarkdown(t('Profile: {0} (a role assumed with "{1}")', served.profile.name, served.key.name))}  \n`);
    } else {
      tip.appendMarkdown(`${escapeMarkdown(t('Profile: {0}', served.profile.name))}  \n`);
    }
    const doors = state.doors.map((d) => (d === 'terminals' ? t('new terminals and tasks') : t('debug sessions')));
    tip.appendMarkdown(`${escapeMarkdown(t('Given to: {0}', doors.join(t(', '))))}  \n`);
    tip.appendMarkdown(`${escapeMarkdown(t('Requests so far: {0} served, {1} refused', state.served, state.refused))}\n\n`);
    tip.appendMarkdown(`${escapeMarkdown(t('Credentials already handed out stay valid until they expire.'))} [${escapeMarkdown(t('Stop Serving Credentials'))}](command:${Commands.programsStopServing})`);
    this.item.text = `$(radio-tower) ${state.served}`;
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: t('Serving Alibaba Cloud credentials to your programs: {0} requests so far', state.served) };
    this.item.backgroundColor = served?.kind === 'needsRole' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    if (this.redraw) {
      clearTimeout(this.redraw);
    }
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
