import * as vscode from 'vscode';
import { ownerOf } from '../../aliyun/identity';
import { RotationError, type RollbackResult, type RotationEntry, type RotationResult } from '../../credentials/keys/rotationTypes';
import { t } from '../../util/l10n';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { createRamUserInstead } from './ramUserOffer';
import { askBeforeResume } from './rotationQuestions';
import { announceRotation, progressText, stepText, updateRotationContext, verifyPolicyFrom } from './rotationUi';

export interface ResumeRotationArgs {
  resume?: 'finish' | 'rollback';
  /** Which rotation; may be omitted when there is only one. */
  rotationId?: string;
  /** Allow deleting a key an interrupted create left behind (its secret never arrived). */
  deleteOrphans?: boolean;
  verifyAttempts?: number;
  verifyDelayMs?: number;
  /** `true` skips the question in Test mode only; elsewhere it is asked. */
  confirm?: boolean;
}

/** A choice the user made in a notification: run it, and ask in dialogs if another decision is needed. */
export class ResumeRequest {
  constructor(readonly rotationId: string, readonly resume: 'finish' | 'rollback') {}
}

async function pickEntry(entries: RotationEntry[]): Promise<RotationEntry> {
  const chosen = await vscode.window.showQuickPick(
    entries.map((e) => ({ label: e.profileName, description: e.oldAccessKeyId, detail: stepText(e), entry: e })),
    { title: t('Unfinished key rotations'), placeHolder: t('Which rotation?'), ignoreFocusOut: true },
  );
  if (!chosen) {
    throw new UserCancelled();
  }
  return chosen.entry;
}

/**
 * Finish or roll back a key rotation that was interrupted (VS Code closed, a call failed). Both
 * start from the step the journal records; nothing is repeated blindly.
 */
export async function resumeRotation(ctx: CommandContext, arg?: unknown): Promise<RotationResult | RollbackResult | undefined> {
  const fromCode = isArgs(arg);
  const request = arg instanceof ResumeRequest ? arg : undefined;
  const args = (fromCode ? arg : {}) as ResumeRotationArgs;
  const interactive = !fromCode;
  const entries = await ctx.rotations.list();
  const wanted = request?.rotationId ?? args.rotationId;

  let entry: RotationEntry | undefined;
  if (wanted) {
    entry = entries.find((e) => e.id === wanted);
    if (!entry) {
      throw new UserFacingError(t('There is no unfinished rotation with the id {0}.', wanted));
    }
  } else if (entries.length === 0) {
    if (interactive) {
      void vscode.window.showInformationMessage(t('There is no unfinished key rotation.'));
      return undefined;
    }
    throw new UserFacingError(t('There is no unfinished key rotation.'));
  } else if (entries.length === 1) {
    entry = entries[0];
  } else if (interactive) {
    entry = await pickEntry(entries);
  } else {
    throw new UserFacingError(t('There are {0} unfinished rotations: pass rotationId.', entries.length));
  }

  let how = request?.resume ?? args.resume;
  if (!how) {
    if (!interactive) {
      throw new UserFacingError(t('Say what to do with the rotation: resume: "finish" or "rollback".'));
    }
    const finish = t('Finish Rotation');
    const rollback = t('Roll Back');
    const choice = await vscode.window.showWarningMessage(
      t('The rotation of profile "{0}" stopped: {1}.', entry.profileName, stepText(entry)),
      {
        modal: true,
        detail: [
          entry.lastError ? t('What stopped it: {0}', entry.lastError) : '',
          t('Finish: go on from there (the old key is disabled at the end, not deleted). Roll back: the profiles get the old key back and the new key is deleted. The old secret is kept until either is done.'),
        ].filter(Boolean).join('\n\n'),
      },
      finish, rollback,
    );
    if (!choice) {
      throw new UserCancelled();
    }
    how = choice === finish ? 'finish' : 'rollback';
  }

  await askBeforeResume(ctx, { entry, how, fromCode, preapproved: args.confirm === true, offerRamUser: createRamUserInstead });
  const rotation = ctx.rotation;
  const verify = verifyPolicyFrom(args);
  const target = entry;
  const run = (deleteOrphans: boolean) => vscode.window.withProgress<RotationResult | RollbackResult>(
    {
      location: vscode.ProgressLocation.Notification,
      title: how === 'finish' ? t('Finishing the rotation of profile "{0}"', target.profileName) : t('Rolling back the rotation of profile "{0}"', target.profileName),
    },
    (progress) => {
      const onProgress = (step: Parameters<typeof progressText>[0]) => progress.report({ message: progressText(step) });
      return how === 'finish'
        ? rotation.finish(target.id, { deleteOrphans, verify, onProgress })
        : rotation.rollback(target.id, { verify, onProgress });
    },
  );

  try {
    let result: RotationResult | RollbackResult;
    try {
      result = await run(args.deleteOrphans === true);
    } catch (error) {
      if (!(interactive && error instanceof RotationError && error.code === 'orphans')) {
        throw error;
      }
      const remove = t('Delete and Go On');
      const choice = await vscode.window.showWarningMessage(error.message, { modal: true }, remove);
      if (choice !== remove) {
        throw new UserCancelled();
      }
      result = await run(true);
    }
    if (result.status === 'done') {
      announceRotation(ctx, result, target.profileName);
    } else {
      ctx.ram.keysChanged(ownerOf(target.userName));
      if (interactive) {
        void vscode.window.showInformationMessage(t('The rotation of profile "{0}" is rolled back: it uses its old key {1} again.', target.profileName, target.oldAccessKeyId));
      }
    }
    return result;
  } finally {
    await updateRotationContext(ctx);
  }
}
