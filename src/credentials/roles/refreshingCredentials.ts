import type { TemporaryCredentials } from '../../aliyun/types';
import { Emitter, type Disposable } from '../../util/events';

export type { TemporaryCredentials };

export interface RefreshState {
  /** When the credentials in hand stop working (ms since the epoch), if any are in hand. */
  readonly expiresAt?: number;
  /** The last renewal failed: why (safe to show). Cleared by the next success. */
  readonly lastError?: unknown;
}

export interface RefreshOptions {
  /** Obtains new credentials (AssumeRole). */
  readonly obtain: () => Promise<TemporaryCredentials>;
  readonly now?: () => number;
  /** Renew when this little is left: the larger of 5 minutes and 10 % of the lifetime, at most half of it. */
  readonly minimumLeftMs?: number;
  /** After a failed renewal, how long the credentials in hand are used before asking again. */
  readonly retryAfterMs?: number;
}

const FIVE_MINUTES = 5 * 60 * 1000;
const THIRTY_SECONDS = 30 * 1000;

/**
 * Temporary credentials obtained on first use and renewed shortly before they expire, once for all
 * callers at that moment (STS asks for a token to be reused, not fetched per request). A failed
 * renewal keeps the credentials in hand while they still work and records why; expired credentials
 * are never handed out.
 */
export class RefreshingCredentials implements Disposable {
  private current?: { credentials: TemporaryCredentials; obtainedAt: number; expiresAt: number };
  private inFlight?: Promise<TemporaryCredentials>;
  private lastError?: unknown;
  private failedAt?: number;
  private readonly changed = new Emitter<RefreshState>();
  /** Fires after every renewal, successful or not. */
  readonly onDidChange = this.changed.event;
  private readonly now: () => number;

  constructor(private readonly options: RefreshOptions) {
    this.now = options.now ?? Date.now;
  }

  state(): RefreshState {
    return { expiresAt: this.current?.expiresAt, lastError: this.lastError };
  }

  /** Credentials that work now, renewed first when they are about to expire. */
  async get(): Promise<TemporaryCredentials> {
    const now = this.now();
    const held = this.current;
    if (held && now < held.expiresAt - this.margin(held)) {
      return held.credentials;
    }
    // A renewal just failed: do not ask STS again on every call while the credentials still work.
    if (held && now < held.expiresAt && this.failedAt !== undefined && now - this.failedAt < (this.options.retryAfterMs ?? THIRTY_SECONDS)) {
      return held.credentials;
    }
    try {
      return await this.renew();
    } catch (error) {
      // Still good for a while: keep working with them; the failure is in state() and the event.
      if (held && this.now() < held.expiresAt) {
        return held.credentials;
      }
      throw error;
    }
  }

  /** Forget the credentials in hand (the source changed): the next get() obtains new ones. */
  reset(): void {
    this.current = undefined;
    this.lastError = undefined;
    this.failedAt = undefined;
  }

  private margin(held: { obtainedAt: number; expiresAt: number }): number {
    const lifetime = held.expiresAt - held.obtainedAt;
    const wanted = Math.max(this.options.minimumLeftMs ?? FIVE_MINUTES, lifetime / 10);
    return Math.min(wanted, lifetime / 2);
  }

  private renew(): Promise<TemporaryCredentials> {
    this.inFlight ??= (async () => {
      const started = this.now();
      try {
        const credentials = await this.options.obtain();
        const expiresAt = Date.parse(credentials.expiration);
        if (!Number.isFinite(expiresAt) || expiresAt <= this.now()) {
          throw new Error(`temporary credentials arrived already expired or without an expiry (${credentials.expiration})`);
        }
        this.current = { credentials, obtainedAt: started, expiresAt };
        this.lastError = undefined;
        this.failedAt = undefined;
        return credentials;
      } catch (error) {
        this.lastError = error;
        this.failedAt = this.now();
        throw error;
      } finally {
        this.inFlight = undefined;
        this.changed.fire(this.state());
      }
    })();
    return this.inFlight;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
