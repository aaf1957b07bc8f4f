import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { UserCancelled } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { resolveProfile, type ProfileTarget } from './profileTarget';

export interface DeleteProfileArgs extends ProfileTarget {
  /** `true` skips the modal question in Test mode only; `false` cancels. */
  confirm?: boolean;
}

/** Delete: removes the profile and its secret from this machine (the key itself stays valid in Alibaba Cloud). */
export async function deleteProfile(ctx: CommandContext, args?: DeleteProfileArgs): Promise<{ deleted: string }> {
  const profile = await resolveProfile(ctx, args, t('Delete Alibaba Cloud Profile'));
  if (isArgs(args) && args.confirm === false) {
    throw new UserCancelled();
  }
  await ctx.consent.ask({
    message: t('Delete profile "{0}"?', profile.name),
    detail: t('Its AccessKey {0} and secret are removed from VS Code\'s secret storage on this machine. The key itself stays valid in Alibaba Cloud; disable or delete it in RAM if it should stop working.', maskAccessKeyId(profile.accessKeyId)),
    action: t('Delete'),
    preapproved: isArgs(args) && args.confirm === true,
  });
  await ctx.store.remove(profile.id);
  await ctx.results.clear(profile.id);
  return { deleted: profile.id };
}
