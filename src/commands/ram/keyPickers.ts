import * as vscode from 'vscode';
import { SELF, userOwner, type KeyOwner } from '../../aliyun/identity';
import type { AccessKeyInfo } from '../../aliyun/types';
import type { Profile } from '../../credentials/profile';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { holderNames, keyHolders } from '../../views/ram/keyHolders';
import type { CommandContext } from '../context';

// Whose keys and which key: the words and the pickers the RAM commands share.

export function ownerLabel(owner: KeyOwner): string {
  return owner.kind === 'user' ? t('RAM user {0}', owner.userName) : t('the signed-in identity');
}

export function ownerFromArgs(userName: unknown): KeyOwner {
  return typeof userName === 'string' && userName.trim() ? userOwner(userName.trim()) : SELF;
}

/**
 * "Local profiles that use it: a, b (role profile via a)." for confirmations: the profiles that
 * hold the key, and the role profiles whose sources lead to it (they stop working with it too).
 */
export async function usedByText(ctx: CommandContext, accessKeyId: string): Promise<{ text: string; names: string; profiles: Profile[] }> {
  const holders = keyHolders(await ctx.store.list(), accessKeyId);
  const names = holderNames(holders);
  return {
    profiles: holders.map((h) => h.profile),
    names,
    text: holders.length ? t('Local profiles that use it: {0}.', names) : t('No local profile uses it.'),
  };
}

interface OwnerItem extends vscode.QuickPickItem {
  owner: KeyOwner;
}

/**
 * Picks whose keys: the signed-in identity or a RAM user. Users stream in page by page (thousands
 * load in the background while the picker is already usable); typing filters by name or display name.
 */
export async function pickOwner(ctx: CommandContext, title: string, includeSelf = true): Promise<KeyOwner> {
  const model = ctx.ram.model;
  const pick = vscode.window.createQuickPick<OwnerItem>();
  pick.title = title;
  pick.placeholder = t('Pick a RAM user (type to search by name or display name)');
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  const selfItem: OwnerItem = { label: `$(account) ${t('My own AccessKeys')}`, description: t('the identity the active profile signs in as'), owner: SELF };
  const update = () => {
    const state = model.usersState();
    const users = state.users.map((u): OwnerItem => ({
      label: `$(person) ${u.userName}`,
      description: u.displayName !== u.userName ? u.displayName : undefined,
      owner: userOwner(u.userName),
    }));
    pick.items = includeSelf ? [selfItem, ...users] : users;
    pick.busy = state.loading;
  };
  const subscription = model.onDidChange((c) => {
    if (c.kind === 'users' || c.kind === 'all') {
      update();
    }
  });
  try {
    update();
    pick.busy = true;
    void model.loadUsers().then(update);
    const chosen = await new Promise<OwnerItem | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    if (!chosen) {
      throw new UserCancelled();
    }
    return chosen.owner;
  } finally {
    subscription.dispose();
    pick.dispose();
  }
}

export async function pickKey(keys: readonly AccessKeyInfo[], title: string, who: string): Promise<AccessKeyInfo> {
  if (keys.length === 0) {
    throw new UserFacingError(t('{0} has no AccessKeys.', who));
  }
  const chosen = await vscode.window.showQuickPick(
    keys.map((k) => ({ label: k.accessKeyId, description: `${k.status === 'Active' ? t('Active') : t('Inactive')} · ${t('created {0}', k.createDate)}`, key: k })),
    { title, placeHolder: t('Pick an AccessKey of {0}', who), ignoreFocusOut: true },
  );
  if (!chosen) {
    throw new UserCancelled();
  }
  return chosen.key;
}
