import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import { UserCancelled } from '../../util/errors';
import type { RamExplorer } from '../../views/ram/ramExplorer';
import { isArgs } from '../args';

export interface FilterUsersArgs {
  text?: string;
}

/**
 * Filter (the RAM view's one filter): the users whose name or display name, and the roles whose
 * name or description, contains the text. One filter for both, so one search finds the deployer
 * user and the deploy role alike, and the view title's single filter button stays honest.
 */
export async function filterUsers(explorer: RamExplorer, arg?: unknown): Promise<{ filter: string; matching: number; total: number; roles: { matching: number; total: number } }> {
  let text: string | undefined = isArgs(arg) && typeof arg.text === 'string' ? arg.text : undefined;
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: t('Filter RAM Users and Roles'),
      prompt: t('Part of a user\'s name or display name, or of a role\'s name or description (empty shows everything)'),
      value: explorer.model.filter,
    });
    if (text === undefined) {
      throw new UserCancelled();
    }
  }
  explorer.model.setFilter(text);
  const { matching, total } = explorer.model.visibleUsers();
  const roles = explorer.model.roles.visible(explorer.model.filter);
  return { filter: explorer.model.filter, matching, total, roles: { matching: roles.matching, total: roles.total } };
}
