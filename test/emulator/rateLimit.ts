/**
 * A request-rate limit (control API `POST /__emulator/rate-limit`): one token bucket for the whole
 * emulator (every account and key), or for one product. Over the rate the gateway answers
 * `Throttling.User` as Alibaba Cloud does, so a test can count how many requests a parallel pass
 * got throttled.
 */
import { performance } from 'perf_hooks';
import type { Product } from './faults';
import { FaultSpecError, PRODUCT_NAMES } from './faults';
import { isRecord } from './util';

export interface RateLimitSpec {
  /** Tokens added per second (may be fractional, e.g. 0.5). */
  perSecond: number;
  /** Bucket size: requests allowed at once after a quiet period. Default: `ceil(perSecond)`, at least 1. */
  burst?: number;
  /** Only requests for this product count and are limited; default every API request. */
  product?: Product;
}

export interface RateLimitStatus {
  /** `null` when no limit is set. */
  rateLimit: { perSecond: number; burst: number; product: Product | null; since: string } | null;
  /** Requests let through since the limit was set. */
  allowed: number;
  /** Requests answered `Throttling.User` since the limit was set. */
  throttled: number;
}

/** A FaultSpecError, so the control API answers it with 400 like a bad fault body. */
export class RateLimitSpecError extends FaultSpecError {}

/** Validates a rate-limit body from the control API. */
export function parseRateLimitSpec(body: unknown): RateLimitSpec {
  if (!isRecord(body)) {
    throw new RateLimitSpecError('the body must be a JSON object');
  }
  const known = ['perSecond', 'burst', 'product'];
  for (const k of Object.keys(body)) {
    if (!known.includes(k)) {
      throw new RateLimitSpecError(`unknown field "${k}" (known: ${known.join(', ')})`);
    }
  }
  const { perSecond, burst, product } = body;
  if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0 || perSecond > 1_000_000) {
    throw new RateLimitSpecError('"perSecond" must be a number greater than 0 (at most 1000000)');
  }
  if (burst !== undefined && burst !== null && (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1 || burst > 1_000_000)) {
    throw new RateLimitSpecError('"burst" must be an integer from 1 to 1000000');
  }
  if (product !== undefined && product !== null && !PRODUCT_NAMES.includes(product as Product)) {
    throw new RateLimitSpecError('"product" must be "ram", "sts", "slb" or "ims"');
  }
  return {
    perSecond,
    burst: typeof burst === 'number' ? burst : undefined,
    product: typeof product === 'string' ? (product as Product) : undefined,
  };
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number; limit: number };

/** A token bucket that starts full and refills continuously at `perSecond`. */
export class RateLimiter {
  readonly perSecond: number;
  readonly burst: number;
  readonly product: Product | undefined;
  private readonly sinceMs: number;
  private tokens: number;
  private last: number;
  private allowed = 0;
  private throttled = 0;

  constructor(spec: RateLimitSpec, private readonly clock: () => number = () => performance.now()) {
    this.perSecond = spec.perSecond;
    this.burst = spec.burst ?? Math.max(1, Math.ceil(spec.perSecond));
    this.product = spec.product;
    this.sinceMs = Date.now();
    this.tokens = this.burst;
    this.last = clock();
  }

  /** Whether this limit applies to a request for `product` (undefined: an unroutable request). */
  matches(product: Product | undefined): boolean {
    return this.product === undefined || this.product === product;
  }

  /** Takes a token, or says how long until one is there. */
  take(): RateDecision {
    const t = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.allowed++;
      return { allowed: true };
    }
    this.throttled++;
    return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)), limit: Math.ceil(this.perSecond) };
  }

  status(): RateLimitStatus {
    return {
      rateLimit: { perSecond: this.perSecond, burst: this.burst, product: this.product ?? null, since: new Date(this.sinceMs).toISOString() },
      allowed: this.allowed,
      throttled: this.throttled,
    };
  }
}

export const NO_RATE_LIMIT: RateLimitStatus = { rateLimit: null, allowed: 0, throttled: 0 };
