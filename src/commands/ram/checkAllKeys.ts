import * as vscode from 'vscode';
import { RamView } from '../../constants';
import { sentences, t } from '../../util/l10n';
import { errorMessage, UserFacingError } from '../../util/errors';
import { userOwner } from '../../aliyun/identity';
import { scanAllKeys, type KeyScanResult } from '../../views/ram/keyScan';
import { ReportUnavailable, scanFromReport, type ReportFallbackReason, type ReportScanResult } from '../../views/ram/reportScan';
import { marksOfKeys, type UserMarks } from '../../views/ram/userMarks';
import type { RamExplorer } from '../../views/ram/ramExplorer';
import { isArgs } from '../args';
import type { CommandContext } from '../context';

export interface CheckAllKeysArgs {
  /** No focus change and no summary notification (programmatic callers). */
  quiet?: boolean;
  /** `auto` (default): the credential report, else user by user; the others force one way (tests, bench). */
  method?: 'auto' | 'report' | 'perUser';
  /** Also return every user's marks (tests compare the two ways). */
  withMarks?: boolean;
}

export type CheckAllResult = (KeyScanResult | ReportScanResult) & {
  /** Why the report was not used, when the per-user pass ran instead of it. */
  readonly fallback?: { readonly reason: ReportFallbackReason; readonly message: string };
  readonly marks?: Record<string, UserMarks>;
};

function isReport(r: KeyScanResult | ReportScanResult): r is ReportScanResult {
  return (r as ReportScanResult).source === 'report';
}

function fallbackText(reason: ReportFallbackReason): string {
  switch (reason) {
    case 'refused':
      return t('The profile may not generate the credential report (ims:GenerateCredentialReport), so every user was checked one by one.');
    case 'stale':
      return t('The credential report is more than 4 hours old, so every user was checked one by one.');
    case 'unreadable':
      return t('The credential report could not be read, so every user was checked one by one.');
    case 'notReady':
      return t('The credential report was still being made, so every user was checked one by one.');
  }
}

/** What the summary says, in the order of importance. */
export function summaryText(r: CheckAllResult, settings: { keyAgeWarningDays: number; unusedKeyWarningDays: number }): string {
  const report = isReport(r) ? r : undefined;
  const parts = [
    r.fallback ? fallbackText(r.fallback.reason) : '',
    report
      ? t('Checked {0} AccessKeys of {1} RAM users from the credential report of {2}.', r.keys, r.users, report.generatedTime)
      : t('Checked {0} AccessKeys of {1} RAM users.', r.keys, r.users),
  ];
  const found = [
    r.warnings.old ? t('{0} older than {1} days', r.warnings.old, settings.keyAgeWarningDays) : '',
    r.warnings.unused ? t('{0} not used for more than {1} days', r.warnings.unused, settings.unusedKeyWarningDays) : '',
    r.warnings.neverUsed ? t('{0} never used', r.warnings.neverUsed) : '',
    r.warnings.inactive ? t('{0} inactive', r.warnings.inactive) : '',
    r.atLimit ? t('{0} users at the limit of two keys', r.atLimit) : '',
    report?.noMfa ? t('{0} users who sign in to the console without MFA', report.noMfa) : '',
  ].filter(Boolean);
  parts.push(found.length ? t('Found: {0}.', found.join(t(', '))) : t('No key needs attention.'));
  if (r.usersFailed || r.lastUseUnknown) {
    parts.push(t('Could not check {0} users and the last use of {1} keys: {2}', r.usersFailed, r.lastUseUnknown, errorMessage(r.firstError)));
  }
  if (report?.brokenLines) {
    parts.push(t('{0} lines of the report could not be read and were skipped.', report.brokenLines));
  }
  if (r.cancelled) {
    parts.push(t('Cancelled before the end.'));
  }
  return sentences(...parts);
}

/** Every listed user's marks from what the per-user pass loaded. */
function perUserMarks(explorer: RamExplorer): Record<string, UserMarks> {
  const marks: Record<string, UserMarks> = {};
  const settings = explorer.healthSettings();
  const now = explorer.now();
  for (const user of explorer.model.usersState().users) {
    const owner = userOwner(user.userName);
    const loaded = explorer.model.loadedKeys(owner);
    if (loaded?.ok) {
      const keys = loaded.value.map((key) => ({ key, lastUse: explorer.model.knownLastUse(owner, key.accessKeyId) ?? { state: 'loading' } as const }));
      marks[user.userName] = marksOfKeys(keys, settings, now);
    }
  }
  return marks;
}

/**
 * Check All AccessKeys: from the account's credential report when the profile may generate it (a
 * few calls for the whole account), else every RAM user's keys and their last use, a bounded
 * number at a time (fewer when Alibaba Cloud throttles). Either way the RAM view marks every user
 * with old, unused or too many keys without expanding them one by one.
 */
export async function checkAllKeys(ctx: CommandContext, arg?: unknown): Promise<CheckAllResult> {
  const args: CheckAllKeysArgs = isArgs(arg) ? (arg as CheckAllKeysArgs) : {};
  const quiet = args.quiet === true;
  const method = args.method ?? 'auto';
  const explorer = ctx.ram;
  if (!quiet) {
    void vscode.commands.executeCommand(`${RamView.id}.focus`);
  }
  const settings = explorer.healthSettings();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Checking AccessKeys'), cancellable: true },
    async (progress, token): Promise<CheckAllResult | undefined> => {
      const base = { settings, now: explorer.now(), log: ctx.log, isCancelled: () => token.isCancellationRequested };
      let fallback: CheckAllResult['fallback'];
      if (method !== 'perUser') {
        progress.report({ message: t('Reading the credential report…') });
        try {
          const fromReport = await scanFromReport(explorer.model, base);
          return fromReport && (args.withMarks ? { ...fromReport, marks: Object.fromEntries(explorer.model.reportEntries()) } : fromReport);
        } catch (error) {
          if (!(error instanceof ReportUnavailable) || method === 'report') {
            throw error;
          }
          ctx.log.info(`[ram] credential report not used (${error.reason}): ${error.message}`);
          fallback = { reason: error.reason, message: error.message };
          progress.report({ message: fallbackText(error.reason) });
        }
      }
      let shown = 0;
      const scanned = await scanAllKeys(explorer.model, {
        ...base,
        onProgress: (p) => {
          // Users listed count half, keys looked up the other half.
          const done = Math.floor(50 * (p.usersDone / Math.max(1, p.users)) + 50 * (p.keysDone / Math.max(1, p.keys)));
          if (done > shown) {
            progress.report({ message: t('{0} of {1} users, {2} of {3} keys', p.usersDone, p.users, p.keysDone, p.keys), increment: done - shown });
            shown = done;
          }
        },
      });
      return scanned && { ...scanned, fallback, marks: args.withMarks ? perUserMarks(explorer) : undefined };
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
