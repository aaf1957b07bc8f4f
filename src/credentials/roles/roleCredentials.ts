import { UserFacingError } from '../../util/errors';
import { Emitter, type Disposable } from '../../util/events';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';
import { maskAccessKeyId } from '../../util/mask';
import { isRoleProfile, type Profile } from '../profile';
import type { CredentialsFor, SessionCredentials, SessionFactory } from '../profileSessions';
import { RefreshingCredentials, type RefreshState } from './refreshingCredentials';
import { resolveChain } from './roleChain';

export interface RoleCredentialsDeps {
  readonly store: { get(id: string): Promise<Profile | undefined> };
  readonly clients: SessionFactory;
  readonly log: Log;
  readonly now?: () => number;
}

/** What the status bar and tooltip show of a role profile's temporary credentials. */
export interface RoleState extends RefreshState {
  readonly profileId: string;
  /** The assumed identity, `acs:ram::<id>:assumed-role/<Role>/<session>`, once assumed. */
  readonly assumedArn?: string;
}

interface Entry {
  readonly signature: string;
  readonly credentials: RefreshingCredentials;
  assumedArn?: string;
  readonly subscription: Disposable;
}

/**
 * The credentials of every profile: stored ones as they are, and for a role profile temporary ones
 * from STS AssumeRole, asked with its source profile's credentials (a chain asks link by link),
 * kept per profile and renewed before they expire. Its `credentialsFor` is what ProfileSessions
 * signs with, so a role profile works wherever a profile does.
 */
export class RoleCredentials implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new Emitter<RoleState>();
  /** After every renewal of a role profile's credentials, successful or not. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: RoleCredentialsDeps, private readonly stored: CredentialsFor) {}

  readonly credentialsFor: CredentialsFor = async (profile) => {
    if (!isRoleProfile(profile)) {
      return this.stored(profile);
    }
    const credentials = await this.entry(profile).credentials.get();
    return { ...credentials } satisfies SessionCredentials;
  };

  /** What is known of a role profile's credentials without asking STS. */
  state(profileId: string): RoleState | undefined {
    const entry = this.entries.get(profileId);
    return entry ? { profileId, assumedArn: entry.assumedArn, ...entry.credentials.state() } : undefined;
  }

  /** Forget a profile's temporary credentials: the next use assumes the role again. */
  forget(profileId: string): void {
    const entry = this.entries.get(profileId);
    if (entry) {
      entry.subscription.dispose();
      entry.credentials.dispose();
      this.entries.delete(profileId);
    }
  }

  private entry(profile: Profile & { role: NonNullable<Profile['role']> }): Entry {
    const signature = `${JSON.stringify(profile.role)}|${profile.regionId}`;
    const known = this.entries.get(profile.id);
    if (known && known.signature === signature) {
      return known;
    }
    this.forget(profile.id);
    const credentials = new RefreshingCredentials({ obtain: () => this.assume(profile.id), now: this.deps.now });
    const entry: Entry = {
      signature,
      credentials,
      subscription: credentials.onDidChange((state) => this.changed.fire({ profileId: profile.id, assumedArn: entry.assumedArn, ...state })),
    };
    this.entries.set(profile.id, entry);
    return entry;
  }

  /** AssumeRole with the source's credentials, read afresh each time (the source may have been rotated). */
  private async assume(profileId: string) {
    const profile = await this.deps.store.get(profileId);
    if (!profile || !isRoleProfile(profile)) {
      throw new UserFacingError(t('There is no role profile with the id {0}.', profileId));
    }
    const [source] = await resolveChain(profile, (id) => this.deps.store.get(id));
    const sourceCredentials = await this.credentialsFor(source);
    const session = this.deps.clients.session(sourceCredentials, profile.regionId);
    const { roleArn, sessionName, durationSeconds, externalId, policy } = profile.role;
    const assumed = await session.roles.assumeRole({ roleArn, roleSessionName: sessionName, durationSeconds, externalId, policy });
    const entry = this.entries.get(profileId);
    if (entry) {
      entry.assumedArn = assumed.arn;
    }
    this.deps.log.info(`[roles] "${profile.name}" assumed ${roleArn.split('/').pop()} as ${maskAccessKeyId(assumed.accessKeyId)} until ${assumed.expiration}`);
    return { accessKeyId: assumed.accessKeyId, accessKeySecret: assumed.accessKeySecret, securityToken: assumed.securityToken, expiration: assumed.expiration };
  }

  dispose(): void {
    [...this.entries.keys()].forEach((id) => this.forget(id));
    this.changed.dispose();
  }
}
