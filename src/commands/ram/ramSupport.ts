import * as vscode from 'vscode';
import type { CloudSession } from '../../aliyun/clientFactory';
import type { AccessKeyInfo, AccessKeyStatus } from '../../aliyun/types';
import type { Profile } from '../../credentials/profile';
import { KeyRotation } from '../../credentials/rotation';
import { RotationReminders } from '../../credentials/rotationReminders';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { apiUserName, SELF, userOwner, type KeyOwner } from '../../views/ram/ramModel';
import { AccessKeyNode } from '../../views/ram/ramNodes';
import { UserCancelled, UserFacingError, sessionFor, type CommandContext } from '../context';

/**
 * A plain object handed to executeCommand (a test, another extension, a notification button with
 * everything decided) rather than a tree node or nothing (the palette): such callers get no
 * pickers, but every question that lets a secret out or changes the cloud is still asked.
 */
export function isPlainArgs(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && Object.getPrototypeOf(arg) === Object.prototype;
}

/**
 * A command's input: the node it ran on (or a plain args object), and the options. A tree node
 * with a plain options object as second argument (`executeCommand(id, node, { confirm: true })`)
 * runs on that node without dialogs, like args.
 */
export function commandInput<A extends object>(arg: unknown, options: unknown): { node: unknown; args: A; interactive: boolean } {
  if (isPlainArgs(arg)) {
    return { node: undefined, args: arg as A, interactive: false };
  }
  if (isPlainArgs(options)) {
    return { node: arg, args: options as A, interactive: false };
  }
  return { node: arg, args: {} as A, interactive: true };
}

/** The session that signs RAM calls: a named profile's, or the active profile's (the RAM view's account). */
export async function managerSession(ctx: CommandContext, profileId?: string): Promise<{ profile: Profile; session: CloudSession }> {
  if (profileId) {
    const profile = await ctx.store.get(profileId);
    if (!profile) {
      throw new UserFacingError(t('There is no profile with the id {0}.', profileId));
    }
    return { profile, session: await sessionFor(ctx, profile) };
  }
  const current = await ctx.session.current();
  if (!current) {
    throw new UserFacingError(t('There is no active profile (or its secret is missing). Add or select a profile first.'));
  }
  return current;
}

export function ownerLabel(owner: KeyOwner): string {
  return owner.kind === 'user' ? t('RAM user {0}', owner.userName) : t('the signed-in identity');
}

export function ownerFromArgs(userName: unknown): KeyOwner {
  return typeof userName === 'string' && userName.trim() ? userOwner(userName.trim()) : SELF;
}

/** "Local profiles that use it: a, b." for confirmations. */
export async function usedByText(ctx: CommandContext, accessKeyId: string): Promise<{ text: string; profiles: Profile[] }> {
  const profiles = (await ctx.store.list()).filter((p) => p.accessKeyId === accessKeyId);
  return {
    profiles,
    text: profiles.length
      ? t('Local profiles that use it: {0}.', profiles.map((p) => `"${p.name}"`).join(', '))
      : t('No local profile uses it.'),
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

/** Arguments of the disable, enable and delete commands. */
export interface KeyArgs {
  accessKeyId?: string;
  /** The owner; omit for the signed-in identity's own key. */
  userName?: string;
  /** Required from code for an ordinary key. */
  confirm?: boolean;
  /** Required from code for the active profile's key: its AccessKey ID typed back. */
  confirmKeyId?: string;
  /** Sign with this profile's key instead of the active profile's. */
  profileId?: string;
}

export interface KeyTarget {
  readonly accessKeyId: string;
  readonly owner: KeyOwner;
  readonly status?: AccessKeyStatus;
  /** From a tree node or the palette: ask in dialogs. */
  readonly interactive: boolean;
  readonly args: KeyArgs;
}

/** The key a command acts on: a tree node, args, or a user and key picked from the palette. */
export async function resolveKeyTarget(ctx: CommandContext, arg: unknown, options: unknown, title: string, session: CloudSession): Promise<KeyTarget> {
  const { node, args, interactive } = commandInput<KeyArgs>(arg, options);
  if (node instanceof AccessKeyNode) {
    return { accessKeyId: node.accessKeyId, owner: node.owner, status: node.key.status, interactive, args };
  }
  if (!interactive) {
    if (typeof args.accessKeyId !== 'string' || !args.accessKeyId.trim()) {
      throw new UserFacingError(t('Name the AccessKey: pass accessKeyId (and userName for a RAM user\'s key).'));
    }
    return { accessKeyId: args.accessKeyId.trim(), owner: ownerFromArgs(args.userName), interactive: false, args };
  }
  const owner = await pickOwner(ctx, title);
  const keys = await session.ram.listAccessKeys(apiUserName(owner));
  const key = await pickKey(keys, title, ownerLabel(owner));
  return { accessKeyId: key.accessKeyId, owner, status: key.status, interactive: true, args: {} };
}

export type KeyAction = 'disable' | 'enable' | 'delete';

/**
 * Asks before a key changes. The key of the active profile needs its ID typed back (disable,
 * delete); others a modal confirmation naming the owner and the profiles that use the key. From
 * code the same questions are asked; only under a test runner may the args answer them, and then
 * they must, or the command refuses.
 */
export async function confirmKeyAction(ctx: CommandContext, target: KeyTarget, action: KeyAction): Promise<void> {
  const { accessKeyId, owner } = target;
  const who = ownerLabel(owner);
  const usedBy = await usedByText(ctx, accessKeyId);
  const active = await ctx.active.current();
  const activeKey = action !== 'enable' && active?.accessKeyId === accessKeyId;
  const verb = action === 'disable' ? t('Disable') : action === 'enable' ? t('Enable') : t('Delete');

  // Arguments stand in for the person's answer only under a test runner; elsewhere they are asked.
  if (!target.interactive && ctx.consent.testMode) {
    if (activeKey) {
      if (target.args.confirmKeyId !== accessKeyId) {
        throw new UserFacingError(t('{0} is the key of the active profile "{1}". To {2} it, pass its AccessKey ID as confirmKeyId.', accessKeyId, active?.name ?? '', verb.toLowerCase()));
      }
    } else if (target.args.confirm !== true && target.args.confirmKeyId !== accessKeyId) {
      throw new UserFacingError(t('{0} AccessKey {1} of {2} needs confirmation: pass confirm: true.', verb, accessKeyId, who));
    }
    return;
  }

  if (activeKey) {
    const consequence = action === 'delete'
      ? t('Deleting it cannot be undone, and this workspace loses its access.')
      : t('Disabling it cuts this workspace (and everything else using it) off until it is enabled again.');
    const typed = await vscode.window.showInputBox({
      title: t('{0} AccessKey of the active profile', verb),
      prompt: `${t('{0} is the key of the active profile "{1}" ({2}).', accessKeyId, active?.name ?? '', who)} ${consequence} ${usedBy.text} ${t('Type the AccessKey ID to confirm.')}`,
      placeHolder: accessKeyId,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === accessKeyId ? undefined : t('Type {0} exactly.', accessKeyId)),
    });
    if (typed?.trim() !== accessKeyId) {
      throw new UserCancelled();
    }
    return;
  }

  let detail: string;
  switch (action) {
    case 'disable':
      detail = t('Every program that uses it will fail until it is enabled again.');
      break;
    case 'enable':
      detail = t('Whoever holds its secret can use it again.');
      break;
    case 'delete':
      detail = t('This cannot be undone: the key is gone for good.')
        + (target.status === 'Active' ? ' ' + t('It is active: disabling it first, and deleting it once nothing broke, is safer.') : '');
      break;
  }
  await ctx.consent.ask({ message: t('{0} AccessKey {1} of {2}?', verb, accessKeyId, who), detail: `${detail} ${usedBy.text}`, action: verb });
}

export interface KeyChangeResult {
  readonly accessKeyId: string;
  readonly userName?: string;
  readonly status?: AccessKeyStatus;
  readonly deleted?: boolean;
}

/** Disable or enable, with the confirmations above; the view shows the new status. */
export async function setKeyStatus(ctx: CommandContext, arg: unknown, options: unknown, status: AccessKeyStatus): Promise<KeyChangeResult> {
  const action: KeyAction = status === 'Inactive' ? 'disable' : 'enable';
  const { session } = await managerSession(ctx, commandInput<KeyArgs>(arg, options).args.profileId);
  const target = await resolveKeyTarget(ctx, arg, options, action === 'disable' ? t('Disable AccessKey') : t('Enable AccessKey'), session);
  await confirmKeyAction(ctx, target, action);
  const userName = apiUserName(target.owner);
  try {
    await session.ram.updateAccessKey(target.accessKeyId, status, userName);
  } finally {
    ctx.ram.keysChanged(target.owner);
  }
  ctx.log.info(`[ram] ${action}d ${maskAccessKeyId(target.accessKeyId)}${userName ? ` of ${userName}` : ''}`);
  return { accessKeyId: target.accessKeyId, userName, status };
}

export function reminders(ctx: CommandContext): RotationReminders {
  return new RotationReminders(ctx.extension.globalState);
}

/** The rotation state machine wired to this window's store, journal, clients and log. */
export function keyRotation(ctx: CommandContext): KeyRotation {
  return new KeyRotation({
    journal: ctx.rotations,
    profiles: ctx.store,
    clients: ctx.clients,
    reminders: reminders(ctx),
    log: ctx.log,
  });
}
