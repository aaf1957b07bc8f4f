import type { CloudSsoError, CloudSsoPortal } from '../../aliyun/cloudSsoPortal';
import type { TemporaryCredentials } from '../../aliyun/types';
import { SafeError } from '../../util/errors';
import { Emitter, type Disposable, type Event } from '../../util/events';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';
import { maskAccessKeyId } from '../../util/mask';
import { isCloudSsoProfile, type CloudSsoDefinition, type Profile } from '../profile';
import type { CredentialsFor, SessionCredentials } from '../profileSessions';
import { ProfileRefreshers } from '../roles/profileRefreshers';
import type { RefreshState } from '../roles/refreshingCredentials';
import { hostOf, type CloudSsoSignIns } from './signIns';

/** The directory sign-in has ended (or never happened here): nothing was sent; the person signs in again. */
export class SignInExpiredError extends SafeError {
  constructor(readonly signInUrl: string, options: { profileName?: string; cause?: unknown } = {}) {
    super(options.profileName
      ? t('Your CloudSSO sign-in at {0} has ended, so profile "{1}" has no credentials. Sign in again (Alibaba Cloud: Sign In Again with CloudSSO).', hostOf(signInUrl), options.profileName)
      : t('Your CloudSSO sign-in at {0} has ended. Sign in again (Alibaba Cloud: Sign In Again with CloudSSO).', hostOf(signInUrl)), { cause: options.cause });
    this.name = 'SignInExpiredError';
  }
}

/** What the status bar and tooltip show of a CloudSSO profile's credentials. */
export interface CloudSsoState extends RefreshState {
  readonly profileId: string;
  /** When the directory sign-in ends (ms since the epoch), when known. */
  readonly signInEndsAt?: number;
}

export interface CloudSsoCredentialsDeps {
  readonly signIns: CloudSsoSignIns;
  /** The portal client of a directory (loaded on first use: only CloudSSO profiles need it). */
  readonly portal: (signInUrl: string) => CloudSsoPortal;
  readonly log: Log;
  readonly now?: () => number;
}

/**
 * The credentials of CloudSSO profiles: temporary ones from the directory's portal, with the access
 * token of its sign-in, kept per profile and renewed before they expire (once for every caller at
 * that moment). Without a working token nothing is sent: SignInExpiredError says to sign in again.
 * Other profiles go to `next`.
 */
export class CloudSsoCredentials implements Disposable {
  private readonly held: ProfileRefreshers;
  /** The sign-in URL each held profile's credentials come through. */
  private readonly signInUrls = new Map<string, string>();
  private readonly ends = new Map<string, number>();
  private readonly changed = new Emitter<CloudSsoState>();
  /** After every renewal of a CloudSSO profile's credentials, and when its sign-in changes. */
  readonly onDidChange: Event<CloudSsoState> = this.changed.event;
  private readonly subscription: Disposable;

  constructor(private readonly deps: CloudSsoCredentialsDeps, private readonly next: CredentialsFor) {
    this.held = new ProfileRefreshers(
      (profileId, state) => this.changed.fire({ profileId, signInEndsAt: this.endOf(profileId), ...state }),
      deps.now,
      (profileId) => this.signInUrls.delete(profileId),
    );
    this.subscription = deps.signIns.onDidChange((url) => void this.signInChanged(url));
  }

  readonly credentialsFor: CredentialsFor = async (profile) => {
    if (!isCloudSsoProfile(profile)) {
      return this.next(profile);
    }
    const { signInUrl, accountId, accessConfigurationId } = profile.sso;
    const url = signInUrl.trim();
    const refreshing = this.held.for(profile.id, JSON.stringify([url, accountId, accessConfigurationId]), () => this.obtain(profile));
    this.signInUrls.set(profile.id, url);
    const credentials = await refreshing.get();
    return { ...credentials } satisfies SessionCredentials;
  };

  /** What is known of a CloudSSO profile's credentials without asking the portal. */
  state(profileId: string): CloudSsoState | undefined {
    const state = this.held.state(profileId);
    return state ? { profileId, signInEndsAt: this.endOf(profileId), ...state } : undefined;
  }

  /** Forget a profile's temporary credentials: the next use asks the portal again. */
  forget(profileId: string): void {
    this.held.forget(profileId);
  }

  private endOf(profileId: string): number | undefined {
    const url = this.signInUrls.get(profileId);
    return url === undefined ? undefined : this.ends.get(url);
  }

  /** Temporary credentials from the portal; checks the sign-in first, so an ended token is never sent. */
  private async obtain(profile: Profile & { sso: CloudSsoDefinition }): Promise<TemporaryCredentials> {
    const { signInUrl, accountId, accessConfigurationId } = profile.sso;
    const url = signInUrl.trim();
    const { signIn, token } = await this.deps.signIns.current(url);
    this.noteEnd(url, signIn?.expiresAt);
    if (!token) {
      throw new SignInExpiredError(url, { profileName: profile.name });
    }
    let credentials: TemporaryCredentials;
    try {
      credentials = await this.deps.portal(url).cloudCredentials(token, accountId, accessConfigurationId);
    } catch (error) {
      if ((error as CloudSsoError | undefined)?.name === 'CloudSsoError' && (error as CloudSsoError).kind === 'signInExpired') {
        throw new SignInExpiredError(url, { profileName: profile.name, cause: error });
      }
      throw error;
    }
    this.deps.log.info(`[cloudsso] "${profile.name}" got credentials for account ${accountId} / ${accessConfigurationId} as ${maskAccessKeyId(credentials.accessKeyId)} until ${credentials.expiration}`);
    return credentials;
  }

  private noteEnd(url: string, expiresAt: string | undefined): void {
    const at = expiresAt ? Date.parse(expiresAt) : NaN;
    if (Number.isNaN(at)) {
      this.ends.delete(url);
    } else {
      this.ends.set(url, at);
    }
  }

  /** A sign-in ended or began: after a sign-out the credentials in hand are dropped too. */
  private async signInChanged(url: string): Promise<void> {
    const signIn = await this.deps.signIns.signIn(url);
    this.noteEnd(url, signIn?.expiresAt);
    for (const profileId of this.held.profileIds()) {
      if (this.signInUrls.get(profileId) !== url) {
        continue;
      }
      if (!signIn) {
        this.forget(profileId);
        this.changed.fire({ profileId });
      } else {
        this.changed.fire({ profileId, signInEndsAt: this.ends.get(url), ...this.held.state(profileId) });
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.held.dispose();
    this.changed.dispose();
  }
}
