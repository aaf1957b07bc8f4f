import { AliyunError } from '../../aliyun/errors';
import { apiUserName, userOwner, type KeyOwner } from '../../aliyun/identity';
import type { AccessKeyInfo } from '../../aliyun/types';
import { AdaptiveLimiter } from '../../util/concurrency';
import type { Log } from '../../util/log';
import { atKeyLimit, keyHealth, type HealthSettings, type KeyWarning, type LastUse } from './keyHealth';
import type { Loaded, RamExplorerModel } from './ramModel';

/** Calls in flight at the start of a check, and at most: the limiter halves it on throttling. */
export const KEY_SCAN_PARALLELISM = { initial: 8, max: 16 } as const;
/** A call that is still throttled after its own retries goes back in the queue this often at most. */
const THROTTLED_REQUEUES = 6;
/** The view is told about new keys at most this often while the check runs. */
const VIEW_UPDATE_MS = 500;

export interface KeyScanProgress {
  readonly users: number;
  readonly usersDone: number;
  readonly keys: number;
  readonly keysDone: number;
}

export interface KeyScanResult {
  readonly users: number;
  readonly keys: number;
  /** Users whose keys could not be listed. */
  readonly usersFailed: number;
  /** Keys whose last use could not be looked up. */
  readonly lastUseUnknown: number;
  /** Users (and the caller) with two keys: the next create fails. */
  readonly atLimit: number;
  readonly warnings: Readonly<Record<KeyWarning, number>>;
  readonly cancelled: boolean;
  /** Cloud calls made, throttled answers among them, and the most calls the limiter allowed at once. */
  readonly calls: number;
  readonly throttled: number;
  readonly peakParallelism: number;
  /** The first error that stopped a user's or key's lookup, to show. */
  readonly firstError?: unknown;
}

export interface KeyScanOptions {
  readonly settings: HealthSettings;
  readonly now: Date;
  readonly log: Log;
  readonly onProgress?: (progress: KeyScanProgress) => void;
  readonly isCancelled?: () => boolean;
}

function isThrottled(error: unknown): boolean {
  return error instanceof AliyunError && error.kind === 'throttled';
}

/**
 * Check All AccessKeys: every user's keys (ListAccessKeys) and every key's last use
 * (GetAccessKeyLastUsed), with a concurrency that backs off when Alibaba Cloud throttles. What it
 * loads is stored in the model, so the RAM view shows each user's key count and warnings at once.
 */
export async function scanAllKeys(model: RamExplorerModel, options: KeyScanOptions): Promise<KeyScanResult | undefined> {
  const generation = model.generation;
  const current = await model.session();
  if (!current) {
    return undefined;
  }
  const state = await model.whenUsersLoaded();
  if (state.error !== undefined) {
    throw state.error;
  }
  const { ram, throttle } = current.session;
  const throttledAtStart = throttle.throttled;
  const limiter = new AdaptiveLimiter({ ...KEY_SCAN_PARALLELISM, throttled: () => throttle.throttled });
  const cancelled = () => options.isCancelled?.() === true || !model.isCurrent(generation);
  let calls = 0;
  let firstError: unknown;

  /** One call through the limiter; a throttled one is queued again (the gate already slowed everyone down). */
  const call = async <T>(op: () => Promise<T>): Promise<T> => {
    for (let requeue = 0; ; requeue++) {
      try {
        return await limiter.run(() => {
          calls++;
          return op();
        });
      } catch (error) {
        if (!isThrottled(error) || requeue >= THROTTLED_REQUEUES || cancelled()) {
          throw error;
        }
      }
    }
  };

  const users = state.users;
  const progress = { users: users.length, usersDone: 0, keys: 0, keysDone: 0 };
  const warnings: Record<KeyWarning, number> = { inactive: 0, old: 0, unused: 0, neverUsed: 0 };
  let usersFailed = 0;
  let lastUseUnknown = 0;
  let atLimit = 0;
  let lastViewUpdate = Date.now();
  const report = () => {
    options.onProgress?.({ ...progress });
    if (Date.now() - lastViewUpdate >= VIEW_UPDATE_MS) {
      lastViewUpdate = Date.now();
      model.fireKeysOfMany(generation);
    }
  };

  const lastUseOf = async (owner: KeyOwner, key: AccessKeyInfo): Promise<LastUse> => {
    const known = model.knownLastUse(owner, key.accessKeyId);
    if (known && known.state !== 'loading') {
      return known;
    }
    let lastUse: LastUse;
    try {
      const date = await call(() => ram.getAccessKeyLastUsed(key.accessKeyId, apiUserName(owner)));
      lastUse = { state: 'known', date: date ?? null };
    } catch (error) {
      firstError ??= error;
      lastUse = { state: 'failed', message: (error as Error).message };
    }
    model.recordLastUse(generation, owner, key.accessKeyId, lastUse);
    return lastUse;
  };

  // Users in parallel; each user's keys follow its list at once, through the same limiter.
  await Promise.all(users.map(async (user) => {
    if (cancelled()) {
      return;
    }
    const owner = userOwner(user.userName);
    let loaded = model.loadedKeys(owner);
    if (!loaded?.ok) {
      try {
        loaded = { ok: true, value: await call(() => ram.listAccessKeys(user.userName)) };
      } catch (error) {
        firstError ??= error;
        loaded = { ok: false, error } satisfies Loaded<AccessKeyInfo[]>;
      }
      model.recordKeys(generation, owner, loaded);
    }
    progress.usersDone++;
    if (!loaded.ok) {
      usersFailed++;
      report();
      return;
    }
    progress.keys += loaded.value.length;
    if (atKeyLimit(loaded.value)) {
      atLimit++;
    }
    report();
    await Promise.all(loaded.value.map(async (key) => {
      if (cancelled()) {
        return;
      }
      const lastUse = await lastUseOf(owner, key);
      if (lastUse.state === 'failed') {
        lastUseUnknown++;
      }
      for (const w of keyHealth(key, lastUse, options.settings, options.now).warnings) {
        warnings[w]++;
      }
      progress.keysDone++;
      report();
    }));
  }));

  model.fireKeysOfMany(generation);
  const result: KeyScanResult = {
    users: users.length, keys: progress.keys, usersFailed, lastUseUnknown, atLimit, warnings,
    cancelled: cancelled(), calls, throttled: throttle.throttled - throttledAtStart, peakParallelism: limiter.peak, firstError,
  };
  options.log.info(`[ram] checked ${result.keys} keys of ${result.users} users in ${calls} calls (${result.throttled} throttled, up to ${result.peakParallelism} at once)${result.cancelled ? ', cancelled' : ''}`);
  return result;
}
