import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import { UserFacingError } from '../../util/errors';
import { AccessKeyNode } from '../../views/ram/accessKeyNode';
import { isArgs } from '../args';

/** Copy AccessKey ID (not a secret): for the typed-back confirmation, a ticket, the console. */
export async function copyAccessKeyId(arg?: unknown): Promise<string> {
  const id = arg instanceof AccessKeyNode ? arg.accessKeyId : isArgs(arg) && typeof arg.accessKeyId === 'string' ? arg.accessKeyId : undefined;
  if (!id) {
    throw new UserFacingError(t('Run this from an AccessKey in the RAM view.'));
  }
  await vscode.env.clipboard.writeText(id);
  void vscode.window.setStatusBarMessage(t('Copied {0}', id), 3000);
  return id;
}
