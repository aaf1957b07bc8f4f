import * as vscode from 'vscode';
import { isCloudSsoProfile, type CloudSsoDefinition, type Profile } from '../../credentials/profile';
import { SignInExpiredError } from '../../credentials/cloudSso/cloudSsoCredentials';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import type { CommandContext } from '../context';
import { profileTarget } from '../profiles/profileTarget';

export type CloudSsoProfile = Profile & { readonly sso: CloudSsoDefinition };

/**
 * The CloudSSO profile a command acts on: the node or arguments name it; else the active one when it
 * is a CloudSSO profile; else one picked (the only one without asking).
 */
export async function resolveCloudSsoProfile(ctx: CommandContext, arg: unknown, title: string): Promise<CloudSsoProfile> {
  const profiles = (await ctx.store.list()).filter(isCloudSsoProfile);
  const target = profileTarget(arg);
  if (target && (typeof target.profileId === 'string' || typeof target.name === 'string')) {
    const found = profiles.find((p) => p.id === target.profileId)
      ?? profiles.find((p) => typeof target.name === 'string' && p.name.toLowerCase() === target.name.trim().toLowerCase());
    if (!found) {
      throw new UserFacingError(t('"{0}" is not a CloudSSO profile (or it was deleted in another window).', String(target.name ?? target.profileId)));
    }
    return found;
  }
  const current = await ctx.active.current();
  if (current && isCloudSsoProfile(current)) {
    return current;
  }
  if (profiles.length === 0) {
    throw new UserFacingError(t('There is no CloudSSO profile yet. Run Sign In with CloudSSO… first.'));
  }
  if (profiles.length === 1) {
    return profiles[0];
  }
  const pick = await vscode.window.showQuickPick(
    profiles.map((p) => ({ label: p.name, description: `${p.sso.accountName ?? p.sso.accountId} · ${p.sso.accessConfigurationName ?? p.sso.accessConfigurationId}`, profile: p })),
    { title, placeHolder: t('Which CloudSSO profile?'), ignoreFocusOut: true },
  );
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.profile;
}

/** The directory's working token, or the error that offers to sign in again. */
export async function workingToken(ctx: CommandContext, signInUrl: string, profileName?: string): Promise<string> {
  const token = await ctx.cloudSso.signIns.token(signInUrl);
  if (!token) {
    throw new SignInExpiredError(signInUrl, { profileName });
  }
  return token;
}
