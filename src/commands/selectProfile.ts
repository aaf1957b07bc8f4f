import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isCloudSsoProfile, isProductionLabel, type Profile } from '../credentials/profile';
import { isRootResult } from '../credentials/rootGuard';
import { t } from '../util/l10n';
import { profileKeyText } from '../views/profiles/profileTooltip';
import { UserCancelled } from '../util/errors';
import type { CommandContext } from './context';
import { profileTarget, resolveProfile } from './profiles/profileTarget';

export interface SelectProfileArgs {
  profileId?: string;
  name?: string;
}

interface ProfileItem extends vscode.QuickPickItem {
  profile?: Profile;
  action?: 'add' | 'import' | 'cloudSsoSignIn' | 'cloudSsoSwitch';
}

const editButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: t('Edit profile') };
const testButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('debug-start'), tooltip: t('Test credentials') };
const deleteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: t('Delete profile…') };

/** The picker's rows: profiles grouped by environment label (prod first), then the actions. */
/** `isRoot`: the profile's last test found the account's root key. */
export function pickerItems(profiles: readonly Profile[], activeId: string | undefined, isRoot: (p: Profile) => boolean = () => false): ProfileItem[] {
  const groups = new Map<string, Profile[]>();
  for (const p of profiles) {
    const key = p.label?.trim().toLowerCase() ?? '';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const order = [...groups.keys()].sort((a, b) => {
    const rank = (k: string) => (isProductionLabel(k) ? 0 : k ? 1 : 2);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  const items: ProfileItem[] = [];
  for (const key of order) {
    const members = groups.get(key) ?? [];
    items.push({ label: key ? members[0].label ?? key : groups.size > 1 ? t('No label') : t('Profiles'), kind: vscode.QuickPickItemKind.Separator });
    for (const p of members.sort((a, b) => a.name.localeCompare(b.name))) {
      const expired = p.expiration && Date.parse(p.expiration) <= Date.now();
      items.push({
        label: `${p.id === activeId ? '$(check)' : '$(blank)'} ${p.name}`,
        description: [p.regionId, profileKeyText(p), p.label ?? '', isRoot(p) ? `$(warning) ${t('root')}` : ''].filter(Boolean).join(' · '),
        detail: p.kind === 'StsToken'
          ? (expired ? t('STS token, expired') : p.expiration ? t('STS token, expires {0}', new Date(p.expiration).toLocaleString()) : t('STS token'))
          : undefined,
        buttons: [editButton, testButton, deleteButton],
        profile: p,
      });
    }
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(add) ${t('Add Profile…')}`, action: 'add', alwaysShow: true });
  items.push({ label: `$(cloud-download) ${t('Import…')}`, description: t('from the aliyun CLI, a credentials file or a console CSV'), action: 'import', alwaysShow: true });
  items.push({ label: `$(sign-in) ${t('Sign In with CloudSSO…')}`, description: t('your company\'s single sign-on: pick an account and an access configuration'), action: 'cloudSsoSignIn', alwaysShow: true });
  if (profiles.some(isCloudSsoProfile)) {
    items.push({ label: `$(arrow-swap) ${t('Switch CloudSSO Account…')}`, description: t('another account or access configuration, without signing in again'), action: 'cloudSsoSwitch', alwaysShow: true });
  }
  return items;
}

/** Select Profile: a picker of profiles (the active one marked) with edit/test/delete buttons, "Add Profile…", "Import…" and the CloudSSO sign-in. */
export async function selectProfile(ctx: CommandContext, args?: SelectProfileArgs): Promise<Profile | undefined> {
  const target = profileTarget(args);
  if (target && (target.profileId || target.name)) {
    const chosen = await resolveProfile(ctx, target, t('Select Alibaba Cloud Profile'));
    await ctx.active.set(chosen.id);
    return chosen;
  }

  const profiles = await ctx.store.list();
  const current = await ctx.active.current();
  const picker = vscode.window.createQuickPick<ProfileItem>();
  picker.title = t('Select Alibaba Cloud Profile');
  picker.placeholder = profiles.length ? t('Choose the profile to use in this workspace') : t('No profile yet: add or import one');
  picker.matchOnDescription = true;
  picker.items = pickerItems(profiles, current?.id, (p) => {
    const tested = ctx.results.get(p.id);
    return tested?.accessKeyId === p.accessKeyId && isRootResult(tested);
  });
  picker.activeItems = picker.items.filter((i) => i.profile && i.profile.id === current?.id);

  const chosen = await new Promise<{ item?: ProfileItem; button?: vscode.QuickInputButton }>((resolve) => {
    picker.onDidAccept(() => resolve({ item: picker.selectedItems[0] }));
    picker.onDidTriggerItemButton((e) => resolve({ item: e.item, button: e.button }));
    picker.onDidHide(() => resolve({}));
    picker.show();
  });
  picker.dispose();

  const { item, button } = chosen;
  if (!item) {
    throw new UserCancelled();
  }
  if (item.profile && button) {
    const profileId = item.profile.id;
    const command = button === editButton ? Commands.editProfile : button === testButton ? Commands.testCredentials : Commands.deleteProfile;
    await vscode.commands.executeCommand(command, { profileId });
    return ctx.active.current();
  }
  if (item.action === 'add') {
    await vscode.commands.executeCommand(Commands.addProfile);
    return ctx.active.current();
  }
  if (item.action === 'import') {
    await vscode.commands.executeCommand(Commands.importProfiles);
    return ctx.active.current();
  }
  if (item.action === 'cloudSsoSignIn' || item.action === 'cloudSsoSwitch') {
    await vscode.commands.executeCommand(item.action === 'cloudSsoSignIn' ? Commands.cloudSsoSignIn : Commands.cloudSsoSwitch);
    return ctx.active.current();
  }
  if (item.profile) {
    await ctx.active.set(item.profile.id);
  }
  return item.profile;
}
