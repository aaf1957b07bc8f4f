import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { DeleteReminder } from '../../credentials/keys/rotationReminders';
import { summarize, type RotationEntry, type RotationSummary } from '../../credentials/keys/rotationTypes';
import { t } from '../../util/l10n';
import { errorMessage } from '../../util/errors';
import type { CommandContext } from '../context';
import { ResumeRequest } from './resumeRotation';
import { stepText, updateRotationContext } from './rotationUi';

/**
 * At activation: a rotation the journal says is unfinished (VS Code closed, a call failed) is
 * offered to be finished or rolled back, and old keys disabled a week ago are offered for
 * deletion. The notifications are not awaited. Returns what it found (for tests).
 */
export async function offerUnfinishedRotations(ctx: CommandContext): Promise<{ rotations: RotationSummary[]; reminders: DeleteReminder[] }> {
  let entries: RotationEntry[] = [];
  try {
    entries = await ctx.rotations.list();
  } catch (error) {
    // Said once, at start: every rotation command refuses until the journal can be read again.
    void vscode.window.showErrorMessage(errorMessage(error));
  }
  await updateRotationContext(ctx);
  for (const entry of entries) {
    ctx.log.warn(`[rotation] ${entry.id} of profile "${entry.profileName}" is unfinished (step ${entry.step})`);
    const finish = t('Finish Rotation');
    const rollback = t('Roll Back');
    void vscode.window.showWarningMessage(
      t('The AccessKey rotation of profile "{0}" was interrupted: {1}. No key or secret was lost. Finish it, or roll it back?', entry.profileName, stepText(entry)),
      finish, rollback,
    ).then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand(Commands.ramResumeRotation, new ResumeRequest(entry.id, choice === finish ? 'finish' : 'rollback'));
      }
    });
  }

  const store = ctx.reminders;
  const due = store.due();
  for (const reminder of due) {
    const remove = t('Delete Old Key');
    const later = t('Remind Me in a Week');
    const keep = t('Keep It');
    void vscode.window.showInformationMessage(
      t('The old AccessKey {0} of profile "{1}" has been disabled since {2}, after a rotation. If nothing broke, delete it.', reminder.accessKeyId, reminder.profileName, reminder.disabledAt.slice(0, 10)),
      remove, later, keep,
    ).then(async (choice) => {
      if (choice === remove) {
        // The delete command asks once more in a modal (arguments never answer it outside Test mode). Sign with the profile that rotated it, if it is still here.
        const manager = await ctx.store.get(reminder.managerProfileId);
        void vscode.commands.executeCommand(Commands.ramDeleteAccessKey, {
          accessKeyId: reminder.accessKeyId, userName: reminder.userName, confirm: true, profileId: manager?.id,
        });
      } else if (choice === later) {
        void store.snooze(reminder.accessKeyId);
      } else if (choice === keep) {
        void store.remove(reminder.accessKeyId);
      }
    });
  }
  return { rotations: entries.map(summarize), reminders: due };
}
