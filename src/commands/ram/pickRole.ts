import * as vscode from 'vscode';
import type { RamRole } from '../../aliyun/types';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import type { RamExplorer } from '../../views/ram/ramExplorer';
import { RamRoleNode } from '../../views/ram/roleNodes';
import { isArgs } from '../args';

/**
 * The role a command runs on: the node it was run on, `{ roleName }`, or picked from the roles of
 * the active profile's account (the RAM view's list, loaded if it is not yet).
 */
export async function resolveRole(explorer: RamExplorer, arg: unknown, title: string): Promise<RamRole> {
  if (arg instanceof RamRoleNode) {
    return arg.role;
  }
  if (!(await explorer.model.session())) {
    throw new UserFacingError(t('There is no active profile (or its secret is missing). Add or select a profile first.'));
  }
  const roles = explorer.model.roles;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Listing RAM roles…') }, () => roles.whenLoaded());
  const state = roles.state();
  if (state.error !== undefined && state.roles.length === 0) {
    throw state.error;
  }
  const roleName = isArgs(arg) && typeof arg.roleName === 'string' ? arg.roleName.trim() : undefined;
  if (roleName !== undefined) {
    const found = state.roles.find((r) => r.roleName.toLowerCase() === roleName.toLowerCase());
    if (!found) {
      throw new UserFacingError(t('The account of the active profile has no role named "{0}".', roleName));
    }
    return found;
  }
  if (state.roles.length === 0) {
    throw new UserFacingError(t('The account of the active profile has no RAM roles.'));
  }
  const pick = await vscode.window.showQuickPick(
    state.roles.map((role) => ({ label: role.roleName, description: role.description, detail: role.arn, role })),
    { title, placeHolder: t('Which role?'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.role;
}
