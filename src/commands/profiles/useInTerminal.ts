import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Profile } from '../../credentials/profile';
import type { TerminalEnvironmentState, TerminalMode, TerminalRevivalSettings } from '../../credentials/terminalEnvironment';
import { t } from '../../util/l10n';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';

export interface UseInTerminalArgs {
  confirm?: boolean;
  /** `endpoint`: the credentials endpoint's address (the default for role and STS profiles); `variables`: the credentials themselves. */
  mode?: TerminalMode;
  /** With `endpoint` and an AccessKey profile: the role profile programs get. */
  roleProfileId?: string;
}

/** What decides whether VS Code will save terminals' environment to disk (see terminalRevivalStorage). */
export function revivalSettings(): TerminalRevivalSettings {
  const terminal = vscode.workspace.getConfiguration('terminal.integrated');
  return {
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    reviveProcess: terminal.get<string>('persistentSessionReviveProcess'),
    persistentSessions: terminal.get<boolean>('enablePersistentSessions'),
  };
}

/** Temporary credentials go through the endpoint unless the person picks the variables; a long-lived key keeps today's variables. */
async function chooseMode(profile: Profile, args: UseInTerminalArgs | undefined): Promise<TerminalMode> {
  if (isArgs(args)) {
    return args.mode ?? (profile.kind === 'AccessKey' ? 'variables' : 'endpoint');
  }
  if (profile.kind === 'AccessKey') {
    return 'variables';
  }
  const endpoint = {
    label: t('Through the Credentials Endpoint'), description: t('recommended'), mode: 'endpoint' as const,
    detail: t('Programs ask a local endpoint for temporary credentials as they need them, renewed while you work; no secret in the terminal\'s environment.'),
  };
  const variables = {
    label: t('As Environment Variables'), description: undefined, mode: 'variables' as const,
    detail: profile.kind === 'RamRole' || profile.kind === 'CloudSSO'
      ? t('The current temporary AccessKey ID, secret and token themselves; terminals opened later get renewed ones, open terminals keep theirs until they expire.')
      : t('The AccessKey ID, secret and STS token themselves.'),
  };
  const pick = await vscode.window.showQuickPick([endpoint, variables], { title: t('Use Profile "{0}" in New Terminals', profile.name), placeHolder: t('How should new terminals get the credentials?'), ignoreFocusOut: true });
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.mode;
}

/**
 * Use in Terminal: new integrated terminals get the active profile's credentials, following
 * profile switches, until Stop Using in Terminal: through the credentials endpoint, or as
 * ALIBABA_CLOUD_* variables.
 */
export async function useInTerminal(ctx: CommandContext, args?: UseInTerminalArgs): Promise<TerminalEnvironmentState | undefined> {
  const profile = await ctx.active.current();
  if (!profile) {
    throw new UserFacingError(t('There is no Alibaba Cloud profile to use. Add one first.'));
  }
  if (await chooseMode(profile, args) === 'endpoint') {
    const forwarded = isArgs(args) ? { confirm: args.confirm, roleProfileId: args.roleProfileId } : undefined;
    return vscode.commands.executeCommand<TerminalEnvironmentState | undefined>(Commands.programsServeInTerminals, forwarded);
  }
  // The secret reaches whatever any terminal here runs: only a test runner's arguments may answer for the person.
  const preapproved = isArgs(args) && args.confirm === true;
  const state = await ctx.terminal.enable(async (words) => { await ctx.consent.ask({ ...words, preapproved }); }, revivalSettings());
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
