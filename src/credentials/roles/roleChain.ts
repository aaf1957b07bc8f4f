import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { isRoleProfile, type Profile } from '../profile';

/** STS allows role chains; more links than this is a mistake, not a design. */
export const MAX_CHAIN = 5;

/**
 * The profiles a role profile asks through: its source first, then the source's source, down to
 * the AccessKey (or STS token) profile at the root. Refuses a missing source, a loop and an overlong
 * chain, each naming the profiles, before anything is asked of STS.
 */
export async function resolveChain(profile: Profile, get: (id: string) => Promise<Profile | undefined>): Promise<Profile[]> {
  const chain: Profile[] = [];
  const seen = new Set([profile.id]);
  let current = profile;
  while (isRoleProfile(current)) {
    const source = await get(current.role.sourceProfileId);
    if (!source) {
      throw new UserFacingError(t('The source profile of "{0}" is gone. Edit "{0}" and choose another source profile.', current.name));
    }
    if (seen.has(source.id)) {
      throw new UserFacingError(t('Profile "{0}" leads back to itself through its source profiles ({1}). Choose a source that ends at an AccessKey profile.', profile.name, [profile, ...chain, source].map((p) => p.name).join(' → ')));
    }
    seen.add(source.id);
    chain.push(source);
    if (chain.length > MAX_CHAIN) {
      throw new UserFacingError(t('Profile "{0}" passes through more than {1} role profiles to reach an AccessKey.', profile.name, MAX_CHAIN));
    }
    current = source;
  }
  return chain;
}
