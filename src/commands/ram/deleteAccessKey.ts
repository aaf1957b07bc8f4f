import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { apiUserName } from '../../aliyun/identity';
import type { CommandContext } from '../context';
import { usedByText } from './keyPickers';
import { confirmedKeyChange, type KeyChangeResult } from './keyTarget';

/** Delete AccessKey: for good, after a confirmation naming the owner and the profiles that use it. */
export async function deleteAccessKey(ctx: CommandContext, arg?: unknown, options?: unknown): Promise<KeyChangeResult> {
  const { session, target } = await confirmedKeyChange(ctx, arg, options, t('Delete AccessKey'), 'delete');
  const userName = apiUserName(target.owner);
  try {
    await session.ram.deleteAccessKey(target.accessKeyId, userName);
  } finally {
    ctx.ram.keysChanged(target.owner);
  }
  await ctx.reminders.remove(target.accessKeyId);
  ctx.log.info(`[ram] deleted ${maskAccessKeyId(target.accessKeyId)}${userName ? ` of ${userName}` : ''}`);
  const { profiles, names } = await usedByText(ctx, target.accessKeyId);
  if (target.interactive && profiles.length > 0) {
    void vscode.window.showWarningMessage(t('AccessKey {0} is deleted. These profiles still use it and no longer work: {1}. Remove them, or give them another key.', target.accessKeyId, names));
  }
  return { accessKeyId: target.accessKeyId, userName, deleted: true };
}
