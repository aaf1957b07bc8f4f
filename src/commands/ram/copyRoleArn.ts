import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import type { RamExplorer } from '../../views/ram/ramExplorer';
import { resolveRole } from './pickRole';

/** Copy Role ARN: for a role profile elsewhere (the aliyun CLI, an SDK's RamRoleArn credentials), a policy, a ticket. */
export async function copyRoleArn(explorer: RamExplorer, arg?: unknown): Promise<string> {
  const role = await resolveRole(explorer, arg, t('Copy Role ARN'));
  await vscode.env.clipboard.writeText(role.arn);
  void vscode.window.setStatusBarMessage(t('Copied {0}', role.arn), 3000);
  return role.arn;
}
