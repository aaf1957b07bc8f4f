import * as vscode from 'vscode';
import type { Profile } from '../../credentials/profile';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { ProfileNode } from '../../views/profiles/profilesView';
import { isArgs } from '../args';
import type { CommandContext } from '../context';

/** Which profile a command acts on, by id or by name. */
export interface ProfileTarget {
  profileId?: string;
  /** The profile's name (case-insensitive), for callers that know only that. */
  name?: string;
}

/** What a profile command was run on: a Profiles view node, or arguments (which may name a profile); undefined from the palette. */
export function profileTarget(arg: unknown): ProfileTarget | undefined {
  if (arg instanceof ProfileNode) {
    return { profileId: arg.profileId };
  }
  return isArgs(arg) ? (arg as ProfileTarget) : undefined;
}

/** The profile the node or the args name, or one picked from a list (the active one first). */
export async function resolveProfile(ctx: CommandContext, arg: unknown, title: string): Promise<Profile> {
  const profiles = await ctx.store.list();
  const target = profileTarget(arg);
  if (target && (typeof target.profileId === 'string' || typeof target.name === 'string')) {
    const byId = typeof target.profileId === 'string' ? profiles.find((p) => p.id === target.profileId) : undefined;
    const byName = typeof target.name === 'string' ? profiles.find((p) => p.name.toLowerCase() === (target.name as string).trim().toLowerCase()) : undefined;
    const found = byId ?? byName;
    if (!found) {
      throw new UserFacingError(t('There is no profile "{0}". It may have been deleted in another window.', String(target.name ?? target.profileId)));
    }
    return found;
  }
  if (profiles.length === 0) {
    throw new UserFacingError(t('There is no Alibaba Cloud profile yet. Add one or import one first.'));
  }
  const current = await ctx.active.current();
  const ordered = [...profiles].sort((a, b) => (a.id === current?.id ? -1 : b.id === current?.id ? 1 : 0));
  const pick = await vscode.window.showQuickPick(
    ordered.map((p) => ({
      label: p.name,
      description: [p.id === current?.id ? t('active') : '', p.regionId, maskAccessKeyId(p.accessKeyId), p.label ?? ''].filter(Boolean).join(' · '),
      profile: p,
    })),
    { title, placeHolder: t('Choose a profile'), matchOnDescription: true },
  );
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.profile;
}
