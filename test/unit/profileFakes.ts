// A SecretStorage shared by several "windows" where every call and every change event takes
// time, as the IPC between a window and the secret service does, so that two windows' reads and
// writes interleave; and hooks to hold one window's write until a test lets it go.
import { Emitter } from '../../src/util/events';
import type { SecretStore } from '../../src/credentials/profileStorage';

export interface WindowHooks {
  /** Runs before a store lands; awaiting in it delays that write (and only that one). */
  beforeStore?(key: string, value: string): Promise<void> | void;
}

/** Deterministic pseudo-random numbers, so a failing interleaving can be replayed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export class LaggySecretBackend {
  readonly data = new Map<string, string>();
  readonly writes: Array<{ key: string; window: number }> = [];
  private readonly views: Array<Emitter<{ key: string }>> = [];

  constructor(
    private readonly random: () => number = Math.random,
    private readonly maxCallMs = 3,
    private readonly maxEventMs = 6,
  ) {}

  private lag(max: number): Promise<void> {
    const ms = Math.floor(this.random() * (max + 1));
    return new Promise((resolve) => (ms === 0 ? setImmediate(resolve) : setTimeout(resolve, ms)));
  }

  private announce(key: string): void {
    for (const view of this.views) {
      void this.lag(this.maxEventMs).then(() => view.fire({ key }));
    }
  }

  window(hooks: WindowHooks = {}): SecretStore {
    const emitter = new Emitter<{ key: string }>();
    const index = this.views.push(emitter) - 1;
    return {
      get: async (key) => {
        await this.lag(this.maxCallMs);
        return this.data.get(key);
      },
      store: async (key, value) => {
        await this.lag(this.maxCallMs);
        await hooks.beforeStore?.(key, value);
        this.data.set(key, value);
        this.writes.push({ key, window: index });
        this.announce(key);
      },
      delete: async (key) => {
        await this.lag(this.maxCallMs);
        this.data.delete(key);
        this.announce(key);
      },
      onDidChange: emitter.event,
    };
  }
}

/** A promise with its resolve function, to hold a write until the test says so. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
