import { AliyunError } from '../../aliyun/errors';
import type { RamService } from '../../aliyun/ramService';
import type { AccessKeyInfo, Credentials } from '../../aliyun/types';
import { SafeError } from '../../util/errors';
import { t } from '../../util/l10n';
import { delay } from '../../util/retry';
import { DEFAULT_VERIFY_POLICY, RotationError, type RotationDeps, type RotationEntry, type VerifyPolicy } from './rotationTypes';

/** Failures that a freshly made (or re-enabled) key shows until it has reached every server. */
function propagating(error: unknown): boolean {
  return error instanceof AliyunError
    && (error.transient || error.kind === 'unknownKey' || error.kind === 'disabledKey' || error.kind === 'wrongSecret' || error.kind === 'timeout');
}

/** A failure in words safe to show: our errors' own messages, of anything else only its name. */
export function messageOf(error: unknown): string {
  return error instanceof SafeError ? error.message : t('Unexpected error: {0}', (error as Error)?.name ?? 'Error');
}

/** "RAM user alice" or "the account (root)". */
export function ownerText(userName: string | undefined): string {
  return userName ? t('RAM user {0}', userName) : t('the account (root)');
}

/** What every step of a rotation works with: the dependencies (with their defaults) and the shared moves. */
export class RotationContext {
  readonly sleep: (ms: number) => Promise<void>;
  readonly newId: () => string;
  readonly now: () => Date;

  constructor(readonly deps: RotationDeps) {
    this.sleep = deps.sleep ?? delay;
    this.newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
    this.now = deps.now ?? (() => new Date());
  }

  /** Writes the entry's next state to the journal before anything else happens. */
  async save(entry: RotationEntry, changes: Partial<RotationEntry>): Promise<RotationEntry> {
    const next: RotationEntry = { ...entry, ...changes, lastError: undefined, updatedAt: this.now().toISOString() };
    await this.deps.journal.put(next);
    return next;
  }

  /**
   * The RAM service signed by the manager profile's current key (which, when a profile manages its
   * own key, is the new key once it is stored). Without the profile, the journal's keys are used.
   */
  async ramOf(managerProfileId: string, entry: RotationEntry | undefined): Promise<RamService> {
    const { profiles, sessions, clients } = this.deps;
    const manager = (await profiles.get(managerProfileId)) ?? (entry ? await profiles.get(entry.profileId) : undefined);
    if (manager) {
      return (await sessions.forProfile(manager)).session.ram;
    }
    if (!entry) {
      throw new RotationError('noProfile', t('There is no profile with the id {0}.', managerProfileId));
    }
    const useNew = entry.step !== 'started' && entry.step !== 'created' && entry.newAccessKeyId && entry.newAccessKeySecret;
    const credentials: Credentials = useNew
      ? { accessKeyId: entry.newAccessKeyId as string, accessKeySecret: entry.newAccessKeySecret as string }
      : { accessKeyId: entry.oldAccessKeyId, accessKeySecret: entry.oldAccessKeySecret };
    return clients.session(credentials, entry.regionId).ram;
  }

  /** Keys that were not there before the create: made by this rotation, their secret never received. */
  orphansIn(entry: RotationEntry, keys: readonly AccessKeyInfo[]): string[] {
    return keys.map((k) => k.accessKeyId).filter((id) => !entry.keysBefore.includes(id) && id !== entry.oldAccessKeyId);
  }

  verifyPolicy(override: VerifyPolicy | undefined): VerifyPolicy {
    return override ?? this.deps.verify ?? DEFAULT_VERIFY_POLICY;
  }

  /** Retries an operation while the failure looks like a key still on its way to every server. */
  async whilePropagating<T>(op: () => Promise<T>, policy: VerifyPolicy, what: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (error) {
        if (!propagating(error) || attempt >= policy.attempts) {
          throw error;
        }
        const wait = Math.min(policy.maxDelayMs, policy.delayMs * 2 ** (attempt - 1));
        this.deps.log.debug(`[rotation] ${what} attempt ${attempt} failed (${error instanceof AliyunError ? error.code : 'error'}); again in ${wait} ms`);
        await this.sleep(wait);
      }
    }
  }
}
