import * as vscode from 'vscode';
import { isCloudSsoProfile, type Profile } from '../../credentials/profile';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { commandInput } from '../args';
import type { CommandContext } from '../context';
import { hostOf } from '../../credentials/cloudSso/signIns';
import { activateCloudSsoProfile, profileFor } from './signIn';
import { resolveCloudSsoProfile, workingToken, type CloudSsoProfile } from './ssoProfileTarget';
import { sameCloudSsoTarget } from '../../credentials/cloudSso/sameTarget';
import { definitionOf, isSuggestedName, suggestedName, uniqueName } from './ssoNames';
import { pickAccountAndAccess, type SsoChoiceArgs } from './ssoPickers';

/** Switch CloudSSO Account… without prompts. */
export interface SwitchArgs extends SsoChoiceArgs {
  /** Default: the active CloudSSO profile. */
  profileId?: string;
  /** true: another profile for the choice (the one named stays as it is); false: this profile changes. */
  newProfile?: boolean;
}

async function askNewProfile(profile: Profile, where: string): Promise<boolean> {
  const change = { label: t('Change "{0}"', profile.name), description: t('this profile now signs in to {0}', where), newProfile: false };
  const add = { label: t('Add a Profile'), description: t('keep "{0}" as it is; a new profile for {1}', profile.name, where), newProfile: true };
  const pick = await vscode.window.showQuickPick([change, add], { title: t('Switch CloudSSO Account'), placeHolder: t('Change this profile, or add another one?'), ignoreFocusOut: true });
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.newProfile;
}

/** The profile itself takes the new account and access configuration; a name it was given by us follows. */
async function changeProfile(ctx: CommandContext, profile: CloudSsoProfile, sso: CloudSsoProfile['sso']): Promise<Profile> {
  const profiles = await ctx.store.list();
  const name = isSuggestedName(profile.name, profile.sso) ? uniqueName(suggestedName(sso), profiles, profile.id) : profile.name;
  // CloudSsoCredentials keys a profile's credentials by its account and access configuration: the old ones are not used.
  const updated = await ctx.store.update(profile.id, { sso, name });
  ctx.log.info(`[cloudsso] "${updated.name}" now uses account ${sso.accountId}, ${sso.accessConfigurationId}`);
  return updated;
}

/**
 * Switch CloudSSO Account…: another account or access configuration of a directory already signed
 * in to, without signing in again: the profile changes, or another profile is added.
 */
export async function switchAccount(ctx: CommandContext, arg?: unknown, options?: unknown): Promise<Profile> {
  const input = commandInput<SwitchArgs>(arg, options);
  const { node, args } = input;
  // Naming only the profile (Edit Profile, Test Credentials' fix) asks for the rest.
  const interactive = input.interactive || (args.accountId === undefined && args.accessConfigurationId === undefined && args.newProfile === undefined);
  const title = t('Switch CloudSSO Account');
  const profile = await resolveCloudSsoProfile(ctx, node ?? (args.profileId ? { profileId: args.profileId } : undefined), title);
  const { signInUrl } = profile.sso;
  const token = await workingToken(ctx, signInUrl, profile.name);
  if (!interactive && (args.accountId === undefined || args.accessConfigurationId === undefined)) {
    throw new UserFacingError(t('Name the account and the access configuration (accountId, accessConfigurationId).'));
  }

  const portal = await ctx.cloudSso.portal(signInUrl);
  const choice = await pickAccountAndAccess(portal, token, { signInUrl, host: hostOf(signInUrl) }, args, title, profile.sso);
  const sso = definitionOf(signInUrl, choice);
  const where = `${choice.account.displayName} · ${choice.accessConfiguration.name}`;
  if (sameCloudSsoTarget(sso, profile.sso)) {
    if (interactive) {
      void vscode.window.showInformationMessage(t('Profile "{0}" already uses {1}.', profile.name, where));
    }
    await ctx.active.set(profile.id);
    return profile;
  }

  const newProfile = args.newProfile ?? (interactive ? await askNewProfile(profile, where) : false);
  if (newProfile) {
    const { profile: added, created } = await profileFor(ctx, sso, { regionId: profile.regionId, label: profile.label });
    await activateCloudSsoProfile(ctx, added, created
      ? t('Profile "{0}" ({1}) added and selected; no new sign-in was needed.', added.name, where)
      : t('Profile "{0}" ({1}) selected; no new sign-in was needed.', added.name, where), interactive);
    return added;
  }
  const existing = (await ctx.store.list()).find((p) => p.id !== profile.id && isCloudSsoProfile(p) && sameCloudSsoTarget(p.sso, sso));
  const updated = await changeProfile(ctx, profile, sso);
  await activateCloudSsoProfile(ctx, updated, existing
    ? t('Profile "{0}" now uses {1} (as does "{2}"); no new sign-in was needed.', updated.name, where, existing.name)
    : t('Profile "{0}" now uses {1}; no new sign-in was needed.', updated.name, where), interactive);
  return updated;
}
