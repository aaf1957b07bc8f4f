import { UserFacingError } from '../../util/errors';
import { Emitter, type Disposable } from '../../util/events';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';
import { maskAccessKeyId } from '../../util/mask';
import { isRoleProfile, type Profile } from '../profile';
import type { CredentialsFor, SessionCredentials, SessionFactory } from '../profileSessions';
import { ProfileRefreshers } from './profileRefreshers';
import type { RefreshState } from './refreshingCredentials';
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

/**
 * The credentials of every profile: stored ones as they are, and for a role profile temporary ones
 * from STS AssumeRole, asked with its source profile's credentials (a chain asks link by link),
 * kept per profile and renewed before they expire. Its `credentialsFor` is what ProfileSessions
 * signs with, so a role profile works wherever a profile does.
 */
export class RoleCredentials implements Disposable {
  private readonly changed = new Emitter<RoleState>();
  /** After every renewal of a role profile's credentials, successful or not. */
  readonly onDidChange = this.changed.event;
  private readonly held: ProfileRefreshers;
  /** The assumed identity of each role profile, once assumed. */
  private readonly assumedArns = new Map<string, string>();

  constructor(private readonly deps: RoleCredentialsDeps, private readonly stored: CredentialsFor) {
    this.held = new ProfileRefreshers((profileId, state) => this.changed.fire({ profileId, assumedArn: this.assumedArns.get(profileId), ...state }), deps.now, (profileId) => this.assumedArns.delete(profileId));
  }

  readonly credentialsFor: CredentialsFor = async (profile) => {
    if (!isRoleProfile(profile)) {
      return this.stored(profile);
    }
    const signature = `${JSON.stringify(profile.role)}|${profile.regionId}`;
    const credentials = await this.held.for(profile.id, signature, () => this.assume(profile.id)).get();
    return { ...credentials } satisfies SessionCredentials;
  };

  /** What is known of a role profile's credentials without asking STS. */
  state(profileId: string): RoleState | undefined {
    const state = this.held.state(profileId);
    return state ? { profileId, assumedArn: this.assumedArns.get(profileId), ...state } : undefined;
  }

  /** Forget a profile's temporary credentials: the next use assumes the role again. */
  forget(profileId: string): void {
    this.held.forget(profileId);
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
    this.assumedArns.set(profileId, assumed.arn);
    this.deps.log.info(`[roles] "${profile.name}" assumed ${roleArn.split('/').pop()} as ${maskAccessKeyId(assumed.accessKeyId)} until ${assumed.expiration}`);
    return { accessKeyId: assumed.accessKeyId, accessKeySecret: assumed.accessKeySecret, securityToken: assumed.securityToken, expiration: assumed.expiration };
  }

  dispose(): void {
    this.held.dispose();
    this.assumedArns.clear();
    this.changed.dispose();
  }
}
