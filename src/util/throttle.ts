/** Without a hint from the service, how long every caller of one AccessKey waits after a throttle. */
export const DEFAULT_THROTTLE_PAUSE_MS = 500;
/** A longer hint than this is not followed for everyone: it would freeze every view of the key. */
export const MAX_THROTTLE_PAUSE_MS = 10_000;

/**
 * Throttling is counted per AccessKey by Alibaba Cloud, so one throttled answer slows down every
 * caller of that key, not only the one that got it: the callers wait here before each attempt.
 * Without it, N parallel callers each learn of the limit on their own and keep hitting it.
 */
export class ThrottleGate {
  private pauseUntil = 0;
  private count = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Throttled answers seen so far; an adaptive limiter compares it before and after a task. */
  get throttled(): number {
    return this.count;
  }

  /** How long to wait before the next attempt (0: go). */
  waitMs(): number {
    return Math.max(0, this.pauseUntil - this.now());
  }

  /** A throttled answer: everyone pauses for the service's hint, or a short default. */
  report(retryAfterMs?: number): void {
    this.count++;
    const pause = Math.min(MAX_THROTTLE_PAUSE_MS, retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : DEFAULT_THROTTLE_PAUSE_MS);
    this.pauseUntil = Math.max(this.pauseUntil, this.now() + pause);
  }
}
