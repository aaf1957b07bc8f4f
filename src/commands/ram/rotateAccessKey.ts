import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { isRoleProfile, type Profile } from '../../credentials/profile';
import { resolveChain } from '../../credentials/roles/roleChain';
import { RotationError, type RotationRequest, type RotationResult } from '../../credentials/keys/rotationTypes';
import { sentences, t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { ProfileNode } from '../../views/profiles/profilesView';
import { AccessKeyNode } from '../../views/ram/accessKeyNode';
import { keyHolders } from '../../views/ram/keyHolders';
import { commandInput } from '../args';
import type { CommandContext } from '../context';
import { usedByText } from './keyPickers';
import { createRamUserInstead } from './ramUserOffer';
import { ResumeRequest } from './resumeRotation';
import { askBeforeRotation } from './rotationQuestions';
import { announceRotation, progressText, updateRotationContext, verifyPolicyFrom } from './rotationUi';

export interface RotateAccessKeyArgs {
  /** The profile whose key to rotate (a role profile: the key its chain of sources ends at). */
  profileId?: string;
  /** Or the key itself: the profile that holds it (the active one first) is rotated. */
  accessKeyId?: string;
  /** At the two-key limit: delete this inactive key of the owner first. */
  deleteInactiveKeyId?: string;
  /** Verification retries (default: 6 tries over about half a minute). */
  verifyAttempts?: number;
  verifyDelayMs?: number;
  /** `true` skips the question in Test mode only; elsewhere it is asked. */
  confirm?: boolean;
}

/** A role profile has no key of its own: the one at the end of its chain of sources is rotated. */
async function keyProfileOf(ctx: CommandContext, profile: Profile): Promise<Profile> {
  if (profile.kind === 'CloudSSO') {
    throw new UserFacingError(t('Profile "{0}" signs in with CloudSSO: its credentials are temporary and renew themselves; there is no AccessKey to rotate.', profile.name));
  }
  if (!isRoleProfile(profile)) {
    return profile;
  }
  const chain = await resolveChain(profile, (id) => ctx.store.get(id));
  const holder = chain[chain.length - 1];
  if (holder.kind === 'CloudSSO') {
    throw new UserFacingError(t('Role profile "{0}" assumes its role with the CloudSSO sign-in of "{1}", whose credentials renew themselves; there is no AccessKey to rotate.', profile.name, holder.name));
  }
  if (holder.kind !== 'AccessKey') {
    throw new UserFacingError(t('Role profile "{0}" assumes its role with the STS token of "{1}", which expires on its own; there is no AccessKey to rotate.', profile.name, holder.name));
  }
  return holder;
}

async function pickProfile(ctx: CommandContext): Promise<Profile> {
  const active = await ctx.active.current();
  const profiles = (await ctx.store.list()).filter((p) => p.kind === 'AccessKey');
  if (profiles.length === 0) {
    throw new UserFacingError(t('There is no AccessKey profile to rotate.'));
  }
  profiles.sort((a, b) => Number(b.id === active?.id) - Number(a.id === active?.id));
  const chosen = await vscode.window.showQuickPick(
    profiles.map((p) => ({ label: p.name, description: `${maskAccessKeyId(p.accessKeyId)} · ${p.regionId}${p.id === active?.id ? ` · ${t('active')}` : ''}`, profile: p })),
    { title: t('Rotate AccessKey'), placeHolder: t('Which profile\'s AccessKey should be replaced?'), ignoreFocusOut: true },
  );
  if (!chosen) {
    throw new UserCancelled();
  }
  return chosen.profile;
}

/**
 * Rotate AccessKey (from a profile, a key in the RAM view, or the palette): a new key replaces the
 * old one in every local profile that used it, after it was verified; the old key is disabled,
 * not deleted. Every step is journaled, so nothing is lost if VS Code closes or a call fails.
 */
export async function rotateAccessKey(ctx: CommandContext, arg?: unknown, options?: unknown): Promise<RotationResult> {
  const { node, args, interactive } = commandInput<RotateAccessKeyArgs>(arg, options);
  const active = await ctx.active.current();

  let profile: Profile | undefined;
  const keyId = node instanceof AccessKeyNode ? node.accessKeyId : args.accessKeyId;
  const profileId = args.profileId ?? (node instanceof ProfileNode ? node.profileId : undefined);
  if (keyId) {
    const holders = (await ctx.store.list()).filter((p) => p.accessKeyId === keyId);
    profile = holders.find((p) => p.id === active?.id) ?? holders[0];
    if (!profile) {
      throw new UserFacingError(t('No local profile holds the AccessKey {0}, so there is no profile to move to a new key. To replace it anyway, create a new key and delete this one.', keyId));
    }
  } else if (profileId) {
    profile = await ctx.store.get(profileId);
    if (!profile) {
      throw new UserFacingError(t('There is no profile with the id {0}.', profileId));
    }
  } else if (interactive) {
    profile = await pickProfile(ctx);
  } else {
    throw new UserFacingError(t('Name the profile to rotate (profileId) or its key (accessKeyId).'));
  }

  profile = await keyProfileOf(ctx, profile);
  const roles = keyHolders(await ctx.store.list(), profile.accessKeyId).filter((h) => h.via.length > 0);
  await askBeforeRotation(ctx, {
    active, profile, roles, deleteInactiveKeyId: args.deleteInactiveKeyId, preapproved: args.confirm === true, offerRamUser: createRamUserInstead,
  });
  const request: RotationRequest = {
    profileId: profile.id,
    managerProfileId: active && active.id !== profile.id ? active.id : undefined,
    deleteInactiveKeyId: args.deleteInactiveKeyId,
  };
  const verify = verifyPolicyFrom(args);
  const rotation = ctx.rotation;
  const name = profile.name;
  const run = (req: RotationRequest) => vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Rotating the AccessKey of profile "{0}"', name) },
    (progress) => rotation.start(req, { verify, onProgress: (step) => progress.report({ message: progressText(step) }) }),
  );

  try {
    let result: RotationResult;
    try {
      result = await run(request);
    } catch (error) {
      if (!(error instanceof RotationError && error.code === 'limitInactive' && error.details.inactiveKeyId)) {
        throw error;
      }
      const inactiveKeyId = error.details.inactiveKeyId;
      const usedBy = await usedByText(ctx, inactiveKeyId);
      if (!interactive) {
        throw new UserFacingError(sentences(error.message, t('Pass deleteInactiveKeyId: "{0}" to delete it first.', inactiveKeyId), usedBy.text));
      }
      const remove = t('Delete {0} and Rotate', inactiveKeyId);
      const choice = await vscode.window.showWarningMessage(error.message, { modal: true, detail: `${t('Deleting it cannot be undone.')} ${usedBy.text}` }, remove);
      if (choice !== remove) {
        throw new UserCancelled();
      }
      result = await run({ ...request, deleteInactiveKeyId: inactiveKeyId });
    }
    announceRotation(ctx, result, name);
    return result;
  } catch (error) {
    const entryId = error instanceof RotationError ? error.details.entryId : undefined;
    if (!interactive || !entryId) {
      throw error;
    }
    const finish = t('Resume');
    const rollback = t('Roll Back');
    void vscode.window.showErrorMessage((error as RotationError).message, finish, rollback).then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand(Commands.ramResumeRotation, new ResumeRequest(entryId, choice === finish ? 'finish' : 'rollback'));
      }
    });
    throw new UserCancelled(); // the message above already says it all
  } finally {
    await updateRotationContext(ctx);
  }
}
