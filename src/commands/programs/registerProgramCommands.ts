import type * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { ProgramServing } from '../../credentials/serving/programServing';
import type { CommandContext } from '../context';
import type { RegisterCommand } from '../registerCommands';
import { askForDebugSessions } from './askForDebugSessions';
import { chooseServedRole, type ChooseServedRoleArgs } from './chooseServedRole';
import type { DoorArgs } from './openDoor';
import type { ProgramsContext } from './programsContext';
import { serveInTerminals } from './serveInTerminals';
import { stopServing } from './stopServing';
import { useInDebugSessions } from './useInDebugSessions';

/** The commands of credentials for programs; the endpoint loads when the first of them runs. */
export function registerProgramCommands(ctx: CommandContext, serving: () => ProgramServing, reg: RegisterCommand): vscode.Disposable[] {
  const pctx: ProgramsContext = { ...ctx, get serving() { return serving(); } };
  return [
    reg(Commands.programsServeInTerminals, (args) => serveInTerminals(pctx, args as DoorArgs | undefined)),
    reg(Commands.programsUseInDebugSessions, (args) => useInDebugSessions(pctx, args as DoorArgs | undefined)),
    reg(Commands.programsAskForDebugSessions, (args) => askForDebugSessions(pctx, args as { because?: 'sdk' | 'setting' } | undefined)),
    reg(Commands.programsChooseRole, (args) => chooseServedRole(pctx, args as ChooseServedRoleArgs | undefined)),
    reg(Commands.programsStopServing, () => stopServing(pctx)),
  ];
}
