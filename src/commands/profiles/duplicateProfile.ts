import { checkProfileName, suffixedName, uniqueProfileName, type Profile } from '../../credentials/profile';
import { t } from '../../util/l10n';
import { UserFacingError } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { askText, must } from '../prompts';
import { profileTarget, resolveProfile, type ProfileTarget } from './profileTarget';

export interface DuplicateProfileArgs extends ProfileTarget {
  newName?: string;
}

/** "name copy", "name copy 2", … */
function copyName(name: string, taken: readonly string[]): string {
  return uniqueProfileName(taken, (n) => suffixedName(name, n === 1 ? ` ${t('copy')}` : ` ${t('copy')} ${n}`));
}

/** Duplicate: the same key and secret under another name (e.g. to try another region or label). */
export async function duplicateProfile(ctx: CommandContext, args?: DuplicateProfileArgs): Promise<Profile> {
  const profile = await resolveProfile(ctx, args, t('Duplicate Alibaba Cloud Profile'));
  const secrets = await ctx.store.getSecrets(profile.id);
  if (!secrets) {
    throw new UserFacingError(t('The secret of profile "{0}" is missing from this machine\'s secret storage, so it cannot be copied.', profile.name));
  }
  const taken = (await ctx.store.list()).map((p) => p.name);
  // From the palette it asks; with a profile given (a view node or args) "<name> copy" needs no question.
  const name = isArgs(args) && typeof args.newName === 'string'
    ? must(checkProfileName(args.newName, taken))
    : profileTarget(args) ? copyName(profile.name, taken) : await askText({ title: t('Duplicate profile "{0}"', profile.name), prompt: t('Name of the copy'), value: copyName(profile.name, taken), check: (v) => checkProfileName(v, taken) });
  const copy = await ctx.store.add({
    name, kind: profile.kind, accessKeyId: profile.accessKeyId, regionId: profile.regionId, label: profile.label,
    expiration: profile.expiration, keyCreatedAt: profile.keyCreatedAt, source: `copy:${profile.name}`,
    sso: profile.sso, // a CloudSSO profile's copy: the same account and access configuration, under another name
  }, secrets);
  return copy;
}
