import type { Disposable } from './events';
import type { Log } from './log';

/** The part of `vscode.env.clipboard` used here. */
export interface ClipboardAccess {
  readText(): PromiseLike<string>;
  writeText(value: string): PromiseLike<void>;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long a copied secret may stay on the clipboard where we can take it off again. */
export const CLEAR_AFTER_MS = 60_000;

export interface SecretClipboardOptions {
  /**
   * Where VS Code runs: on the desktop the clipboard can be read without asking; in a browser,
   * reading it would prompt the person, so it is never read and the secret stays.
   */
  readonly uiKind: 'desktop' | 'web';
  readonly clearAfterMs?: number;
  readonly timers?: Timers;
  readonly log?: Log;
}

/**
 * Copies a secret to the clipboard and, on the desktop, takes it off again after a minute if it
 * is still there. Something the person copied since is left alone.
 */
export class SecretClipboard implements Disposable {
  private readonly pending = new Set<unknown>();

  constructor(private readonly clipboard: ClipboardAccess, private readonly options: SecretClipboardOptions) {}

  /** Whether a copied secret is taken off the clipboard again by itself. */
  get clearsItself(): boolean {
    return this.options.uiKind === 'desktop';
  }

  async copy(secret: string): Promise<void> {
    await this.clipboard.writeText(secret);
    if (!this.clearsItself) {
      return;
    }
    const handle = (this.options.timers ?? realTimers).set(() => {
      this.pending.delete(handle);
      void this.clearIfStill(secret);
    }, this.options.clearAfterMs ?? CLEAR_AFTER_MS);
    this.pending.add(handle);
  }

  dispose(): void {
    for (const handle of this.pending) {
      (this.options.timers ?? realTimers).clear(handle);
    }
    this.pending.clear();
  }

  private async clearIfStill(secret: string): Promise<void> {
    try {
      if ((await this.clipboard.readText()) === secret) {
        await this.clipboard.writeText('');
        this.options.log?.info('[clipboard] took the copied secret off the clipboard');
      }
    } catch (error) {
      // Only the error's name: its message could quote what the clipboard held.
      this.options.log?.warn(`[clipboard] could not check the clipboard for the copied secret: ${(error as Error).name}`);
    }
  }
}
