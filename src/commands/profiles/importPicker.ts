// The questions Import Profiles asks: which file, which of its profiles, what to do with names that exist.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { defaultAliyunCliConfigPath, defaultCredentialsFilePath, type FoundProfile, type ImportFormat, type NotImportable } from '../../credentials/importers';
import type { ConflictRule } from '../../credentials/importers/importPlan';
import { standInFor } from '../../credentials/importers/rolePlan';
import { hostOf } from '../../credentials/cloudSso/signIns';
import { isRoleProfile, type Profile } from '../../credentials/profile';
import { displayPath } from '../../credentials/sourceFile';
import { UserCancelled } from '../../util/errors';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';

export const FORMAT_NAMES: Record<ImportFormat, () => string> = {
  'aliyun-cli': () => t('aliyun CLI configuration'),
  'credentials-file': () => t('Alibaba Cloud credentials file'),
  csv: () => t('AccessKey CSV from the console'),
};

export async function pickFile(title: string, filters?: Record<string, string[]>): Promise<string> {
  const uris = await vscode.window.showOpenDialog({
    title, canSelectMany: false, canSelectFiles: true, canSelectFolders: false, openLabel: t('Import'),
    defaultUri: vscode.Uri.file(os.homedir()), filters,
  });
  if (!uris?.[0]) {
    throw new UserCancelled();
  }
  return uris[0].fsPath;
}

export async function chooseSource(): Promise<{ format?: ImportFormat; path: string }> {
  const cli = defaultAliyunCliConfigPath();
  const ini = defaultCredentialsFilePath();
  const state = (file: string) => (existsSync(file) ? displayPath(file) : t('{0} (not found)', displayPath(file)));
  const items: Array<vscode.QuickPickItem & { format?: ImportFormat; path?: string }> = [
    { label: `$(terminal) ${FORMAT_NAMES['aliyun-cli']()}`, description: state(cli), detail: t('AK, StsToken, role (RamRoleArn, ChainableRamRoleArn) and CloudSSO profiles'), format: 'aliyun-cli', path: cli },
    { label: `$(file) ${FORMAT_NAMES['credentials-file']()}`, description: state(ini), detail: t('[sections] with type = access_key, sts or ram_role_arn'), format: 'credentials-file', path: ini },
    { label: `$(file-text) ${FORMAT_NAMES.csv()}…`, detail: t('The file "Download CSV File" gives when you create an AccessKey'), format: 'csv' },
    { label: `$(folder-opened) ${t('Another file…')}`, detail: t('Any of the above, somewhere else') },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: t('Import Alibaba Cloud Profiles'), placeHolder: t('Import from where?') });
  if (!pick) {
    throw new UserCancelled();
  }
  if (pick.path && existsSync(pick.path)) {
    return { format: pick.format, path: pick.path };
  }
  const filters = pick.format === 'csv' ? { CSV: ['csv'], [t('All files')]: ['*'] } : undefined;
  return { format: pick.format, path: await pickFile(t('Import Alibaba Cloud Profiles'), filters) };
}

function describeFound(f: FoundProfile): string {
  if (f.sso) {
    return [t('CloudSSO'), t('account {0}', f.sso.accountId), f.sso.accessConfigurationId, hostOf(f.sso.signInUrl), f.regionId ?? ''].filter(Boolean).join(' · ');
  }
  if (f.role) {
    const by = f.role.sourceName !== undefined ? t('assumed with "{0}"', f.role.sourceName) : t('assumed with {0}', maskAccessKeyId(f.accessKeyId));
    return [t('role {0}', f.role.roleArn.split('/').pop() ?? ''), by, f.regionId ?? ''].filter(Boolean).join(' · ');
  }
  return [f.kind === 'StsToken' ? t('STS token') : t('AccessKey'), maskAccessKeyId(f.accessKeyId), f.regionId ?? ''].filter(Boolean).join(' · ');
}

/** What else importing `f` does: it replaces, or it reuses or brings along the profile its role is assumed with. */
function foundDetail(f: FoundProfile, existing: Profile[]): string | undefined {
  const same = f.sso ? standInFor(f, existing) : undefined;
  if (same) {
    return t('$(info) Profile "{0}" signs in to this account with this access configuration already: only the sign-in the file holds is taken.', same.name);
  }
  const sameName = existing.find((p) => p.name.toLowerCase() === f.name.toLowerCase());
  if (sameName) {
    return t('$(warning) A profile named "{0}" exists: you choose next whether to rename, replace or skip.', sameName.name);
  }
  if (f.sso) {
    return f.sso.tokenState === 'valid'
      ? t('$(info) The file\'s CloudSSO sign-in still works: it moves into secret storage, so the profile works without signing in.')
      : t('$(info) The file holds no CloudSSO sign-in that still works: sign in again after importing.');
  }
  const sameKey = f.accessKeyId ? existing.find((p) => !isRoleProfile(p) && p.accessKeyId === f.accessKeyId) : undefined;
  if (f.role?.sourceName !== undefined) {
    return t('$(info) Assumed with "{0}" from this file, which is imported too unless a profile holds it already.', f.role.sourceName);
  }
  if (f.role) {
    return sameKey
      ? t('$(info) Assumed with profile "{0}", which has this AccessKey already.', sameKey.name)
      : t('$(info) Its AccessKey becomes a profile too: the one the role is assumed with.');
  }
  return sameKey ? t('$(info) Profile "{0}" already has this AccessKey.', sameKey.name) : undefined;
}

/** The picker that shows everything found before anything is stored; returns the chosen ones. */
export async function chooseProfiles(label: string, found: FoundProfile[], notImportable: NotImportable[], existing: Profile[]): Promise<FoundProfile[]> {
  type Item = vscode.QuickPickItem & { found?: FoundProfile };
  const items: Item[] = [];
  if (found.length) {
    items.push({ label: t('Can be imported'), kind: vscode.QuickPickItemKind.Separator });
  }
  for (const f of found) {
    items.push({ label: f.name, description: describeFound(f), detail: foundDetail(f, existing), picked: true, found: f });
  }
  if (notImportable.length) {
    items.push({ label: t('Cannot be imported'), kind: vscode.QuickPickItemKind.Separator });
    for (const n of notImportable) {
      items.push({ label: `$(circle-slash) ${n.name}`, description: n.mode, detail: n.reason });
    }
  }
  const picks = await vscode.window.showQuickPick(items, {
    title: t('Import from {0}', label),
    placeHolder: found.length
      ? t('{0} profile(s) found. Nothing is stored until you press OK; the secrets go to VS Code\'s secret storage.', found.length)
      : t('Nothing here can be imported; the list says why.'),
    canPickMany: true, ignoreFocusOut: true, matchOnDescription: true,
  });
  if (!picks) {
    throw new UserCancelled();
  }
  return picks.map((p) => p.found).filter((f): f is FoundProfile => f !== undefined);
}

export async function chooseConflictRule(clashes: string[]): Promise<ConflictRule> {
  const items: Array<vscode.QuickPickItem & { rule: ConflictRule }> = [
    { label: t('Keep both'), description: t('import as "{0} (2)"', clashes[0]), rule: 'rename' },
    { label: t('Replace'), description: t('put the imported key, secret and region into the existing profile'), rule: 'replace' },
    { label: t('Skip'), description: t('leave the existing profile as it is'), rule: 'skip' },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: t('Profiles with these names exist: {0}', clashes.join(', ')), placeHolder: t('What should happen to them?'), ignoreFocusOut: true,
  });
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.rule;
}
