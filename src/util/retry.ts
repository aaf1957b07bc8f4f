export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const READ_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 400, maxDelayMs: 8000 };

export interface RetryDecision {
  readonly retry: boolean;
  /** The server's own hint (Throttling's retry-after), in milliseconds. */
  readonly afterMs?: number;
  /** Fewer attempts than the policy's for this kind of failure (e.g. a timeout: each costs the whole timeout). */
  readonly maxAttempts?: number;
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Exponential backoff with full jitter, never below the server's hint, never above the cap. */
export function backoffMs(policy: RetryPolicy, attempt: number, hintMs?: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.min(policy.maxDelayMs, Math.max(jittered, hintMs ?? 0));
}

export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  decide: (error: unknown) => RetryDecision,
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void,
  sleep: (ms: number) => Promise<void> = delay,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (error) {
      const decision = decide(error);
      if (!decision.retry || attempt >= Math.min(policy.attempts, decision.maxAttempts ?? policy.attempts)) {
        throw error;
      }
      const waitMs = backoffMs(policy, attempt, decision.afterMs);
      onRetry?.(error, attempt, waitMs);
      await sleep(waitMs);
    }
  }
}
