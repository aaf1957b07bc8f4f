import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { UserCancelled, type CommandContext } from '../context';
import { confirmModal } from '../prompts';
import { isObject, resolveProfile, type ProfileTarget } from './profileTarget';

export interface DeleteProfileArgs extends ProfileTarget {
  /** Programmatic callers confirm here; anything else asks in a modal dialog. */
  confirm?: boolean;
}

/** Delete: removes the profile and its secret from this machine (the key itself stays valid in Alibaba Cloud). */
export async function deleteProfile(ctx: CommandContext, args?: DeleteProfileArgs): Promise<{ deleted: string }> {
  const profile = await resolveProfile(ctx, args, t('Delete Alibaba Cloud Profile'));
  if (isObject(args) && args.confirm === false) {
    throw new UserCancelled();
  }
  if (!isObject(args) || args.confirm !== true) {
    await confirmModal(
      t('Delete profile "{0}"?', profile.name),
      t('Its AccessKey {0} and secret are removed from VS Code\'s secret storage on this machine. The key itself stays valid in Alibaba Cloud; disable or delete it in RAM if it should stop working.', maskAccessKeyId(profile.accessKeyId)),
      t('Delete'),
    );
  }
  await ctx.store.remove(profile.id);
  await ctx.results.clear(profile.id);
  return { deleted: profile.id };
}
