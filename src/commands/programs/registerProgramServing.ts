import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { SecretStore } from '../../credentials/profileStorage';
import { ProgramServing } from '../../credentials/serving/programServing';
import { showNeedsRoleNotice } from '../../views/programs/needsRoleNotice';
import { ServingStatusBar } from '../../views/programs/servingStatusBar';
import { registerCommand } from '../commandWrapper';
import type { CommandContext } from '../context';
import { chooseServedRole, type ChooseServedRoleArgs } from './chooseServedRole';
import { ServingDebugResolver } from './debugResolver';
import type { DoorArgs } from './openDoor';
import type { ProgramsContext } from './programsContext';
import { serveInTerminals } from './serveInTerminals';
import { stopServing } from './stopServing';
import { useInDebugSessions } from './useInDebugSessions';

/** Names this workspace, so each keeps its own endpoint address across reloads. */
function workspaceKey(): string {
  return (vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri)?.toString() ?? 'no-workspace';
}

/**
 * Credentials for the person's programs: this window's credentials endpoint, its commands, the
 * debug configuration resolver and the status bar item. Must run at activation: terminals revived
 * after a reload hold the endpoint's address, which has to answer again at once.
 */
export function registerProgramServing(ctx: CommandContext, secrets: SecretStore, workspaceState: vscode.Memento): vscode.Disposable[] {
  const serving = new ProgramServing({
    active: ctx.active, store: ctx.store, credentialsFor: (profile) => ctx.sessions.credentials(profile),
    secrets, state: workspaceState, workspaceKey: workspaceKey(), log: ctx.log,
  });
  const pctx: ProgramsContext = { ...ctx, serving };
  const reg = (id: string, handler: (...args: unknown[]) => Promise<unknown>) => registerCommand(id, handler, ctx.log);
  const terminalsUseEndpoint = () => ctx.terminal.enabled && ctx.terminal.mode === 'endpoint';
  void (async () => {
    // The terminals' mode is their consent; the doors follow it (they can only disagree after a crash between two writes).
    if (terminalsUseEndpoint() && !serving.isOpen('terminals')) {
      await serving.open('terminals');
    } else if (!terminalsUseEndpoint() && serving.isOpen('terminals')) {
      await serving.close('terminals');
    }
    await serving.restore();
  })().catch((error: unknown) => ctx.log.warn(`[serve] the credentials endpoint could not start again: ${error instanceof Error ? error.message : 'error'}`));
  return [
    serving,
    ctx.terminal.attachEndpoint(serving),
    ctx.terminal.onDidChange(() => void (!terminalsUseEndpoint() && serving.isOpen('terminals') && serving.close('terminals'))),
    new ServingStatusBar(serving, ctx.active),
    showNeedsRoleNotice(serving),
    vscode.debug.registerDebugConfigurationProvider('*', new ServingDebugResolver(pctx, workspaceState)),
    reg(Commands.programsServeInTerminals, (args) => serveInTerminals(pctx, args as DoorArgs | undefined)),
    reg(Commands.programsUseInDebugSessions, (args) => useInDebugSessions(pctx, args as DoorArgs | undefined)),
    reg(Commands.programsChooseRole, (args) => chooseServedRole(pctx, args as ChooseServedRoleArgs | undefined)),
    reg(Commands.programsStopServing, () => stopServing(pctx)),
  ];
}
