import { AliyunError } from '../../aliyun/errors';
import type { Disposable } from '../../util/events';
import type { Log } from '../../util/log';
import { maskAccessKeyId } from '../../util/mask';
import { MissingSecretError, type ProfileSessions } from '../profileSessions';
import type { ProfileStore } from '../profileStore';
import type { TestResults } from '../testResults';

/**
 * Learns when a profile's AccessKey was created, for the key age in the status bar: after a
 * passing test of a permanent key whose age is unknown, one ListAccessKeys of the caller's own
 * keys (which needs ram:ListAccessKeys; without it the age just stays unknown). Once per key per window.
 */
export class KeyAgeTracker implements Disposable {
  private readonly tried = new Set<string>();
  private readonly subscription: Disposable;

  constructor(
    results: TestResults,
    private readonly store: ProfileStore,
    private readonly sessions: Pick<ProfileSessions, 'forProfile'>,
    private readonly log: Log,
  ) {
    this.subscription = results.onDidChange((profileId) => {
      const result = results.get(profileId);
      if (result?.ok && result.identity?.identityType !== 'AssumedRoleUser') {
        void this.lookup(profileId, result.accessKeyId);
      }
    });
  }

  async lookup(profileId: string, testedKeyId: string): Promise<string | undefined> {
    const profile = await this.store.get(profileId);
    if (!profile || profile.kind !== 'AccessKey' || profile.accessKeyId !== testedKeyId || profile.keyCreatedAt) {
      return profile?.keyCreatedAt;
    }
    const attempt = `${profile.id}|${profile.accessKeyId}`;
    if (this.tried.has(attempt)) {
      return undefined;
    }
    this.tried.add(attempt);
    try {
      const { session } = await this.sessions.forProfile(profile);
      const keys = await session.ram.listAccessKeys();
      const createDate = keys.find((k) => k.accessKeyId === profile.accessKeyId)?.createDate;
      const latest = await this.store.get(profile.id);
      if (createDate && latest?.accessKeyId === profile.accessKeyId) {
        await this.store.update(profile.id, { keyCreatedAt: createDate });
        return createDate;
      }
    } catch (error) {
      if (error instanceof MissingSecretError) {
        return undefined;
      }
      this.log.debug(`[profiles] key age of ${maskAccessKeyId(profile.accessKeyId)} unknown: ${error instanceof AliyunError ? error.code : (error as Error).name}`);
    }
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
