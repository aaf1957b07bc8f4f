/**
 * Everything an emulator keeps between requests: the cloud (rebuilt from the seed by reset), faults,
 * the rate limit, the clock offset, seen nonces, the request log and every secret ever handed out.
 */
import { FaultBook } from './faults';
import type { RateLimiter } from './rateLimit';
import { RequestLog } from './requestLog';
import type { SeedFile } from './seed';
import { EmulatorState } from './state';

const WINDOW_MS = 15 * 60 * 1000;

/** Signature nonces, one use per AccessKey while a timestamp carrying them could still be accepted. */
export class NonceBook {
  private readonly seen = new Map<string, number>();

  /** False when the nonce was used already. */
  use(accessKeyId: string, nonce: string): boolean {
    const key = `${accessKeyId}\n${nonce}`;
    const t = Date.now();
    const until = this.seen.get(key);
    if (until !== undefined && until > t) {
      return false;
    }
    if (this.seen.size > 50_000) {
      for (const [k, v] of this.seen) {
        if (v <= t) {
          this.seen.delete(k);
        }
      }
    }
    // Kept for two windows: a timestamp may be up to 15 minutes in the future.
    this.seen.set(key, t + 2 * WINDOW_MS);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}

export class Runtime {
  state: EmulatorState;
  readonly faults = new FaultBook();
  limiter: RateLimiter | undefined;
  clockOffset = 0;
  readonly nonces = new NonceBook();
  readonly requests: RequestLog;
  /** Shared by every state (reset too), so secrets of deleted keys and of earlier states stay listed. */
  readonly secrets = new Set<string>();

  constructor(
    private readonly seed: SeedFile,
    private readonly loadedAtMs: number,
    log?: (line: string) => void,
  ) {
    this.state = new EmulatorState(seed, loadedAtMs, this.secrets);
    this.requests = new RequestLog(log);
  }

  /** Server time in ms: wall clock + offset. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  reset(): void {
    this.state = new EmulatorState(this.seed, this.loadedAtMs, this.secrets);
    this.faults.clear();
    this.clockOffset = 0;
    this.nonces.clear();
    this.limiter = undefined;
  }
}

export const TIMESTAMP_WINDOW_MS = WINDOW_MS;
