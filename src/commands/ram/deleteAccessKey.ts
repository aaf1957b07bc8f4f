import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { apiUserName } from '../../views/ram/ramModel';
import type { CommandContext } from '../context';
import { commandInput, confirmKeyAction, managerSession, reminders, resolveKeyTarget, usedByText, type KeyArgs, type KeyChangeResult } from './ramSupport';

/** Delete AccessKey: for good, after a confirmation naming the owner and the profiles that use it. */
export async function deleteAccessKey(ctx: CommandContext, arg?: unknown, options?: unknown): Promise<KeyChangeResult> {
  const { session } = await managerSession(ctx, commandInput<KeyArgs>(arg, options).args.profileId);
  const target = await resolveKeyTarget(ctx, arg, options, t('Delete AccessKey'), session);
  await confirmKeyAction(ctx, target, 'delete');
  const userName = apiUserName(target.owner);
  try {
    await session.ram.deleteAccessKey(target.accessKeyId, userName);
  } finally {
    ctx.ram.keysChanged(target.owner);
  }
  await reminders(ctx).remove(target.accessKeyId);
  ctx.log.info(`[ram] deleted ${maskAccessKeyId(target.accessKeyId)}${userName ? ` of ${userName}` : ''}`);
  const { profiles } = await usedByText(ctx, target.accessKeyId);
  if (target.interactive && profiles.length > 0) {
    void vscode.window.showWarningMessage(t('AccessKey {0} is deleted. These profiles still hold it and no longer work: {1}. Remove them, or give them another key.', target.accessKeyId, profiles.map((p) => `"${p.name}"`).join(', ')));
  }
  return { accessKeyId: target.accessKeyId, userName, deleted: true };
}
