import type * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CommandContext } from '../context';
import { signIn } from './signIn';
import { signInAgain } from './signInAgain';
import { signOut } from './signOut';
import { switchAccount } from './switchAccount';

type Register = (id: string, handler: (...args: unknown[]) => Promise<unknown>) => vscode.Disposable;

/** CloudSSO: sign in, switch account or access configuration, sign in again, sign out. */
export function registerCloudSsoCommands(ctx: CommandContext, reg: Register): vscode.Disposable[] {
  return [
    reg(Commands.cloudSsoSignIn, (arg) => signIn(ctx, arg)),
    reg(Commands.cloudSsoSwitch, (arg, options) => switchAccount(ctx, arg, options)),
    reg(Commands.cloudSsoSignInAgain, (arg) => signInAgain(ctx, arg)),
    reg(Commands.cloudSsoSignOut, (arg) => signOut(ctx, arg)),
  ];
}
