import * as vscode from 'vscode';
import { RamView } from '../../constants';
import { sentences, t } from '../../util/l10n';
import { errorMessage, UserFacingError } from '../../util/errors';
import { scanAllKeys, type KeyScanResult } from '../../views/ram/keyScan';
import { isArgs } from '../args';
import type { CommandContext } from '../context';

export interface CheckAllKeysArgs {
  /** No focus change and no summary notification (programmatic callers). */
  quiet?: boolean;
}

/** What the summary says, in the order of importance. */
export function summaryText(r: KeyScanResult, settings: { keyAgeWarningDays: number; unusedKeyWarningDays: number }): string {
  const parts = [t('Checked {0} AccessKeys of {1} RAM users.', r.keys, r.users)];
  const found = [
    r.warnings.old ? t('{0} older than {1} days', r.warnings.old, settings.keyAgeWarningDays) : '',
    r.warnings.unused ? t('{0} not used for more than {1} days', r.warnings.unused, settings.unusedKeyWarningDays) : '',
    r.warnings.neverUsed ? t('{0} never used', r.warnings.neverUsed) : '',
    r.warnings.inactive ? t('{0} inactive', r.warnings.inactive) : '',
    r.atLimit ? t('{0} users at the limit of two keys', r.atLimit) : '',
  ].filter(Boolean);
  parts.push(found.length ? t('Found: {0}.', found.join(t(', '))) : t('No key needs attention.'));
  if (r.usersFailed || r.lastUseUnknown) {
    parts.push(t('Could not check {0} users and the last use of {1} keys: {2}', r.usersFailed, r.lastUseUnknown, errorMessage(r.firstError)));
  }
  if (r.cancelled) {
    parts.push(t('Cancelled before the end.'));
  }
  return sentences(...parts);
}

/**
 * Check All AccessKeys: loads every RAM user's keys and their last use, a bounded number at a
 * time (fewer when Alibaba Cloud throttles), so the RAM view marks every user with old, unused
 * or too many keys without expanding them one by one.
 */
export async function checkAllKeys(ctx: CommandContext, arg?: unknown): Promise<KeyScanResult> {
  const quiet = isArgs(arg) && (arg as CheckAllKeysArgs).quiet === true;
  const explorer = ctx.ram;
  if (!quiet) {
    void vscode.commands.executeCommand(`${RamView.id}.focus`);
  }
  const settings = explorer.healthSettings();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Checking AccessKeys'), cancellable: true },
    (progress, token) => {
      let shown = 0;
      return scanAllKeys(explorer.model, {
        settings, now: explorer.now(), log: ctx.log, isCancelled: () => token.isCancellationRequested,
        onProgress: (p) => {
          // Users listed count half, keys looked up the other half.
          const done = Math.floor(50 * (p.usersDone / Math.max(1, p.users)) + 50 * (p.keysDone / Math.max(1, p.keys)));
          if (done > shown) {
            progress.report({ message: t('{0} of {1} users, {2} of {3} keys', p.usersDone, p.users, p.keysDone, p.keys), increment: done - shown });
            shown = done;
          }
        },
      });
    },
  );
  if (!result) {
    throw new UserFacingError(t('There is no active profile (or its secret is missing). Add or select a profile first.'));
  }
  if (!quiet) {
    const text = summaryText(result, settings);
    const problems = result.usersFailed > 0 || result.lastUseUnknown > 0;
    void (problems ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
  }
  return result;
}
