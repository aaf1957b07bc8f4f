/** Maps `items` with at most `limit` calls of `fn` in flight; results keep the input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Runs at most `limit` tasks at once, in the order they were queued; tasks may be queued at any time. */
export class Limiter {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        task().then(resolve, reject).finally(() => {
          this.running--;
          this.queue.shift()?.();
        });
      };
      if (this.running < this.limit) {
        start();
      } else {
        this.queue.push(start);
      }
    });
  }
}

export interface AdaptiveLimiterOptions {
  /** Tasks in flight at the start. */
  readonly initial: number;
  readonly min?: number;
  readonly max: number;
  /** How many throttled answers have been seen so far (a ThrottleGate's `throttled`). */
  readonly throttled: () => number;
}

/**
 * Runs tasks with a concurrency that adapts to throttling, like TCP's congestion window: one more
 * task in flight after each full window of answers without a throttle, half as many after a
 * throttle (once per window: throttles of tasks that started before the last cut do not cut again).
 */
export class AdaptiveLimiter {
  private current: number;
  private highest: number;
  private running = 0;
  private okSinceGrowth = 0;
  private lastCutAt = -1;
  private started = 0;
  private readonly queue: Array<() => void> = [];
  private readonly min: number;

  constructor(private readonly options: AdaptiveLimiterOptions) {
    this.min = Math.max(1, options.min ?? 1);
    this.current = Math.max(this.min, Math.min(options.initial, options.max));
    this.highest = this.current;
  }

  /** Tasks allowed in flight now. */
  get limit(): number {
    return this.current;
  }

  /** The most ever allowed in flight. */
  get peak(): number {
    return this.highest;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        const seq = this.started++;
        const throttledBefore = this.options.throttled();
        this.running++;
        task().then(resolve, reject).finally(() => {
          this.running--;
          this.settle(seq, this.options.throttled() > throttledBefore);
          this.pump();
        });
      });
      this.pump();
    });
  }

  private settle(seq: number, throttled: boolean): void {
    if (throttled) {
      if (seq > this.lastCutAt) {
        this.current = Math.max(this.min, Math.floor(this.current / 2));
        this.lastCutAt = this.started - 1;
        this.okSinceGrowth = 0;
      }
      return;
    }
    if (++this.okSinceGrowth >= this.current && this.current < this.options.max) {
      this.current++;
      this.highest = Math.max(this.highest, this.current);
      this.okSinceGrowth = 0;
    }
  }

  private pump(): void {
    while (this.running < this.current && this.queue.length > 0) {
      this.queue.shift()!();
    }
  }
}
