import * as vscode from 'vscode';
import { consoleSite, ramRoleConsoleUrl } from '../../aliyun/console';
import { readConsoleSiteSetting } from '../../config';
import { t } from '../../util/l10n';
import type { RamExplorer } from '../../views/ram/ramExplorer';
import { resolveRole } from './pickRole';

/** The role's page in the RAM console of the account's site (`alibabaCloud.consoleSite`; `auto` guesses from the profile's region). */
export async function roleConsoleUrl(explorer: RamExplorer, arg?: unknown): Promise<string> {
  const role = await resolveRole(explorer, arg, t('Open Role in Console'));
  const profile = (await explorer.model.session())?.profile;
  return ramRoleConsoleUrl(consoleSite(readConsoleSiteSetting(), profile?.regionId), role.roleName);
}

/** Open Role in Console: there the trust policy and the role's permissions can be edited. Returns the URL. */
export async function openRoleInConsole(explorer: RamExplorer, arg?: unknown): Promise<string> {
  const url = await roleConsoleUrl(explorer, arg);
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}
