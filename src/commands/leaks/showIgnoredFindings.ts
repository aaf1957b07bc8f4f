import * as vscode from 'vscode';
import type { IgnoredFinding } from '../../leaks/ignoredFindings';
import { UserCancelled } from '../../util/errors';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import type { LeakGuard } from '../../views/leaks/leakGuard';
import { isArgs } from '../args';

export interface ShowIgnoredArgs {
  /** Every ignored finding, or only those of this path (as the ignore list names it). */
  all?: boolean;
  path?: string;
}

/** Show Ignored AccessKeys Again: picks ignored findings (all of them preselected) and shows them again. */
export async function showIgnoredFindings(guard: LeakGuard, arg?: unknown): Promise<{ removed: number; remaining: IgnoredFinding[] }> {
  const all = guard.ignored.list();
  let chosen: IgnoredFinding[];
  if (isArgs(arg)) {
    const args = arg as ShowIgnoredArgs;
    chosen = args.all === true ? all : all.filter((e) => e.path === args.path);
  } else {
    if (all.length === 0) {
      void vscode.window.showInformationMessage(t('No AccessKey is ignored in this workspace.'));
      return { removed: 0, remaining: [] };
    }
    const picked = await vscode.window.showQuickPick(
      all.map((entry) => ({ label: maskAccessKeyId(entry.accessKeyId), description: entry.path, picked: true, entry })),
      { title: t('Show Ignored AccessKeys Again'), placeHolder: t('The findings to show again'), canPickMany: true, ignoreFocusOut: true },
    );
    if (!picked) {
      throw new UserCancelled();
    }
    chosen = picked.map((p) => p.entry);
  }
  const removed = await guard.ignored.remove(chosen);
  return { removed, remaining: guard.ignored.list() };
}
