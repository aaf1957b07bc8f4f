import * as vscode from 'vscode';
import type { TerminalEnvironmentState, TerminalRevivalSettings } from '../../credentials/terminalEnvironment';
import { t } from '../../util/l10n';
import { UserFacingError } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';

/** What decides whether VS Code will save terminals' environment to disk (see terminalRevivalStorage). */
function revivalSettings(): TerminalRevivalSettings {
  const terminal = vscode.workspace.getConfiguration('terminal.integrated');
  return {
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    reviveProcess: terminal.get<string>('persistentSessionReviveProcess'),
    persistentSessions: terminal.get<boolean>('enablePersistentSessions'),
  };
}

/**
 * Use in Terminal: new integrated terminals get the active profile's credentials as
 * ALIBABA_CLOUD_* variables, following profile switches, until Stop Using in Terminal.
 */
export async function useInTerminal(ctx: CommandContext, args?: { confirm?: boolean }): Promise<TerminalEnvironmentState> {
  if (!(await ctx.active.current())) {
    throw new UserFacingError(t('There is no Alibaba Cloud profile to use. Add one first.'));
  }
  // The secret reaches whatever any terminal here runs: only a test runner's arguments may answer for the person.
  const preapproved = isArgs(args) && args.confirm === true;
  const state = await ctx.terminal.enable((words) => ctx.consent.ask({ ...words, preapproved }), revivalSettings());
  const open = vscode.window.terminals.length;
  void vscode.window.showInformationMessage(open
    ? t('New terminals get profile "{0}" (ALIBABA_CLOUD_ACCESS_KEY_ID and more). Terminals already open keep their environment; relaunch them to pick it up.', state.profileName ?? '')
    : t('New terminals get profile "{0}" (ALIBABA_CLOUD_ACCESS_KEY_ID and more).', state.profileName ?? ''));
  return state;
}

export async function stopUsingInTerminal(ctx: CommandContext): Promise<TerminalEnvironmentState> {
  const state = await ctx.terminal.disable();
  void vscode.window.showInformationMessage(t('New terminals no longer get Alibaba Cloud credentials. Close terminals that still have them.'));
  return state;
}
