import * as vscode from 'vscode';
import { Commands } from '../constants';
import { addProfile, type AddProfileArgs } from './addProfile';
import { registerCommand } from './commandWrapper';
import type { CommandContext } from './context';
import { selectProfile, type SelectProfileArgs } from './selectProfile';
import { testCredentials, type TestCredentialsArgs } from './testCredentials';

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const reg = (id: string, handler: (...args: unknown[]) => Promise<unknown>) => registerCommand(id, handler, ctx.log);
  return [
    reg(Commands.addProfile, (args) => addProfile(ctx, args as AddProfileArgs | undefined)),
    reg(Commands.selectProfile, (args) => selectProfile(ctx, args as SelectProfileArgs | undefined)),
    reg(Commands.testCredentials, (args) => testCredentials(ctx, args as TestCredentialsArgs | undefined)),
    reg(Commands.showLog, async () => ctx.log.show()),
  ];
}
