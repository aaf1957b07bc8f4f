import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import { UserCancelled } from '../../util/errors';
import type { RamExplorer } from '../../views/ram/ramExplorer';
import { isArgs } from '../args';

export interface FilterUsersArgs {
  text?: string;
}

/** Filter Users: show the users whose name or display name contains the text. */
export async function filterUsers(explorer: RamExplorer, arg?: unknown): Promise<{ filter: string; matching: number; total: number }> {
  let text: string | undefined = isArgs(arg) && typeof arg.text === 'string' ? arg.text : undefined;
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: t('Filter RAM Users'),
      prompt: t('Part of a user name or display name (empty shows every user)'),
      value: explorer.model.filter,
    });
    if (text === undefined) {
      throw new UserCancelled();
    }
  }
  explorer.model.setFilter(text);
  const { matching, total } = explorer.model.visibleUsers();
  return { filter: explorer.model.filter, matching, total };
}
