import type * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CommandContext } from '../context';
import { assumeRoleAsProfile } from './assumeRoleAsProfile';
import { checkAllKeys } from './checkAllKeys';
import { clearUserFilter } from './clearUserFilter';
import { copyAccessKeyId } from './copyAccessKeyId';
import { copyRoleArn } from './copyRoleArn';
import { createAccessKey } from './createAccessKey';
import { createRamUserAndKey } from './createRamUserAndKey';
import { deleteAccessKey } from './deleteAccessKey';
import { disableAccessKey } from './disableAccessKey';
import { enableAccessKey } from './enableAccessKey';
import { filterUsers } from './filterUsers';
import { openRoleInConsole } from './openRoleInConsole';
import { refreshRam } from './refreshRam';
import { resumeRotation } from './resumeRotation';
import { rotateAccessKey } from './rotateAccessKey';
import { updateRotationContext } from './rotationUi';

type Register = (id: string, handler: (...args: unknown[]) => Promise<unknown>) => vscode.Disposable;

/** The RAM view's commands, each through the shared command wrapper. */
export function registerRamCommands(ctx: CommandContext, reg: Register): vscode.Disposable[] {
  return [
    reg(Commands.ramRefresh, () => refreshRam(ctx.ram)),
    reg(Commands.ramCheckAllKeys, (arg) => checkAllKeys(ctx, arg)),
    reg(Commands.ramFilterUsers, (arg) => filterUsers(ctx.ram, arg)),
    reg(Commands.ramClearFilter, () => clearUserFilter(ctx.ram)),
    reg(Commands.ramCreateAccessKey, (arg, options) => createAccessKey(ctx, arg, options)),
    reg(Commands.ramCreateRamUserAndKey, (arg, options) => createRamUserAndKey(ctx, arg, options)),
    reg(Commands.ramDisableAccessKey, (arg, options) => disableAccessKey(ctx, arg, options)),
    reg(Commands.ramEnableAccessKey, (arg, options) => enableAccessKey(ctx, arg, options)),
    reg(Commands.ramDeleteAccessKey, (arg, options) => deleteAccessKey(ctx, arg, options)),
    reg(Commands.ramRotateAccessKey, (arg, options) => rotateAccessKey(ctx, arg, options)),
    reg(Commands.ramResumeRotation, (arg) => resumeRotation(ctx, arg)),
    reg(Commands.ramCopyAccessKeyId, (arg) => copyAccessKeyId(arg)),
    reg(Commands.ramAssumeRoleAsProfile, (arg, options) => assumeRoleAsProfile(ctx, arg, options)),
    reg(Commands.ramCopyRoleArn, (arg) => copyRoleArn(ctx.ram, arg)),
    reg(Commands.ramOpenRoleInConsole, (arg) => openRoleInConsole(ctx.ram, arg)),
    ctx.rotations.onDidChange(() => void updateRotationContext(ctx)),
  ];
}
