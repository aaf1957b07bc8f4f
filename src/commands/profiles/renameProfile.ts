import { checkProfileName, type Profile } from '../../credentials/profile';
import { t } from '../../util/l10n';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { askText, must } from '../prompts';
import { resolveProfile, type ProfileTarget } from './profileTarget';

export interface RenameProfileArgs extends ProfileTarget {
  newName?: string;
}

export async function renameProfile(ctx: CommandContext, args?: RenameProfileArgs): Promise<Profile> {
  const profile = await resolveProfile(ctx, args, t('Rename Alibaba Cloud Profile'));
  // Its own name is not "taken": a change of case is a rename too.
  const taken = (await ctx.store.list()).filter((p) => p.id !== profile.id).map((p) => p.name);
  const newName = isArgs(args) && typeof args.newName === 'string'
    ? must(checkProfileName(args.newName, taken))
    : await askText({ title: t('Rename profile "{0}"', profile.name), prompt: t('New name'), value: profile.name, check: (v) => checkProfileName(v, taken) });
  if (newName === profile.name) {
    return profile;
  }
  return ctx.store.update(profile.id, { name: newName });
}
