import type { CloudSsoPortal, CloudSsoPortalOptions } from '../../aliyun/cloudSsoPortal';
import type { Disposable } from '../../util/events';
import type { Log } from '../../util/log';
import type { StateStore } from '../activeProfile';
import { isCloudSsoProfile } from '../profile';
import type { ActiveProfileSource, CredentialsFor } from '../profileSessions';
import type { SecretStore } from '../profileStorage';
import { CloudSsoCredentials } from './cloudSsoCredentials';
import { CloudSsoSignIns } from './signIns';

/** Everything CloudSSO that the kernel builds and commands use. */
export interface CloudSsoServices {
  readonly signIns: CloudSsoSignIns;
  readonly credentials: CloudSsoCredentials;
  /** The portal client of a directory, with the current settings (client id, plain-http permission). */
  portal(signInUrl: string): CloudSsoPortal;
}

/** The settings a portal client is made with, read when one is made. */
export type CloudSsoSettings = Pick<CloudSsoPortalOptions, 'clientId' | 'allowInsecure' | 'timeoutMs'>;

export interface CloudSsoServicesDeps {
  readonly secrets: SecretStore;
  /** Remembers the sign-in URLs used (nothing secret). */
  readonly globalState: StateStore;
  readonly log: Log;
  readonly settings: () => CloudSsoSettings;
  /** The credentials of every other kind of profile. */
  readonly next: CredentialsFor;
  readonly now?: () => number;
}

/** Builds the CloudSSO services; the portal client's module loads only when a portal is first needed. */
export function createCloudSsoServices(deps: CloudSsoServicesDeps): CloudSsoServices & Disposable {
  const signIns = new CloudSsoSignIns(deps.secrets, deps.globalState, deps.log, { now: deps.now });
  const portal = (signInUrl: string): CloudSsoPortal => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('../../aliyun/cloudSsoPortal') as typeof import('../../aliyun/cloudSsoPortal');
    return new module.CloudSsoPortal(signInUrl, { ...deps.settings(), now: deps.now });
  };
  const credentials = new CloudSsoCredentials({ signIns, portal, log: deps.log, now: deps.now }, deps.next);
  return {
    signIns, credentials, portal,
    dispose: () => {
      credentials.dispose();
      signIns.dispose();
    },
  };
}

/**
 * Calls `renew` when the directory sign-in of the active CloudSSO profile begins or ends, in this
 * window or another, so the views stop showing "sign in again" (or stop using it) at once.
 */
export function followActiveSignIn(signIns: CloudSsoSignIns, active: ActiveProfileSource, renew: () => void): Disposable {
  return signIns.onDidChange((url) => {
    void active.current().then((profile) => {
      if (profile && isCloudSsoProfile(profile) && profile.sso.signInUrl.trim() === url) {
        renew();
      }
    }, () => undefined);
  });
}
