import * as vscode from 'vscode';
import { CloudSsoError, type CloudSsoPortal, type SsoAccessConfiguration, type SsoAccount } from '../../aliyun/cloudSsoPortal';
import { SignInExpiredError } from '../../credentials/cloudSso/cloudSsoCredentials';
import type { CloudSsoDefinition } from '../../credentials/profile';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import type { SignInPlace } from './signInFailure';
import type { SsoChoice } from './ssoNames';

/** Which account and access configuration: asked, or given by the caller (ids, checked against the portal). */
export interface SsoChoiceArgs {
  readonly accountId?: string;
  readonly accessConfigurationId?: string;
}

async function listed<T>(place: SignInPlace, title: string, list: () => Promise<T>): Promise<T> {
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, list);
  } catch (error) {
    // A token the portal no longer takes: the error that offers to sign in again.
    if (error instanceof CloudSsoError && error.kind === 'signInExpired') {
      throw new SignInExpiredError(place.signInUrl, { cause: error });
    }
    throw error;
  }
}

async function pickAccount(portal: CloudSsoPortal, token: string, place: SignInPlace, args: SsoChoiceArgs, title: string, current?: CloudSsoDefinition): Promise<SsoAccount> {
  const accounts = await listed(place, t('Listing your CloudSSO accounts…'), () => portal.listAllAccounts(token));
  if (args.accountId !== undefined) {
    // An account missing from the list goes to the portal anyway: its answer (not assigned) is the one to show.
    return accounts.find((a) => a.accountId === args.accountId) ?? { accountId: args.accountId, displayName: args.accountId };
  }
  if (accounts.length === 0) {
    throw new UserFacingError(t('You are not assigned to any account in this CloudSSO directory. Ask your administrator for an assignment.'));
  }
  const ordered = [...accounts].sort((a, b) => (a.accountId === current?.accountId ? -1 : b.accountId === current?.accountId ? 1 : a.displayName.localeCompare(b.displayName)));
  const pick = await vscode.window.showQuickPick(
    ordered.map((a) => ({
      label: a.displayName || a.accountId,
      description: [a.accountId, a.accountId === current?.accountId ? t('current') : ''].filter(Boolean).join(' · '),
      account: a,
    })),
    { title, placeHolder: t('Which account? ({0} assigned to you)', accounts.length), matchOnDescription: true, ignoreFocusOut: true },
  );
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.account;
}

async function pickAccessConfiguration(
  portal: CloudSsoPortal, token: string, place: SignInPlace, account: SsoAccount, args: SsoChoiceArgs, title: string, current?: CloudSsoDefinition,
): Promise<SsoAccessConfiguration> {
  const configurations = await listed(place, t('Listing your access configurations in {0}…', account.displayName), () => portal.listAllAccessConfigurations(token, account.accountId));
  if (args.accessConfigurationId !== undefined) {
    const given = configurations.find((c) => c.id === args.accessConfigurationId);
    if (!given) {
      throw new UserFacingError(t('You are not assigned to access configuration {0} in account {1}. Yours there: {2}.', args.accessConfigurationId, account.accountId, configurations.map((c) => c.id).join(', ') || t('none')));
    }
    return given;
  }
  if (configurations.length === 0) {
    throw new UserFacingError(t('You have no access configuration in account {0}. Ask your administrator for an assignment.', account.displayName));
  }
  // One is no choice: the CLI takes it too.
  if (configurations.length === 1) {
    return configurations[0];
  }
  const here = current?.accountId === account.accountId ? current.accessConfigurationId : undefined;
  const pick = await vscode.window.showQuickPick(
    configurations.map((c) => ({
      label: c.name || c.id,
      description: [c.id, c.id === here ? t('current') : ''].filter(Boolean).join(' · '),
      detail: c.description || undefined,
      configuration: c,
    })),
    { title, placeHolder: t('Which access configuration (permissions) in {0}?', account.displayName), matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
  );
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.configuration;
}

/** The account, then its access configuration: every page of each; asked unless the caller named them. */
export async function pickAccountAndAccess(
  portal: CloudSsoPortal, token: string, place: SignInPlace, args: SsoChoiceArgs, title: string, current?: CloudSsoDefinition,
): Promise<SsoChoice> {
  const account = await pickAccount(portal, token, place, args, `${title} (1/2)`, current);
  const accessConfiguration = await pickAccessConfiguration(portal, token, place, account, args, `${title} (2/2)`, current);
  return { account, accessConfiguration };
}
