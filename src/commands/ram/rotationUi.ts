import * as vscode from 'vscode';
import { Commands, RamView } from '../../constants';
import { ownerOf } from '../../aliyun/identity';
import type { RotationEntry, RotationProgress, RotationResult, RotationStep, VerifyPolicy } from '../../credentials/keys/rotationTypes';
import { t, sentences } from '../../util/l10n';
import type { CommandContext } from '../context';

/** What each progress step tells the user. */
export function progressText(step: RotationProgress): string {
  switch (step) {
    case 'checking': return t('Checking the key and its owner…');
    case 'deletingInactive': return t('Deleting the inactive key to make room…');
    case 'creating': return t('Creating the new AccessKey…');
    case 'storing': return t('Storing the new key in the profile…');
    case 'verifying': return t('Verifying the new key (it may take a moment to work everywhere)…');
    case 'repointing': return t('Switching the other profiles that used the old key…');
    case 'disabling': return t('Disabling the old key…');
    case 'deletingOrphans': return t('Deleting the key the interrupted create left behind…');
    case 'enablingOld': return t('Enabling the old key again…');
    case 'restoring': return t('Giving the profiles their old key back…');
    case 'deletingNew': return t('Deleting the new key…');
  }
}

/** Where an unfinished rotation stands, in the user's words. */
export function stepText(entry: RotationEntry): string {
  const step: RotationStep = entry.step;
  const newKey = entry.newAccessKeyId ?? '';
  switch (step) {
    case 'started': return t('the new key was not made yet, or the answer to its creation was lost; the profile still uses the old key');
    case 'created': return t('the new key {0} exists and its secret is saved; the profile still uses the old key', newKey);
    case 'stored': return t('the profile uses the new key {0}, not verified yet; the old key still works', newKey);
    case 'verified': return t('the new key {0} works; other profiles that used the old key may not be switched yet', newKey);
    case 'repointed': return t('every profile uses the new key {0}; the old key may not be disabled yet', newKey);
  }
}

/** A verification policy from args (tests, impatient callers), kept within sane bounds. */
export function verifyPolicyFrom(args: { verifyAttempts?: unknown; verifyDelayMs?: unknown }): VerifyPolicy | undefined {
  const attempts = typeof args.verifyAttempts === 'number' ? Math.min(10, Math.max(1, Math.floor(args.verifyAttempts))) : undefined;
  const delayMs = typeof args.verifyDelayMs === 'number' ? Math.min(10_000, Math.max(0, Math.floor(args.verifyDelayMs))) : undefined;
  if (attempts === undefined && delayMs === undefined) {
    return undefined;
  }
  return { attempts: attempts ?? 6, delayMs: delayMs ?? 1000, maxDelayMs: Math.max(delayMs ?? 1000, 8000) };
}

/** Keeps the "resume rotation" title button in step with the journal. */
export async function updateRotationContext(ctx: CommandContext): Promise<number> {
  let pending: number;
  try {
    pending = (await ctx.rotations.list()).length;
  } catch (error) {
    // An unreadable journal is reported where it is read for a reason; the menu item just stays hidden.
    ctx.log.warn(`[rotation] the journal cannot be read: ${error instanceof Error ? error.name : 'error'}`);
    pending = 0;
  }
  await vscode.commands.executeCommand('setContext', RamView.rotationPendingContext, pending > 0);
  return pending;
}

/** After a rotation: say what happened, and offer to delete the disabled old key now or later. */
export function announceRotation(ctx: CommandContext, result: RotationResult, profileName: string): void {
  ctx.ram.keysChanged(ownerOf(result.userName));
  const others = result.repointedProfileIds.length;
  const message = sentences(
    t('Profile "{0}" now uses the new AccessKey {1}.', profileName, result.newAccessKeyId),
    others > 0 ? t('{0} other profile(s) that used the old key were switched too.', others) : '',
    t('The old key {0} is disabled, not deleted: delete it once nothing else needs it. You will be reminded in a week.', result.oldAccessKeyId),
  );
  const deleteNow = t('Delete Old Key Now');
  void vscode.window.showInformationMessage(message, deleteNow).then((choice) => {
    if (choice === deleteNow) {
      void vscode.commands.executeCommand(Commands.ramDeleteAccessKey, { accessKeyId: result.oldAccessKeyId, userName: result.userName, confirm: true, profileId: result.managerProfileId });
    }
  });
}
