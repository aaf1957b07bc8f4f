import type * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CommandContext } from '../context';
import { copyAccessKeyId } from './copyAccessKeyId';
import { deleteProfile, type DeleteProfileArgs } from './deleteProfile';
import { duplicateProfile, type DuplicateProfileArgs } from './duplicateProfile';
import { editProfile, type EditProfileArgs } from './editProfile';
import { exportProfile, type ExportProfileArgs } from './exportProfile';
import { importProfiles, type ImportProfilesArgs } from './importProfiles';
import type { ProfileTarget } from './profileTarget';
import { renameProfile, type RenameProfileArgs } from './renameProfile';
import { setDefaultRegion, type SetDefaultRegionArgs } from './setDefaultRegion';
import { stopUsingInTerminal, useInTerminal, type UseInTerminalArgs } from './useInTerminal';

type Register = (id: string, handler: (...args: unknown[]) => Promise<unknown>) => vscode.Disposable;

/** The profile commands; each takes a Profiles view node, an args object, or nothing (prompts). */
export function registerProfileCommands(ctx: CommandContext, reg: Register): vscode.Disposable[] {
  return [
    reg(Commands.editProfile, (args) => editProfile(ctx, args as EditProfileArgs | undefined)),
    reg(Commands.renameProfile, (args) => renameProfile(ctx, args as RenameProfileArgs | undefined)),
    reg(Commands.duplicateProfile, (args) => duplicateProfile(ctx, args as DuplicateProfileArgs | undefined)),
    reg(Commands.deleteProfile, (args) => deleteProfile(ctx, args as DeleteProfileArgs | undefined)),
    reg(Commands.setDefaultRegion, (args) => setDefaultRegion(ctx, args as SetDefaultRegionArgs | undefined)),
    reg(Commands.copyAccessKeyId, (args) => copyAccessKeyId(ctx, args as ProfileTarget | undefined)),
    reg(Commands.importProfiles, (args) => importProfiles(ctx, args as ImportProfilesArgs | undefined)),
    reg(Commands.exportProfile, (args) => exportProfile(ctx, args as ExportProfileArgs | undefined)),
    reg(Commands.useInTerminal, (args) => useInTerminal(ctx, args as UseInTerminalArgs | undefined)),
    reg(Commands.stopUsingInTerminal, () => stopUsingInTerminal(ctx)),
  ];
}
