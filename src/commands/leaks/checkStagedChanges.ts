import * as vscode from 'vscode';
import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import type { GitRepositories } from '../../views/leaks/gitApi';
import type { StagedChanges, StagedSecret } from '../../views/leaks/stagedChanges';
import { isArgs } from '../args';

/**
 * Check Staged Changes for Secrets: what the automatic warning does, now, for every repository;
 * warns about each find again (with Open File) and says so when there is none.
 */
export async function checkStagedChanges(git: GitRepositories, staged: StagedChanges, arg?: unknown): Promise<StagedSecret[]> {
  if (!git.current) {
    throw new UserFacingError(t('Git is not available in this window: the git extension is missing or turned off (git.enabled).'));
  }
  const found = await staged.check();
  if (found.length) {
    staged.warn(found, true);
  } else if (!isArgs(arg)) {
    void vscode.window.showInformationMessage(t('The staged changes hold no secret of your profiles.'));
  }
  return found;
}
