import * as vscode from 'vscode';
import { outcomeUnknown } from '../../aliyun/errors';
import { apiUserName, SELF, userNameOf, userOwner, type KeyOwner } from '../../aliyun/identity';
import type { RamService } from '../../aliyun/ramService';
import type { AccessKeyInfo, NewAccessKey } from '../../aliyun/types';
import { errorMessage, UserCancelled, UserFacingError } from '../../util/errors';
import { sentences, t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { atKeyLimit } from '../../views/ram/keyHealth';
import { OwnKeysNode, RamAccountNode, RamUserNode } from '../../views/ram/ramNodes';
import { commandInput } from '../args';
import type { CommandContext } from '../context';
import { confirmRootUse } from '../rootGuard';
import { ownerLabel, pickOwner, usedByText } from './keyPickers';
import { createRamUserInstead } from './ramUserOffer';
import { checkHandoffArgs, handoffPlan, handOverFromArgs, handOverInteractively, type HandoffArgs, type HandoffResult } from './secretHandoff';

export interface CreateAccessKeyArgs extends HandoffArgs {
  /** The RAM user to create the key for. */
  userName?: string;
  /** Instead of userName: a key for the identity the active profile signs in as. */
  self?: boolean;
  /** Needed to create a key for the account itself (root), which Alibaba Cloud advises against. */
  confirmRoot?: boolean;
  /** At the two-key limit: delete this inactive key of the user first. */
  deleteInactiveKeyId?: string;
  /** When the create's answer was lost but the key was made: delete that unusable key. */
  deleteOrphan?: boolean;
  /** `true` answers the questions (create, root, make room) in Test mode only; elsewhere they are asked. */
  confirm?: boolean;
}

export type CreateAccessKeyResult =
  | ({ readonly outcome: 'created'; readonly accessKeyId: string; readonly userName?: string } & HandoffResult)
  | { readonly outcome: 'lostSecret'; readonly accessKeyId: string; readonly userName?: string; readonly deleted: boolean; readonly message: string };

/**
 * Create AccessKey: for a RAM user (picked, or from the user's context menu) or the signed-in
 * identity. Warns about root keys, makes room at the two-key limit only when allowed, never
 * repeats a create whose answer was lost, and hands the secret over exactly once.
 */
export async function createAccessKey(ctx: CommandContext, arg?: unknown, options?: unknown): Promise<CreateAccessKeyResult> {
  const { node, args, interactive } = commandInput<CreateAccessKeyArgs>(arg, options);
  const current = await ctx.sessions.forProfileOrActive(undefined);
  const choices = interactive ? [] : await checkHandoffArgs(ctx, args);

  let owner: KeyOwner;
  if (node instanceof RamUserNode) {
    owner = node.owner;
  } else if (node instanceof OwnKeysNode || node instanceof RamAccountNode) {
    owner = SELF;
  } else if (!interactive) {
    if (typeof args.userName === 'string' && args.userName.trim()) {
      owner = userOwner(args.userName.trim());
    } else if (args.self === true) {
      owner = SELF;
    } else {
      throw new UserFacingError(t('Name the RAM user (userName), or pass self: true for the signed-in identity.'));
    }
  } else {
    owner = await pickOwner(ctx, t('Create AccessKey for…'));
  }

  const identity = await current.session.sts.getCallerIdentity();
  if (owner.kind === 'self') {
    if (identity.identityType === 'AssumedRoleUser') {
      throw new UserFacingError(t('The active profile holds temporary STS credentials, which have no AccessKeys of their own. Pick a RAM user.'));
    }
    if (identity.identityType === 'Account') {
      const warning = t('The active profile is the account itself (root). A root AccessKey can do everything in the account; Alibaba Cloud recommends creating an AccessKey for a RAM user instead.');
      if (!interactive && !ctx.consent.testMode) {
        await ctx.consent.ask({ message: warning, detail: t('Create an AccessKey for a RAM user instead unless you are sure.'), action: t('Create Root AccessKey') });
      } else if (interactive) {
        const pickUser = t('Pick a RAM User…');
        const anyway = t('Create Root AccessKey');
        const choice = await vscode.window.showWarningMessage(warning, { modal: true }, pickUser, anyway);
        if (choice === pickUser) {
          owner = await pickOwner(ctx, t('Create AccessKey for…'), false);
        } else if (choice !== anyway) {
          throw new UserCancelled();
        }
      } else if (args.confirmRoot !== true) {
        throw new UserFacingError(sentences(warning, t('To create one anyway, pass confirmRoot: true.')));
      }
    }
  }

  if (owner.kind === 'user') {
    await confirmRootUse(ctx, current.profile, args.confirm === true, identity.identityType, createRamUserInstead);
  }
  const userName = apiUserName(owner);
  const who = owner.kind === 'user' ? ownerLabel(owner) : identity.identityType === 'Account' ? t('the account (root)') : ownerLabel(owner);
  const ram = current.session.ram;
  await ctx.consent.ask({
    message: t('Create a new AccessKey for {0}?', who),
    detail: interactive ? t('Its secret is shown once, in the next dialog, where you choose where to keep it.') : handoffPlan(args, choices),
    action: t('Create AccessKey'),
    preapproved: args.confirm === true,
  });
  let keys = await ram.listAccessKeys(userName);
  if (atKeyLimit(keys)) {
    keys = await makeRoom(ctx, ram, keys, owner, who, interactive, args);
  }

  let created: NewAccessKey;
  try {
    created = await ram.createAccessKey(userName);
  } catch (error) {
    if (!outcomeUnknown(error)) {
      throw error;
    }
    return afterLostAnswer(ctx, ram, keys, owner, who, error, interactive, args);
  } finally {
    ctx.ram.keysChanged(owner);
  }
  ctx.log.info(`[ram] created ${maskAccessKeyId(created.accessKeyId)} for ${userName ?? 'the signed-in identity'}`);

  const info = {
    key: created,
    userName: owner.kind === 'user' ? owner.userName : userNameOf(identity),
    accountId: identity.accountId,
    regionId: current.profile.regionId,
  };
  const handed = interactive ? await handOverInteractively(ctx, info) : await handOverFromArgs(ctx, info, args, choices);
  return { outcome: 'created', accessKeyId: created.accessKeyId, userName, ...handed };
}

/** At the two-key limit: say so, and delete the user's inactive key only when allowed. */
async function makeRoom(
  ctx: CommandContext, ram: RamService, keys: AccessKeyInfo[], owner: KeyOwner, who: string, interactive: boolean, args: CreateAccessKeyArgs,
): Promise<AccessKeyInfo[]> {
  const limit = t('{0} already has two AccessKeys, the most Alibaba Cloud allows.', who);
  const inactive = keys.find((k) => k.status === 'Inactive');
  if (!inactive) {
    throw new UserFacingError(sentences(limit, t('Both are active: disable the one not in use, check that nothing broke, delete it, then create the new one.')));
  }
  const usedBy = await usedByText(ctx, inactive.accessKeyId);
  if (interactive || (!ctx.consent.testMode && args.deleteInactiveKeyId === inactive.accessKeyId)) {
    await ctx.consent.ask({
      message: limit,
      detail: `${t('Its inactive key {0} (created {1}) can make room. Deleting it cannot be undone.', inactive.accessKeyId, inactive.createDate)} ${usedBy.text}`,
      action: t('Delete {0} and Create', inactive.accessKeyId),
    });
  } else if (args.deleteInactiveKeyId !== inactive.accessKeyId) {
    throw new UserFacingError(sentences(limit, t('Its inactive key {0} can make room: pass deleteInactiveKeyId: "{0}" to delete it first.', inactive.accessKeyId), usedBy.text));
  }
  await ram.deleteAccessKey(inactive.accessKeyId, apiUserName(owner));
  await ctx.reminders.remove(inactive.accessKeyId);
  ctx.log.info(`[ram] deleted the inactive key ${maskAccessKeyId(inactive.accessKeyId)} to make room`);
  return keys.filter((k) => k.accessKeyId !== inactive.accessKeyId);
}

/**
 * The create's answer was lost (timeout, dropped connection, 5xx): it may or may not have happened.
 * Never create again blindly: list the keys, and if a new one is there, say that its secret is
 * lost and offer to delete it.
 */
async function afterLostAnswer(
  ctx: CommandContext, ram: RamService, before: readonly AccessKeyInfo[], owner: KeyOwner, who: string,
  error: unknown, interactive: boolean, args: CreateAccessKeyArgs,
): Promise<CreateAccessKeyResult> {
  const userName = apiUserName(owner);
  const reason = errorMessage(error);
  let after: AccessKeyInfo[];
  try {
    after = await ram.listAccessKeys(userName);
  } catch {
    throw new UserFacingError(t('Creating the AccessKey did not complete ({0}), and the keys of {1} could not be listed to check whether it was made. It is not retried: refresh the RAM view and look before trying again.', reason, who));
  }
  const appeared = after.filter((k) => !before.some((b) => b.accessKeyId === k.accessKeyId));
  if (appeared.length === 0) {
    throw new UserFacingError(t('Creating the AccessKey failed ({0}); no key was made. Try again.', reason));
  }
  const orphan = appeared[0].accessKeyId;
  ctx.log.warn(`[ram] CreateAccessKey answer lost; ${maskAccessKeyId(orphan)} was made without us receiving its secret`);
  const message = t('The answer to the create was lost ({0}), but Alibaba Cloud made the AccessKey {1} for {2}. Its secret never arrived and cannot be shown again, so the key is of no use: delete it, then create a new one.', reason, orphan, who);
  let deleted = false;
  if (interactive || (!ctx.consent.testMode && args.deleteOrphan === true)) {
    const remove = t('Delete {0}', orphan);
    if (await vscode.window.showWarningMessage(message, { modal: true }, remove) === remove) {
      await ram.deleteAccessKey(orphan, userName);
      deleted = true;
    }
  } else if (args.deleteOrphan === true) {
    await ram.deleteAccessKey(orphan, userName);
    deleted = true;
  } else {
    void vscode.window.showWarningMessage(message);
  }
  if (deleted) {
    ctx.log.info(`[ram] deleted the unusable key ${maskAccessKeyId(orphan)}`);
  }
  ctx.ram.keysChanged(owner);
  return { outcome: 'lostSecret', accessKeyId: orphan, userName, deleted, message };
}
