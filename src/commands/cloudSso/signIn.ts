import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { checkLabel, checkProfileName, checkRegionId, DEFAULT_REGION, isCloudSsoProfile, type CloudSsoDefinition, type Profile } from '../../credentials/profile';
import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { must } from '../prompts';
import { hostOf } from '../../credentials/cloudSso/signIns';
import { deviceSignIn } from './deviceSignIn';
import { askSignInUrl, signInUrlFromArgs } from './signInUrlInput';
import { sameCloudSsoTarget } from '../../credentials/cloudSso/sameTarget';
import { definitionOf, suggestedName, uniqueName } from './ssoNames';
import { pickAccountAndAccess, type SsoChoiceArgs } from './ssoPickers';

/** Sign In with CloudSSO… without prompts (a test, another extension). */
export interface SignInArgs extends SsoChoiceArgs {
  signInUrl?: string;
  /** Default: `<account name>/<access configuration name>`, made unique. */
  name?: string;
  regionId?: string;
  label?: string;
  /** false: neither copy the code nor open the browser (whoever called approves on the page). */
  openBrowser?: boolean;
}

/** A working token for the directory right after a sign-in, or a plain error (the store lost it). */
export async function tokenAfterSignIn(ctx: CommandContext, signInUrl: string): Promise<string> {
  const token = await ctx.cloudSso.signIns.token(signInUrl);
  if (!token) {
    throw new UserFacingError(t('The CloudSSO sign-in to {0} could not be kept in secret storage. See the log, then sign in again.', hostOf(signInUrl)));
  }
  return token;
}

/** Makes the profile active and says so; the person may test it at once. */
export async function activateCloudSsoProfile(ctx: CommandContext, profile: Profile, message: string, interactive: boolean): Promise<void> {
  await ctx.active.set(profile.id);
  ctx.log.info(`[cloudsso] "${profile.name}" (account ${profile.sso?.accountId}, ${profile.sso?.accessConfigurationId}) is now active`);
  if (interactive) {
    const test = t('Test Credentials');
    void vscode.window.showInformationMessage(message, test).then((choice) => {
      if (choice === test) {
        void vscode.commands.executeCommand(Commands.testCredentials, { profileId: profile.id });
      }
    });
  }
}

/** The profile for this directory, account and access configuration: the one there is, or a new one. */
export async function profileFor(ctx: CommandContext, sso: CloudSsoDefinition, args: { name?: string; regionId?: string; label?: string }): Promise<{ profile: Profile; created: boolean }> {
  const profiles = await ctx.store.list();
  const existing = profiles.find((p) => isCloudSsoProfile(p) && sameCloudSsoTarget(p.sso, sso));
  if (existing && args.name === undefined) {
    return { profile: existing, created: false };
  }
  const name = args.name !== undefined
    ? must(checkProfileName(args.name, profiles.map((p) => p.name)))
    : uniqueName(suggestedName(sso), profiles);
  const regionId = must(checkRegionId(args.regionId ?? DEFAULT_REGION));
  const label = must(checkLabel(args.label)) || undefined;
  const profile = await ctx.store.addCloudSso({ name, regionId, label, source: 'cloudsso', sso });
  ctx.log.info(`[cloudsso] added profile "${profile.name}" (account ${sso.accountId}, ${sso.accessConfigurationId})`);
  return { profile, created: true };
}

/**
 * Sign In with CloudSSO…: the directory's sign-in URL, the device sign-in in the browser, then an
 * account and an access configuration; the result is a CloudSSO profile, made active.
 */
export async function signIn(ctx: CommandContext, arg?: unknown): Promise<Profile> {
  const interactive = !isArgs(arg);
  const args: SignInArgs = interactive ? {} : (arg as SignInArgs);
  const title = t('Sign In with CloudSSO');
  const signInUrl = interactive ? await askSignInUrl(ctx, title) : signInUrlFromArgs(args.signInUrl);

  // Whoever opens the browser shows the code first; callers that approve themselves say openBrowser: false.
  await deviceSignIn(ctx, signInUrl, { openBrowser: args.openBrowser !== false });
  const token = await tokenAfterSignIn(ctx, signInUrl);
  const portal = await ctx.cloudSso.portal(signInUrl);
  const choice = await pickAccountAndAccess(portal, token, { signInUrl, host: hostOf(signInUrl) }, args, title);
  const { profile, created } = await profileFor(ctx, definitionOf(signInUrl, choice), args);

  const where = `${choice.account.displayName} · ${choice.accessConfiguration.name}`;
  await activateCloudSsoProfile(
    ctx, profile,
    created
      ? t('Signed in with CloudSSO. Profile "{0}" ({1}) added and selected.', profile.name, where)
      : t('Signed in with CloudSSO. Profile "{0}" ({1}) selected.', profile.name, where),
    interactive,
  );
  return profile;
}
