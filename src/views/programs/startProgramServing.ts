import * as vscode from 'vscode';
import type { ActiveProfile } from '../../credentials/activeProfile';
import type { SecretStore } from '../../credentials/profileStorage';
import type { ProfileSessions } from '../../credentials/profileSessions';
import type { ProfileStore } from '../../credentials/profileStore';
import { ProgramServing } from '../../credentials/serving/programServing';
import type { TerminalEnvironment } from '../../credentials/terminalEnvironment';
import { ServingDebugResolver } from './debugResolver';
import { showNeedsRoleNotice } from './needsRoleNotice';
import { ServingStatusBar } from './servingStatusBar';

export interface ProgramServingHost {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly secrets: SecretStore;
  readonly store: ProfileStore;
  readonly active: ActiveProfile;
  readonly sessions: ProfileSessions;
  readonly terminal: TerminalEnvironment;
}

/** Names this workspace, so each keeps its own endpoint address across reloads. */
function workspaceKey(): string {
  return (vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri)?.toString() ?? 'no-workspace';
}

/** The endpoint, and the debug resolver that hands its address to debug sessions. */
export interface ProgramServingParts {
  readonly serving: ProgramServing;
  readonly debug: ServingDebugResolver;
}

/**
 * Starts credentials for programs (see programServingOnDemand for when): the endpoint starts again
 * at the same address where a door was left open (revived terminals and tasks hold it), and the
 * status bar says whether it serves. Its commands load with the others (registerProgramCommands).
 */
export function startProgramServing(host: ProgramServingHost, register: <T extends vscode.Disposable>(d: T) => T): ProgramServingParts {
  const { context, log, terminal } = host;
  const serving = register(new ProgramServing({
    active: host.active, store: host.store, credentialsFor: (profile) => host.sessions.credentials(profile),
    secrets: host.secrets, state: context.workspaceState, workspaceKey: workspaceKey(), log,
  }));
  const terminalsUseEndpoint = () => terminal.enabled && terminal.mode === 'endpoint';
  void (async () => {
    // The terminals' mode is their consent; the doors follow it (they can only disagree after a crash between two writes).
    if (terminalsUseEndpoint() && !serving.isOpen('terminals')) {
      await serving.open('terminals');
    } else if (!terminalsUseEndpoint() && serving.isOpen('terminals')) {
      await serving.close('terminals');
    }
    await serving.restore();
  })().catch((error: unknown) => log.warn(`[serve] the credentials endpoint could not start again: ${error instanceof Error ? error.message : 'error'}`));
  register(terminal.attachEndpoint(serving));
  register(terminal.onDidChange(() => void (!terminalsUseEndpoint() && serving.isOpen('terminals') && serving.close('terminals'))));
  register(new ServingStatusBar(serving, host.active));
  register(showNeedsRoleNotice(serving));
  return { serving, debug: new ServingDebugResolver(serving, context.workspaceState, log) };
}
