import * as vscode from 'vscode';
import { Settings } from '../../constants';
import type { ServingState } from '../../credentials/serving/programServing';
import { t } from '../../util/l10n';
import { isArgs } from '../args';
import { openDoor, type DoorArgs } from './openDoor';
import type { ProgramsContext } from './programsContext';

/**
 * Use Credentials in Debug Sessions: launch configurations of this workspace (Node.js, Python, Go,
 * Java) get the credentials endpoint's variables, after the consent. A setting of false anywhere
 * would keep them out, so the workspace's own value is set to true then.
 */
export async function useInDebugSessions(pctx: ProgramsContext, args?: DoorArgs): Promise<ServingState> {
  const served = await openDoor(pctx, 'debug', args, { interactive: !isArgs(args) });
  const config = vscode.workspace.getConfiguration(Settings.section);
  if (config.get<boolean>(Settings.programsDebugSessions) === false) {
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update(Settings.programsDebugSessions, true, target);
  }
  void vscode.window.showInformationMessage(t('Debug sessions started from now on get the credentials endpoint (profile "{0}").', served.profile.name));
  return pctx.serving.state();
}
