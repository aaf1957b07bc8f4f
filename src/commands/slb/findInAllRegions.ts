import * as vscode from 'vscode';
import { AliyunError } from '../../aliyun/errors';
import { SlbView } from '../../constants';
import { t } from '../../util/l10n';
import { errorMessage, UserFacingError } from '../../util/errors';
import type { LoadBalancersView } from '../../views/slb/loadBalancersView';

export interface FindInAllRegionsArgs {
  /** Do not move the focus to the view (programmatic callers). */
  quiet?: boolean;
}

/** What the scan found, for callers and tests; the view shows the same. */
export interface FindInAllRegionsResult {
  readonly found: ReadonlyArray<{ readonly regionId: string; readonly count: number }>;
  readonly failed: ReadonlyArray<{ readonly regionId: string; readonly code: string; readonly message: string }>;
  readonly scanned: number;
  readonly total: number;
  readonly loadBalancers: number;
}

/**
 * Find in All Regions: lists every region's instances, several regions at once (bounded), and
 * shows only the regions that have some, with counts. Cancellable; regions that fail are listed
 * with Retry instead of failing the scan.
 */
export async function findInAllRegions(view: LoadBalancersView, args?: FindInAllRegionsArgs): Promise<FindInAllRegionsResult> {
  const profile = await view.model.profile();
  if (!profile) {
    throw new UserFacingError(t('There is no Alibaba Cloud profile. Add one first.'));
  }
  if (!args?.quiet) {
    void vscode.commands.executeCommand(`${SlbView.id}.focus`);
  }
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Finding load balancers in every region'), cancellable: true },
    (progress, token) => view.model.scanAllRegions((done, total) => {
      progress.report({ message: t('{0} of {1} regions', done, total), increment: 100 / total });
    }, () => token.isCancellationRequested),
  );
  if (!summary) {
    throw new UserFacingError(t('There is no Alibaba Cloud profile. Add one first.'));
  }
  return {
    found: summary.found,
    failed: summary.failed.map((f) => ({
      regionId: f.regionId,
      code: f.error instanceof AliyunError ? f.error.code : 'Error',
      message: errorMessage(f.error),
    })),
    scanned: summary.scanned,
    total: summary.total,
    loadBalancers: summary.loadBalancers,
  };
}
