import type * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CloudSsoState } from '../../credentials/cloudSso/cloudSsoCredentials';
import { hostOf } from '../../credentials/cloudSso/signIns';
import type { CloudSsoDefinition, Profile } from '../../credentials/profile';
import { describeSpan } from '../../util/span';
import { errorMessage } from '../../util/errors';
import { t } from '../../util/l10n';

/** Under this much sign-in left, the status bar turns amber and says to sign in again. */
export const SIGN_IN_ENDING_MS = 15 * 60 * 1000;

/** What a CloudSSO profile's tooltip adds: the directory sign-in and the temporary credentials in hand. */
export interface SsoTooltip {
  /** When the directory sign-in ends (ms); undefined when signed out or never signed in here. */
  readonly signInEndsAt?: number;
  readonly state?: CloudSsoState;
}

export type SignInStatus = 'signedIn' | 'ending' | 'ended';

export function signInStatus(endsAt: number | undefined, now = Date.now()): SignInStatus {
  if (endsAt === undefined || endsAt <= now) {
    return 'ended';
  }
  return endsAt - now < SIGN_IN_ENDING_MS ? 'ending' : 'signedIn';
}

/** "Account name (id)", or the id alone. */
export function describeAccount(sso: CloudSsoDefinition): string {
  return sso.accountName && sso.accountName !== sso.accountId ? `${sso.accountName} (${sso.accountId})` : sso.accountId;
}

export function describeAccessConfiguration(sso: CloudSsoDefinition): string {
  return sso.accessConfigurationName && sso.accessConfigurationName !== sso.accessConfigurationId
    ? `${sso.accessConfigurationName} (${sso.accessConfigurationId})`
    : sso.accessConfigurationId;
}

/** A command link that signs in again to this profile's directory (D's command answers it). */
export function signInAgainLink(profileId: string): string {
  return `command:${Commands.cloudSsoSignInAgain}?${encodeURIComponent(JSON.stringify([{ profileId }]))}`;
}

export function appendCloudSso(tip: vscode.MarkdownString, profile: Profile, sso: CloudSsoDefinition, extra: SsoTooltip | undefined, escape: (text: string) => string): void {
  tip.appendMarkdown(`${t('CloudSSO sign-in')}: ${escape(hostOf(sso.signInUrl))}  \n`);
  tip.appendMarkdown(`${t('Account')}: ${escape(describeAccount(sso))}  \n`);
  tip.appendMarkdown(`${t('Access configuration')}: ${escape(describeAccessConfiguration(sso))}  \n`);
  const now = Date.now();
  const endsAt = extra?.signInEndsAt;
  const status = signInStatus(endsAt, now);
  const signIn = endsAt === undefined
    ? t('signed out')
    : status === 'ended'
      ? t('ended {0} ago ({1})', describeSpan(now - endsAt), new Date(endsAt).toLocaleString())
      : t('ends in {0} ({1})', describeSpan(endsAt - now), new Date(endsAt).toLocaleString());
  tip.appendMarkdown(`${status === 'signedIn' ? '' : '$(warning) '}${t('Sign-in')}: ${escape(signIn)}  \n`);
  const expiresAt = extra?.state?.expiresAt;
  tip.appendMarkdown(`${t('Temporary credentials')}: ${escape(expiresAt ? t('renewed before they expire, next at the latest {0}', new Date(expiresAt).toLocaleTimeString()) : t('obtained on first use'))}  \n`);
  if (extra?.state?.lastError) {
    tip.appendMarkdown(`$(warning) ${escape(t('The last renewal failed: {0}', errorMessage(extra.state.lastError)))}  \n`);
  }
  if (status !== 'signedIn') {
    tip.isTrusted = { enabledCommands: [Commands.cloudSsoSignInAgain] };
    tip.appendMarkdown(`[$(sign-in) ${escape(t('Sign In Again'))}](${signInAgainLink(profile.id)})  \n`);
  }
}
