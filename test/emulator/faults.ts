/**
 * Injected faults (control API `POST /__emulator/faults`).
 */
import { isRecord } from './util';

export type Product = 'ram' | 'sts' | 'slb' | 'ims';
export const PRODUCT_NAMES: readonly Product[] = ['ram', 'sts', 'slb', 'ims'];
export type FaultType = 'latency' | 'status' | 'throttle' | 'reset' | 'html' | 'hang' | 'malformed';
export const FAULT_TYPES: readonly FaultType[] = ['latency', 'status', 'throttle', 'reset', 'html', 'hang', 'malformed'];

export interface FaultSpec {
  /** Only requests for this action (e.g. `CreateAccessKey`). */
  action?: string;
  /** Only requests for this product. */
  product?: Product;
  /** Only requests signed with this AccessKey id. */
  accessKeyId?: string;
  type: FaultType;
  /** How many matching requests it hits; default 1; 0 = until cleared. */
  times?: number;
  /** Matching requests it lets through before it starts to hit (e.g. 1: page 1 passes, page 2 fails). Default 0. */
  skip?: number;
  /** `before` (default): instead of the action. `after`: the action runs, then the answer fails. */
  when?: 'before' | 'after';
  /** latency: delay (default 1000). */
  latencyMs?: number;
  /** status/html/throttle/malformed: HTTP status (defaults 500 / 502 / 400 / 200). */
  status?: number;
  /** status/throttle: error code (defaults by status / `Throttling.User`). */
  code?: string;
  message?: string;
  /** throttle: value of `x-acs-retry-after` (ms), which the SDK surfaces as `ThrottlingError.retryAfter`. Default 1000. */
  retryAfterMs?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Remaining hits; Infinity when `times` was 0. */
  remaining: number;
  hits: number;
  /** Matching requests still to let through (counts `skip` down). */
  skipping: number;
}

export class FaultSpecError extends Error {}

function optString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string' || v === '') {
    throw new FaultSpecError(`"${key}" must be a non-empty string`);
  }
  return v;
}

function optInt(o: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new FaultSpecError(`"${key}" must be an integer from ${min} to ${max}`);
  }
  return v;
}

/** Validates a fault body from the control API. */
export function parseFaultSpec(body: unknown): FaultSpec {
  if (!isRecord(body)) {
    throw new FaultSpecError('the body must be a JSON object');
  }
  const known = ['action', 'product', 'accessKeyId', 'type', 'times', 'skip', 'when', 'latencyMs', 'status', 'code', 'message', 'retryAfterMs'];
  for (const k of Object.keys(body)) {
    if (!known.includes(k)) {
      throw new FaultSpecError(`unknown field "${k}" (known: ${known.join(', ')})`);
    }
  }
  const type = body.type;
  if (typeof type !== 'string' || !FAULT_TYPES.includes(type as FaultType)) {
    throw new FaultSpecError(`"type" must be one of ${FAULT_TYPES.join(', ')}`);
  }
  const product = optString(body, 'product');
  if (product !== undefined && !PRODUCT_NAMES.includes(product as Product)) {
    throw new FaultSpecError('"product" must be "ram", "sts", "slb" or "ims"');
  }
  const when = optString(body, 'when');
  if (when !== undefined && when !== 'before' && when !== 'after') {
    throw new FaultSpecError('"when" must be "before" or "after"');
  }
  return {
    type: type as FaultType,
    action: optString(body, 'action'),
    product: product as Product | undefined,
    accessKeyId: optString(body, 'accessKeyId'),
    times: optInt(body, 'times', 0, 1_000_000),
    skip: optInt(body, 'skip', 0, 1_000_000),
    when,
    latencyMs: optInt(body, 'latencyMs', 0, 600_000),
    status: optInt(body, 'status', 200, 599),
    code: optString(body, 'code'),
    message: optString(body, 'message'),
    retryAfterMs: optInt(body, 'retryAfterMs', 0, 3_600_000),
  };
}

export class FaultBook {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const times = spec.times ?? 1;
    const fault: Fault = { ...spec, id: `fault-${this.nextId++}`, remaining: times === 0 ? Infinity : times, hits: 0, skipping: spec.skip ?? 0 };
    this.faults.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * Finds the first fault of phase `when` matching the request and consumes one hit of it. A fault
   * still skipping counts the request down and lets it go on to the next fault.
   */
  take(when: 'before' | 'after', req: { product?: Product; action?: string; accessKeyId?: string }): Fault | undefined {
    for (const f of this.faults) {
      const matches =
        (f.when ?? 'before') === when &&
        (f.product === undefined || f.product === req.product) &&
        (f.action === undefined || f.action === req.action) &&
        (f.accessKeyId === undefined || f.accessKeyId === req.accessKeyId);
      if (!matches) {
        continue;
      }
      if (f.skipping > 0) {
        f.skipping--;
        continue;
      }
      f.hits++;
      f.remaining--;
      if (f.remaining <= 0) {
        this.faults = this.faults.filter((other) => other !== f);
      }
      return { ...f };
    }
    return undefined;
  }
}
