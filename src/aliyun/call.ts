import { maskAccessKeyId } from '../util/mask';
import type { Log } from '../util/log';
import { READ_RETRY, type RetryPolicy, withRetry, delay } from '../util/retry';
import type { ThrottleGate } from '../util/throttle';
import { AliyunError, toAliyunError, type Product } from './errors';
import type { Credentials, Endpoint } from './types';

export interface CallerOptions {
  readonly product: Product;
  readonly endpoint: Endpoint;
  readonly credentials: Credentials;
  readonly log: Log;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Shared by every caller of the same AccessKey: a throttled answer pauses them all. */
  readonly throttle?: ThrottleGate;
}

/**
 * A read that timed out is tried once more, not twice: each attempt costs the whole timeout, and a
 * dead endpoint should be reported in about two timeouts, not three.
 */
export const TIMEOUT_ATTEMPTS = 2;

/**
 * Runs one API action: converts every failure into an AliyunError, logs it without secrets, and
 * retries idempotent reads on throttling, 5xx and dropped connections. Writes are never retried:
 * a write that may have happened must be checked by its caller, not repeated.
 */
export class ApiCaller {
  constructor(private readonly options: CallerOptions) {}

  read<T>(action: string, op: () => Promise<T>): Promise<T> {
    return this.run(action, op, this.options.retry ?? READ_RETRY);
  }

  write<T>(action: string, op: () => Promise<T>): Promise<T> {
    return this.run(action, op, { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 });
  }

  private async run<T>(action: string, op: () => Promise<T>, policy: RetryPolicy): Promise<T> {
    const { product, endpoint, credentials, log } = this.options;
    const ctx = {
      product, action, endpoint: endpoint.host, accessKeyId: credentials.accessKeyId,
      secrets: [credentials.accessKeySecret, credentials.securityToken ?? ''],
    };
    const started = Date.now();
    const key = maskAccessKeyId(credentials.accessKeyId);
    try {
      const result = await withRetry(
        async () => {
          const wait = this.options.throttle?.waitMs() ?? 0;
          if (wait > 0) {
            await (this.options.sleep ?? delay)(wait);
          }
          try {
            return await op();
          } catch (error) {
            const e = toAliyunError(error, ctx);
            if (e.kind === 'throttled') {
              this.options.throttle?.report(e.retryAfterMs);
            }
            throw e;
          }
        },
        policy,
        (error) => error instanceof AliyunError && error.transient
          ? { retry: true, afterMs: error.retryAfterMs, maxAttempts: error.kind === 'timeout' ? TIMEOUT_ATTEMPTS : undefined }
          : { retry: false },
        (error, attempt, waitMs) => log.warn(`${action} ${key} attempt ${attempt} failed (${(error as AliyunError).code}); retrying in ${Math.round(waitMs)} ms`),
        this.options.sleep ?? delay,
      );
      log.debug(`${action} ${key} ok in ${Date.now() - started} ms`);
      return result;
    } catch (error) {
      const e = error as AliyunError;
      log.warn(`${action} ${key} failed in ${Date.now() - started} ms: ${e.toLogString()}`);
      throw e;
    }
  }
}
