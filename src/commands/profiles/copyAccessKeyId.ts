import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import type { CommandContext } from '../context';
import { resolveProfile, type ProfileTarget } from './profileTarget';

/** Copies the AccessKey ID (never the secret) to the clipboard. */
export async function copyAccessKeyId(ctx: CommandContext, args?: ProfileTarget): Promise<string> {
  const profile = await resolveProfile(ctx, args, t('Copy AccessKey ID'));
  await vscode.env.clipboard.writeText(profile.accessKeyId);
  vscode.window.setStatusBarMessage(t('$(copy) Copied AccessKey ID {0}', maskAccessKeyId(profile.accessKeyId)), 3000);
  return profile.accessKeyId;
}
