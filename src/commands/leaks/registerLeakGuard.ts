import * as vscode from 'vscode';
import { Commands, Settings } from '../../constants';
import type { StateStore } from '../../credentials/activeProfile';
import { errorMessage } from '../../util/errors';
import { GitRepositories } from '../../views/leaks/gitApi';
import { LeakCodeActionProvider } from '../../views/leaks/leakCodeActions';
import { LeakGuard } from '../../views/leaks/leakGuard';
import { LeakHoverProvider } from '../../views/leaks/leakHover';
import { StagedChanges } from '../../views/leaks/stagedChanges';
import { registerCommand } from '../commandWrapper';
import type { CommandContext } from '../context';
import { checkStagedChanges } from './checkStagedChanges';
import { disableLeakedKey } from './disableLeakedKey';
import { findLeakedKeyOwner } from './findKeyOwner';
import { ignoreInFile } from './ignoreFinding';
import { scanWorkspace } from './scanWorkspace';
import { showIgnoredFindings } from './showIgnoredFindings';
import type { RegisterCommand } from '../registerCommands';

/** Every document: files, unsaved ones, notebooks' cells, settings; the tracker picks the schemes. */
const ALL_DOCUMENTS: vscode.DocumentSelector = [{ pattern: '**' }];

function setting(key: string, fallback: boolean): boolean {
  return vscode.workspace.getConfiguration(Settings.section).get<boolean>(key) ?? fallback;
}

/**
 * Keys written into files: detection as the person types (diagnostics, hover, quick fixes), the
 * workspace scan, the staged-change warning and their commands. `workspaceState` keeps what was
 * ignored. Git, when present, is looked up after activation, never waited for.
 */
export function registerLeakGuard(ctx: CommandContext, workspaceState: StateStore, register?: RegisterCommand): vscode.Disposable[] {
  const git = new GitRepositories(ctx.log);
  const guard = new LeakGuard({ profiles: ctx.store, ram: ctx.ram.model, results: ctx.results, workspaceState, git, log: ctx.log });
  const staged = new StagedChanges(git, guard, ctx.log);
  const reg: RegisterCommand = register ?? ((id, handler) => registerCommand(id, handler, ctx.log));

  const applySettings = () => {
    const enabled = setting(Settings.leaksEnabled, true);
    guard.setEnabled(enabled);
    staged.setEnabled(enabled);
  };
  applySettings();
  void git.start();
  if (setting(Settings.leaksEnabled, true) && setting(Settings.leaksScanWorkspaceOnOpen, false) && vscode.workspace.workspaceFolders?.length) {
    // After activation, so opening the window waits for nothing.
    setTimeout(() => void scanWorkspace(guard, ctx.log, { quiet: true }).catch((error: unknown) => ctx.log.warn(`[leaks] the scan on opening failed: ${errorMessage(error)}`)), 0);
  }

  return [
    guard,
    git,
    staged,
    vscode.languages.registerHoverProvider(ALL_DOCUMENTS, new LeakHoverProvider(guard)),
    vscode.languages.registerCodeActionsProvider(ALL_DOCUMENTS, new LeakCodeActionProvider(guard), { providedCodeActionKinds: LeakCodeActionProvider.kinds }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.${Settings.leaksEnabled}`)) {
        applySettings();
      }
    }),
    reg(Commands.leaksScanWorkspace, (arg) => scanWorkspace(guard, ctx.log, arg)),
    reg(Commands.leaksFindOwner, (arg) => findLeakedKeyOwner(ctx, guard, arg)),
    reg(Commands.leaksDisableAccessKey, (arg) => disableLeakedKey(ctx, guard, arg)),
    reg(Commands.leaksIgnoreInFile, (arg) => ignoreInFile(guard, arg)),
    reg(Commands.leaksShowIgnored, (arg) => showIgnoredFindings(guard, arg)),
    reg(Commands.leaksCheckStagedChanges, (arg) => checkStagedChanges(git, staged, arg)),
  ];
}
