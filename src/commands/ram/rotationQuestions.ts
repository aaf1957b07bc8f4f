import type { Profile } from '../../credentials/profile';
import type { RotationEntry } from '../../credentials/keys/rotationTypes';
import { sentences, t } from '../../util/l10n';
import { holderNames, type KeyHolder } from '../../views/ram/keyHolders';
import type { CommandContext } from '../context';
import { confirmRootUse } from '../rootGuard';

// The questions before a rotation changes keys, apart from the commands' pickers and progress so
// that which profile the root guard is asked about can be checked without VS Code.

type Ctx = Pick<CommandContext, 'consent' | 'results' | 'store'>;

export interface RotationStartQuestion {
  /** The active profile, which signs the RAM calls when it is not the rotated one. */
  readonly active: Profile | undefined;
  /** The profile whose key is replaced. */
  readonly profile: Profile;
  /** Role profiles that reach the key through their sources. */
  readonly roles: readonly KeyHolder[];
  readonly deleteInactiveKeyId?: string;
  readonly preapproved: boolean;
  /** The root guard's other button: start the RAM user flow instead. */
  readonly offerRamUser?: () => void;
}

/** Before Rotate AccessKey: the root guard for the profile that signs the calls, then the rotation's own question. */
export async function askBeforeRotation(ctx: Ctx, q: RotationStartQuestion): Promise<void> {
  const { active, profile } = q;
  const signer = active && active.id !== profile.id ? active : profile;
  await confirmRootUse(ctx as CommandContext, signer, q.preapproved, undefined, q.offerRamUser);
  await ctx.consent.ask({
    message: t('Replace the AccessKey of profile "{0}" with a new one?', profile.name),
    detail: sentences(
      q.deleteInactiveKeyId ? t('First the inactive key {0} is deleted; this cannot be undone.', q.deleteInactiveKeyId) : '',
      t('A new AccessKey is created for the owner of {0}, stored in "{1}" and in every other local profile that uses {0}, and checked; then {0} is disabled, not deleted.', profile.accessKeyId, profile.name),
      q.roles.length ? t('The role profiles that assume their roles with it keep working with the new key: {0}.', holderNames(q.roles)) : '',
    ),
    action: t('Rotate AccessKey'),
    preapproved: q.preapproved,
  });
}

export interface RotationResumeQuestion {
  readonly entry: Pick<RotationEntry, 'profileId' | 'managerProfileId' | 'profileName' | 'oldAccessKeyId'>;
  readonly how: 'finish' | 'rollback';
  /** Called with arguments: the person has not chosen Finish or Roll Back in a dialog yet. */
  readonly fromCode: boolean;
  readonly preapproved: boolean;
  readonly offerRamUser?: () => void;
}

/**
 * Before finishing or rolling back a rotation: from code, the step's own question; then the root
 * guard for the profile that signs the calls, the one that started the rotation, or the rotated
 * profile when that one is gone (the rotation falls back to it the same way).
 */
export async function askBeforeResume(ctx: Ctx, q: RotationResumeQuestion): Promise<void> {
  const { entry, how } = q;
  if (q.fromCode) {
    await ctx.consent.ask({
      message: how === 'finish'
        ? t('Finish the rotation of profile "{0}"?', entry.profileName)
        : t('Roll back the rotation of profile "{0}"?', entry.profileName),
      detail: how === 'finish'
        ? t('The new key replaces {0} in every local profile that used it, and {0} is disabled (not deleted).', entry.oldAccessKeyId)
        : t('The profiles get {0} back and the new key is deleted.', entry.oldAccessKeyId),
      action: how === 'finish' ? t('Finish Rotation') : t('Roll Back'),
      preapproved: q.preapproved,
    });
  }
  const signer = (await ctx.store.get(entry.managerProfileId)) ?? (await ctx.store.get(entry.profileId));
  await confirmRootUse(ctx as CommandContext, signer, q.preapproved, undefined, q.offerRamUser);
}
