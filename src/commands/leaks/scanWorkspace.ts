import * as vscode from 'vscode';
import { sentences, t } from '../../util/l10n';
import type { Log } from '../../util/log';
import type { LeakGuard } from '../../views/leaks/leakGuard';
import { scanWorkspace as runScan, type WorkspaceScanSummary } from '../../views/leaks/workspaceScanner';
import { isArgs } from '../args';

export interface ScanWorkspaceArgs {
  /** No summary notification (the scan on opening a workspace, tests); the progress still shows, with Cancel. */
  quiet?: boolean;
}

export function summaryText(s: WorkspaceScanSummary): string {
  const found = s.findings.storedSecret + s.findings.knownId + s.findings.unknownId;
  return sentences(
    t('Scanned {0} files of the workspace.', s.scanned),
    found
      ? t('Found {0} stored secrets, {1} AccessKey IDs of your profiles and {2} other AccessKey IDs in {3} files.', s.findings.storedSecret, s.findings.knownId, s.findings.unknownId, s.files.length)
      : t('No AccessKey and no secret of your profiles is written in them.'),
    s.cancelled ? t('Cancelled before the end.') : undefined,
  );
}

/**
 * Scan Workspace for AccessKeys: every file the search would see (files.exclude, search.exclude,
 * .gitignore), binaries and files over 1 MB left out; findings go to the Problems panel.
 */
export async function scanWorkspace(guard: LeakGuard, log: Log, arg?: unknown): Promise<WorkspaceScanSummary> {
  const quiet = isArgs(arg) && (arg as ScanWorkspaceArgs).quiet === true;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Scanning the workspace for AccessKeys'), cancellable: true },
    (progress, token) => runScan(guard, log, progress, token),
  );
  if (!quiet) {
    const text = summaryText(summary);
    const show = t('Show Problems');
    const found = summary.files.length > 0;
    void (found ? vscode.window.showWarningMessage(text, show) : vscode.window.showInformationMessage(text)).then((choice) => {
      if (choice === show) {
        void vscode.commands.executeCommand('workbench.actions.view.problems');
      }
    });
  }
  return summary;
}
