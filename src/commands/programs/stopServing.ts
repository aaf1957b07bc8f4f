import * as vscode from 'vscode';
import type { ServingState } from '../../credentials/serving/programServing';
import { t } from '../../util/l10n';
import type { ProgramsContext } from './programsContext';

/**
 * Stop Serving Credentials: the endpoint stops at once and its address is forgotten (the next
 * start makes a new one), terminals and debug sessions stop getting it. Nothing can recall
 * temporary credentials a program already holds; the message says so.
 */
export async function stopServing(pctx: ProgramsContext): Promise<ServingState> {
  const { served, refused } = pctx.serving.state();
  await pctx.serving.stop();
  if (pctx.terminal.enabled && pctx.terminal.mode === 'endpoint') {
    await pctx.terminal.disable();
  }
  pctx.log.info(`[serve] stopped by the person after ${served} request(s)`);
  void vscode.window.showInformationMessage(t('Stopped serving credentials: the endpoint\'s address no longer works, and new terminals and debug sessions no longer get it. Temporary credentials already handed out stay valid until they expire (the SDKs keep them until 15 minutes before that).'));
  // What the endpoint that just stopped answered, for the caller.
  return { ...pctx.serving.state(), served, refused };
}
