import * as vscode from 'vscode';
import { isCloudSsoProfile } from '../../credentials/profile';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { profileTarget } from '../profiles/profileTarget';
import { hostOf } from '../../credentials/cloudSso/signIns';
import { signInUrlFromArgs } from './signInUrlInput';

export interface SignOutArgs {
  signInUrl?: string;
  profileId?: string;
}

/** Directories with a sign-in on record (ended ones too: their token is still stored). */
async function signedIn(ctx: CommandContext): Promise<string[]> {
  const known = await ctx.cloudSso.signIns.knownSignInUrls();
  const withSignIn = await Promise.all(known.map(async (url) => ((await ctx.cloudSso.signIns.signIn(url)) ? url : undefined)));
  return withSignIn.filter((u): u is string => u !== undefined);
}

async function directoryOf(ctx: CommandContext, arg: unknown): Promise<string> {
  const args = isArgs(arg) ? (arg as SignOutArgs) : undefined;
  if (args?.signInUrl !== undefined) {
    return signInUrlFromArgs(args.signInUrl);
  }
  const target = profileTarget(arg);
  if (target?.profileId) {
    const named = await ctx.store.get(target.profileId);
    if (!named || !isCloudSsoProfile(named)) {
      throw new UserFacingError(t('"{0}" is not a CloudSSO profile (or it was deleted in another window).', named?.name ?? target.profileId));
    }
    return named.sso.signInUrl;
  }
  const directories = await signedIn(ctx);
  if (directories.length === 0) {
    throw new UserFacingError(t('You are not signed in to any CloudSSO directory.'));
  }
  const current = await ctx.active.current();
  const active = current && isCloudSsoProfile(current) ? current.sso.signInUrl : undefined;
  if (directories.length === 1) {
    return directories[0];
  }
  const pick = await vscode.window.showQuickPick(
    directories.map((url) => ({ label: url, description: url === active ? t('the active profile\'s') : undefined })),
    { title: t('Sign Out of CloudSSO'), placeHolder: t('Sign out of which directory?') },
  );
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.label;
}

/**
 * Sign Out of CloudSSO: forgets the directory's access token and the temporary credentials got with
 * it. Nothing of the person's is removed (the profiles stay, to be used after the next sign-in), so
 * it is done without a question, as sign-outs are.
 */
export async function signOut(ctx: CommandContext, arg?: unknown): Promise<string> {
  const signInUrl = await directoryOf(ctx, arg);
  await ctx.cloudSso.signIns.signOut(signInUrl);
  // The credentials got with the token go with it (CloudSsoCredentials follows the sign-out).
  const profiles = (await ctx.store.list()).filter((p) => isCloudSsoProfile(p) && p.sso.signInUrl === signInUrl);
  ctx.log.info(`[cloudsso] signed out of ${hostOf(signInUrl)}; ${profiles.length} profile(s) kept`);
  if (!isArgs(arg)) {
    void vscode.window.showInformationMessage(profiles.length
      ? t('Signed out of CloudSSO at {0}. Its profiles stay; sign in again to use them.', hostOf(signInUrl))
      : t('Signed out of CloudSSO at {0}.', hostOf(signInUrl)));
  }
  return signInUrl;
}
