import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Profile } from '../credentials/profile';
import { t } from '../util/l10n';
import { maskAccessKeyId } from '../util/mask';
import { UserCancelled, UserFacingError, type CommandContext } from './context';

export interface SelectProfileArgs {
  profileId?: string;
  name?: string;
}

interface ProfileItem extends vscode.QuickPickItem {
  profile?: Profile;
  action?: 'add';
}

/** Select Profile: a picker of profiles (the active one marked) with "Add Profile…" at the end. */
export async function selectProfile(ctx: CommandContext, args?: SelectProfileArgs): Promise<Profile | undefined> {
  const profiles = await ctx.store.list();
  if (args && (args.profileId || args.name)) {
    const chosen = profiles.find((p) => p.id === args.profileId || p.name === args.name);
    if (!chosen) {
      throw new UserFacingError(t('There is no profile "{0}".', args.name ?? args.profileId ?? ''));
    }
    await ctx.active.set(chosen.id);
    return chosen;
  }

  const current = await ctx.active.current();
  const items: ProfileItem[] = profiles.map((p) => ({
    label: `${p.id === current?.id ? '$(check)' : '$(blank)'} ${p.name}`,
    description: `${p.regionId} · ${maskAccessKeyId(p.accessKeyId)}`,
    detail: p.label ? t('Environment: {0}', p.label) : undefined,
    profile: p,
  }));
  if (items.length > 0) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  }
  items.push({ label: `$(add) ${t('Add Profile…')}`, action: 'add' });

  const pick = await vscode.window.showQuickPick(items, {
    title: t('Select Alibaba Cloud Profile'),
    placeHolder: profiles.length ? t('Choose the profile to use in this workspace') : t('No profile yet: add one'),
    matchOnDescription: true,
  });
  if (!pick) {
    throw new UserCancelled();
  }
  if (pick.action === 'add') {
    await vscode.commands.executeCommand(Commands.addProfile);
    return ctx.active.current();
  }
  if (pick.profile) {
    await ctx.active.set(pick.profile.id);
  }
  return pick.profile;
}
