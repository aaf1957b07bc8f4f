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

  constructor(protected allowed: number) {}

  /** Tasks allowed in flight now. */
  get limit(): number {
    return this.allowed;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        this.running++;
        const finished = this.starting();
        task().then(resolve, reject).finally(() => {
          this.running--;
          finished();
          this.pump();
        });
      });
      this.pump();
    });
  }

  /** A task is starting; what to do when it has finished (subclasses adapt `limit` there). */
  protected starting(): () => void {
    return () => undefined;
  }

  private pump(): void {
    while (this.running < this.allowed && this.queue.length > 0) {
      this.queue.shift()!();
    }
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
export class AdaptiveLimiter extends Limiter {
  private highest: number;
  private okSinceGrowth = 0;
  private lastCutAt = -1;
  private started = 0;
  private readonly min: number;

  constructor(private readonly options: AdaptiveLimiterOptions) {
    const min = Math.max(1, options.min ?? 1);
    super(Math.max(min, Math.min(options.initial, options.max)));
    this.min = min;
    this.highest = this.allowed;
  }

  /** The most ever allowed in flight. */
  get peak(): number {
    return this.highest;
  }

  protected override starting(): () => void {
    const seq = this.started++;
    const throttledBefore = this.options.throttled();
    return () => this.settle(seq, this.options.throttled() > throttledBefore);
  }

  private settle(seq: number, throttled: boolean): void {
    if (throttled) {
      if (seq > this.lastCutAt) {
        this.allowed = Math.max(this.min, Math.floor(this.allowed / 2));
        this.lastCutAt = this.started - 1;
        this.okSinceGrowth = 0;
      }
      return;
    }
    if (++this.okSinceGrowth >= this.allowed && this.allowed < this.options.max) {
      this.allowed++;
      this.highest = Math.max(this.highest, this.allowed);
      this.okSinceGrowth = 0;
    }
  }
}
