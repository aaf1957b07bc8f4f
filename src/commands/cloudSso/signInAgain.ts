import * as vscode from 'vscode';
import { isCloudSsoProfile } from '../../credentials/profile';
import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { profileTarget } from '../profiles/profileTarget';
import { hostOf } from '../../credentials/cloudSso/signIns';
import { deviceSignIn } from './deviceSignIn';
import { askSignInUrl, signInUrlFromArgs } from './signInUrlInput';

/** Sign In Again with CloudSSO without prompts: the directory by its URL, or by one of its profiles. */
export interface SignInAgainArgs {
  signInUrl?: string;
  profileId?: string;
  openBrowser?: boolean;
}

/** The directory to sign in to again: named, the node's, the active profile's, or asked. */
async function directoryOf(ctx: CommandContext, arg: unknown, title: string): Promise<string> {
  const args = isArgs(arg) ? (arg as SignInAgainArgs) : undefined;
  if (args?.signInUrl !== undefined) {
    return signInUrlFromArgs(args.signInUrl);
  }
  const target = profileTarget(arg);
  const profiles = await ctx.store.list();
  if (target?.profileId) {
    const named = profiles.find((p) => p.id === target.profileId);
    if (!named || !isCloudSsoProfile(named)) {
      throw new UserFacingError(t('"{0}" is not a CloudSSO profile (or it was deleted in another window).', named?.name ?? target.profileId));
    }
    return named.sso.signInUrl;
  }
  const current = await ctx.active.current();
  if (current && isCloudSsoProfile(current)) {
    return current.sso.signInUrl;
  }
  return askSignInUrl(ctx, title);
}

/**
 * Sign In Again with CloudSSO: the device sign-in for a directory used before; its profiles work
 * again with the new sign-in, as they are.
 */
export async function signInAgain(ctx: CommandContext, arg?: unknown): Promise<string> {
  const title = t('Sign In Again with CloudSSO');
  const signInUrl = await directoryOf(ctx, arg, title);
  // Whoever opens the browser shows the code first; callers that approve themselves say openBrowser: false.
  const openBrowser = !(isArgs(arg) && (arg as SignInAgainArgs).openBrowser === false);
  await deviceSignIn(ctx, signInUrl, { openBrowser });
  const profiles = (await ctx.store.list()).filter((p) => isCloudSsoProfile(p) && p.sso.signInUrl === signInUrl);
  const names = profiles.map((p) => `"${p.name}"`).join(', ');
  void vscode.window.showInformationMessage(profiles.length
    ? t('Signed in again to {0}. These profiles work again: {1}.', hostOf(signInUrl), names)
    : t('Signed in again to {0}.', hostOf(signInUrl)));
  return signInUrl;
}
