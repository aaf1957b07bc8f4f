/**
 * The request log: kept for `GET /__emulator/requests` and written as one stderr line per request.
 * Key ids are masked before they get here; secrets, tokens and signatures never do.
 */
import type { Product } from './faults';

const MAX_LOG = 20_000;

export interface RequestLogEntry {
  seq: number;
  time: string;
  product: Product | null;
  action: string | null;
  /** Masked, e.g. `LTAI****0001`. */
  accessKeyId: string;
  /** `OK`, the error code, or `Fault.<type>` for reset/hang/html/malformed faults. */
  code: string;
  /** HTTP status sent; 0 when no answer was sent (reset, hang). */
  status: number;
  /** Server processing time (authentication, action, serialization), excluding injected delays. */
  durationMs: number;
  /** Id of the fault that hit this request, if any; `rate-limit` when the rate limit throttled it. */
  fault?: string;
}

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly log?: (line: string) => void) {}

  get last(): number {
    return this.seq;
  }

  record(entry: Omit<RequestLogEntry, 'seq' | 'time'>): void {
    const full: RequestLogEntry = { seq: ++this.seq, time: new Date().toISOString(), ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_LOG) {
      this.entries.splice(0, this.entries.length - MAX_LOG);
    }
    if (this.log) {
      const product = full.product ? full.product.toUpperCase() : '-';
      this.log(
        `${full.time} ${product} ${full.action ?? '-'} ${full.accessKeyId} ${full.status || '---'} ${full.code} ` +
          `${full.durationMs.toFixed(1)}ms${full.fault ? ` ${full.fault}` : ''}`,
      );
    }
  }

  since(seq: number): RequestLogEntry[] {
    return this.entries.filter((e) => e.seq > seq).map((e) => ({ ...e }));
  }
}
