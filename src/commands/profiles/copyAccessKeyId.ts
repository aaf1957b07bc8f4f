import * as vscode from 'vscode';
import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import type { CommandContext } from '../context';
import { resolveProfile, type ProfileTarget } from './profileTarget';

/** Copies the AccessKey ID (never the secret) to the clipboard. */
export async function copyAccessKeyId(ctx: CommandContext, args?: ProfileTarget): Promise<string> {
  const profile = await resolveProfile(ctx, args, t('Copy AccessKey ID'));
  if (!profile.accessKeyId) {
    throw new UserFacingError(profile.kind === 'CloudSSO'
      ? t('Profile "{0}" signs in with CloudSSO and has no AccessKey of its own: its temporary credentials change as they renew.', profile.name)
      : t('Profile "{0}" assumes a role and has no AccessKey of its own.', profile.name));
  }
  await vscode.env.clipboard.writeText(profile.accessKeyId);
  vscode.window.setStatusBarMessage(t('$(copy) Copied AccessKey ID {0}', maskAccessKeyId(profile.accessKeyId)), 3000);
  return profile.accessKeyId;
}
