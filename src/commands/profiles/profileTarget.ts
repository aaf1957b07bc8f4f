import * as vscode from 'vscode';
import type { Profile } from '../../credentials/profile';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { UserCancelled, UserFacingError, type CommandContext } from '../context';

/** Which profile a command acts on: a Profiles view node has `profileId` too, so both look alike. */
export interface ProfileTarget {
  profileId?: string;
  /** The profile's name (case-insensitive), for callers that know only that. */
  name?: string;
}

export function isObject(arg: unknown): arg is Record<string, unknown> {
  return !!arg && typeof arg === 'object';
}

/** The profile named in the args, or one picked from a list (the active one first). */
export async function resolveProfile(ctx: CommandContext, arg: unknown, title: string): Promise<Profile> {
  const profiles = await ctx.store.list();
  if (isObject(arg) && (typeof arg.profileId === 'string' || typeof arg.name === 'string')) {
    const byId = typeof arg.profileId === 'string' ? profiles.find((p) => p.id === arg.profileId) : undefined;
    const byName = typeof arg.name === 'string' ? profiles.find((p) => p.name.toLowerCase() === (arg.name as string).trim().toLowerCase()) : undefined;
    const found = byId ?? byName;
    if (!found) {
      throw new UserFacingError(t('There is no profile "{0}". It may have been deleted in another window.', String(arg.name ?? arg.profileId)));
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
