import type { CloudSession } from '../aliyun/clientFactory';
import type { Credentials } from '../aliyun/types';
import { SafeError, UserFacingError } from '../util/errors';
import { Emitter, type Disposable, type Event } from '../util/events';
import { t } from '../util/l10n';
import type { Profile, ProfileSecrets } from './profile';

/** What a profile signs with, however it was obtained. */
export interface SessionCredentials extends Credentials {
  /**
   * ISO 8601: when credentials that are obtained afresh on asking stop working; a session made
   * from them is not handed out past a few minutes before. Stored credentials leave it out (asking
   * again gives the same; an STS token profile's expiry is `Profile.expiration`).
   */
  readonly expiration?: string;
}

/**
 * Obtains a profile's credentials: the one place where a kind of profile becomes something that
 * signs. AccessKey and STS token profiles read secret storage (storedCredentials); a kind whose
 * credentials are obtained (a role assumed from a source profile) answers here with temporary
 * ones and their `expiration`, renewing them itself. Throws a SafeError when there are none.
 */
export type CredentialsFor = (profile: Profile) => Promise<SessionCredentials>;

/** The secret is not in this machine's secret storage (another machine, or a lost entry). */
export class MissingSecretError extends SafeError {
  constructor(readonly profileName: string) {
    super(t('The secret of profile "{0}" is missing from this machine\'s secret storage. Edit the profile and enter it again.', profileName));
    this.name = 'MissingSecretError';
  }
}

/** The stored AccessKey or STS token of a profile. */
export function storedCredentials(store: Pick<ProfileLookup, 'getSecrets'>): CredentialsFor {
  return async (profile) => {
    const secrets = await store.getSecrets(profile.id);
    if (!secrets) {
      throw new MissingSecretError(profile.name);
    }
    return { accessKeyId: profile.accessKeyId, accessKeySecret: secrets.accessKeySecret, securityToken: secrets.securityToken };
  };
}

/** The parts of ProfileStore the sessions read. */
export interface ProfileLookup {
  get(id: string): Promise<Profile | undefined>;
  getSecrets(id: string): Promise<ProfileSecrets | undefined>;
  readonly onDidChange: Event<void>;
}

/** The part of ActiveProfile the sessions follow. */
export interface ActiveProfileSource {
  current(): Promise<Profile | undefined>;
  readonly onDidChange: Event<Profile | undefined>;
}

/** Builds the services for one set of credentials (CloudClientFactory). */
export interface SessionFactory {
  session(credentials: Credentials, regionId: string | undefined): CloudSession;
}

export interface ProfileSession {
  readonly profile: Profile;
  readonly session: CloudSession;
}

export interface ActiveSession extends ProfileSession {
  /** Changes whenever the active profile, its key, secret or region changes: caches keyed by it never go stale. */
  readonly generation: number;
}

/** What the views need: the active profile's session, and word when it becomes another. Tests hand in a fake. */
export interface SessionSource {
  active(): Promise<ActiveSession | undefined>;
  readonly onDidChange: Event<unknown>;
}

/** Temporary credentials are obtained again when this little of their life is left. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

/**
 * Where a profile becomes a signed session, for everyone: commands (a named profile), the views
 * (the active profile, cached, with `onDidChange` when the active profile switches or its key,
 * secret or region is edited in any window), the rotation and the key age. Credentials come from
 * `credentialsFor`; a session made from temporary ones is not handed out past their renewal time,
 * so the next ask obtains fresh ones (same generation: the views keep what they loaded).
 */
export class ProfileSessions implements SessionSource, Disposable {
  private readonly changed = new Emitter<Profile | undefined>();
  readonly onDidChange = this.changed.event;
  private cached: { session: Promise<ActiveSession | undefined>; renewAt?: number } | undefined;
  private generation = 0;
  private signature: string | undefined;
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly store: ProfileLookup,
    private readonly activeProfile: ActiveProfileSource,
    private readonly clients: SessionFactory,
    private readonly credentialsFor: CredentialsFor = storedCredentials(store),
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions = [
      activeProfile.onDidChange(() => void this.check(true)),
      store.onDidChange(() => void this.check(false)),
    ];
  }

  /** The credentials a profile signs with (the rotation journals the old secret from here). */
  credentials(profile: Profile): Promise<SessionCredentials> {
    return this.credentialsFor(profile);
  }

  /** A session signed with credentials obtained elsewhere (a role's, during its test), not tied to a profile. */
  withCredentials(credentials: Credentials, regionId: string | undefined): CloudSession {
    return this.clients.session(credentials, regionId);
  }

  /** A session of the profile (by id or as read); throws a SafeError when it is gone or has no credentials. */
  async forProfile(target: string | Profile): Promise<ProfileSession> {
    const profile = typeof target === 'string' ? await this.store.get(target) : target;
    if (!profile) {
      throw new UserFacingError(t('There is no profile with the id {0}.', String(target)));
    }
    const credentials = await this.credentialsFor(profile);
    return { profile, session: this.clients.session(credentials, profile.regionId) };
  }

  /** The named profile's session, or without a name the active one's; throws a SafeError when there is none. */
  async forProfileOrActive(profileId: string | undefined): Promise<ProfileSession> {
    if (profileId) {
      return this.forProfile(profileId);
    }
    const current = await this.active();
    if (!current) {
      throw new UserFacingError(t('There is no active profile (or its secret is missing). Add or select a profile first.'));
    }
    return current;
  }

  /** The active profile's session, or undefined when there is no profile (or its secret is missing). */
  active(): Promise<ActiveSession | undefined> {
    if (!this.cached || (this.cached.renewAt !== undefined && this.now() >= this.cached.renewAt)) {
      const entry: { session: Promise<ActiveSession | undefined>; renewAt?: number } = { session: Promise.resolve(undefined) };
      entry.session = this.build((renewAt) => {
        entry.renewAt = renewAt;
      });
      // A failure (a role that may not be assumed, an ended sign-in) is not kept: Retry asks again.
      entry.session.catch(() => {
        if (this.cached === entry) {
          this.cached = undefined;
        }
      });
      this.cached = entry;
    }
    return this.cached.session;
  }

  /** Forget the session (the settings that shape sessions changed). */
  invalidate(): void {
    this.cached = undefined;
    this.generation++;
    void this.activeProfile.current().then((p) => this.changed.fire(p));
  }

  private async build(expires: (at: number) => void): Promise<ActiveSession | undefined> {
    const profile = await this.activeProfile.current();
    if (!profile) {
      return undefined;
    }
    this.signature = this.signatureOf(profile, await this.store.getSecrets(profile.id));
    let credentials: SessionCredentials;
    try {
      credentials = await this.credentialsFor(profile);
    } catch (error) {
      if (error instanceof MissingSecretError) {
        return undefined;
      }
      throw error;
    }
    const expiresAt = credentials.expiration ? Date.parse(credentials.expiration) : NaN;
    if (!Number.isNaN(expiresAt)) {
      // Short-lived credentials (minutes, in tests) are renewed at half their remaining life at the latest.
      expires(expiresAt - Math.min(RENEW_BEFORE_MS, Math.max(0, expiresAt - this.now()) / 2));
    }
    return { profile, session: this.clients.session(credentials, profile.regionId), generation: this.generation };
  }

  /** What the active session depends on: the profile's key and region, and its stored secret (compared, never kept). */
  private signatureOf(profile: Profile, secrets: ProfileSecrets | undefined): string | undefined {
    if (!secrets) {
      return undefined;
    }
    const material = secrets.accessKeySecret + (secrets.securityToken ?? '');
    return `${profile.id}|${profile.accessKeyId}|${profile.regionId}|${JSON.stringify(profile.role ?? null)}|${JSON.stringify(profile.sso ?? null)}|${material.length}:${hash(material)}`;
  }

  private async check(forced: boolean): Promise<void> {
    const profile = await this.activeProfile.current();
    const next = profile ? this.signatureOf(profile, await this.store.getSecrets(profile.id)) : undefined;
    if (forced || next !== this.signature) {
      this.signature = next;
      this.cached = undefined;
      this.generation++;
      this.changed.fire(profile);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

/** A short non-cryptographic fingerprint (FNV-1a), enough to notice that a secret changed. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
