import * as vscode from 'vscode';
import type { CloudSession } from '../../aliyun/clientFactory';
import { apiUserName, type KeyOwner } from '../../aliyun/identity';
import type { AccessKeyStatus } from '../../aliyun/types';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { AccessKeyNode } from '../../views/ram/accessKeyNode';
import { commandInput } from '../args';
import type { CommandContext } from '../context';
import { confirmRootUse } from '../rootGuard';
import { createRamUserInstead } from './ramUserOffer';
import { ownerFromArgs, ownerLabel, pickKey, pickOwner, usedByText } from './keyPickers';

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
  await confirmRootUse(ctx, active, target.args.confirm === true || target.args.confirmKeyId === accessKeyId, undefined, createRamUserInstead);

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

/** What disable, enable and delete do first: the session that signs (args' profileId, or the active profile), the key, the person's yes. */
export async function confirmedKeyChange(
  ctx: CommandContext, arg: unknown, options: unknown, title: string, action: KeyAction,
): Promise<{ session: CloudSession; target: KeyTarget }> {
  const { session } = await ctx.sessions.forProfileOrActive(commandInput<KeyArgs>(arg, options).args.profileId);
  const target = await resolveKeyTarget(ctx, arg, options, title, session);
  await confirmKeyAction(ctx, target, action);
  return { session, target };
}

/** Disable or enable, with the confirmations above; the view shows the new status. */
export async function setKeyStatus(ctx: CommandContext, arg: unknown, options: unknown, status: AccessKeyStatus): Promise<KeyChangeResult> {
  const action: KeyAction = status === 'Inactive' ? 'disable' : 'enable';
  const { session, target } = await confirmedKeyChange(ctx, arg, options, action === 'disable' ? t('Disable AccessKey') : t('Enable AccessKey'), action);
  const userName = apiUserName(target.owner);
  try {
    await session.ram.updateAccessKey(target.accessKeyId, status, userName);
  } finally {
    ctx.ram.keysChanged(target.owner);
  }
  ctx.log.info(`[ram] ${action}d ${maskAccessKeyId(target.accessKeyId)}${userName ? ` of ${userName}` : ''}`);
  return { accessKeyId: target.accessKeyId, userName, status };
}
