import * as vscode from 'vscode';
import type { TerminalEnvironmentState } from '../../credentials/terminalEnvironment';
import { t } from '../../util/l10n';
import { isArgs } from '../args';
import { openDoor, type DoorArgs } from './openDoor';
import type { ProgramsContext } from './programsContext';

/**
 * Use in Terminals through the credentials endpoint (what Use Active Profile in New Terminals
 * offers first for role and STS profiles): new terminals and the tasks run in them get the
 * endpoint's address and the variables that make the SDKs use it, never a secret.
 */
export async function serveInTerminals(pctx: ProgramsContext, args?: DoorArgs): Promise<TerminalEnvironmentState> {
  // The terminals switch first, so they never look like they left the endpoint while it starts.
  const served = await openDoor(pctx, 'terminals', args, { interactive: !isArgs(args), afterConsent: () => pctx.terminal.enableEndpoint() });
  const state = await pctx.terminal.current();
  void vscode.window.showInformationMessage(vscode.window.terminals.length
    ? t('New terminals and tasks get the credentials endpoint (profile "{0}"). Terminals already open keep their environment; relaunch them to pick it up.', served.profile.name)
    : t('New terminals and tasks get the credentials endpoint (profile "{0}").', served.profile.name));
  return state;
}
