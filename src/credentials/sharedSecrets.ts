import * as fs from 'node:fs';
import * as path from 'node:path';
import { SafeError } from '../util/errors';
import { Emitter, type Disposable, type Event } from '../util/events';
import { t } from '../util/l10n';
import type { Log } from '../util/log';
import type { SecretStore } from './profileStorage';

/** The revision of our secrets, kept in secret storage so that it travels with each window's copy. */
export const REVISION_KEY = 'alibabaCloud.secrets.revision';
const REVISION_FILE = 'secrets-revision';
const LOCK_DIR = 'secrets.lock';
/** A lock older than this was left by a window that died while writing. */
const STALE_LOCK_MS = 10_000;
/** Desktop VS Code shares secret storage between windows, but a change reaches the others a moment later. */
const CATCH_UP_MS = 1_000;
/** At start, a revision file younger than this that our copy does not know means a write raced our start-up. */
const RECENT_WRITE_MS = 60_000;

/** Writing now would wipe what another window saved: this window must reload first. */
export class StaleSecretsError extends SafeError {
  constructor() {
    super(t('Your Alibaba Cloud profiles were changed in another VS Code window, which this window cannot see until it reloads. Nothing was changed here: reload this window (Developer: Reload Window), then try again.'));
    this.name = 'StaleSecretsError';
  }
}

export interface SharedSecretsOptions {
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How often to look at the revision file for other windows' writes; 0: never (tests). */
  readonly watchIntervalMs?: number;
}

/**
 * SecretStorage that never lets one window wipe another window's secrets.
 *
 * Desktop VS Code keeps one secret store for all windows. VS Code for the Web (code-server,
 * vscode.dev) gives each window its own copy, read once when the window opens and written back
 * whole on every change, without telling other windows: a window that writes after another
 * window wrote erases what that one saved. So every write here, under a lock shared by the
 * windows of this machine, bumps a revision kept both in secret storage and in a small file in
 * the extension's global storage (a number; nothing secret). A window whose copy is behind the
 * file after another window wrote is stale: it refuses to write, and says to reload, which
 * reads the store afresh. In desktop VS Code its copy catches up at once and nothing changes.
 */
export class SharedSecrets implements SecretStore, Disposable {
  readonly onDidChange: Event<{ readonly key: string }>;
  private readonly staleEmitter = new Emitter<void>();
  /** Fires once, when this window learns that its copy of secret storage is outdated. */
  readonly onDidBecomeStale = this.staleEmitter.event;
  private readonly file: string;
  private readonly lockDir: string;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly startedAt: number;
  /** The file's revision that this window's copy is known to include. */
  private seen: Promise<number> | undefined;
  private stale = false;
  private writes: Promise<unknown> = Promise.resolve();
  private watching = false;

  constructor(private readonly inner: SecretStore, private readonly dir: string, private readonly log: Log, options: SharedSecretsOptions = {}) {
    this.onDidChange = inner.onDidChange;
    this.file = path.join(dir, REVISION_FILE);
    this.lockDir = path.join(dir, LOCK_DIR);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.startedAt = this.now();
    const interval = options.watchIntervalMs ?? 2000;
    if (interval > 0) {
      // Polls a stat of one small file: cheap, and works where file events do not (network homes).
      fs.watchFile(this.file, { interval, persistent: false }, () => void this.check());
      this.watching = true;
    }
  }

  dispose(): void {
    if (this.watching) {
      fs.unwatchFile(this.file);
    }
    this.staleEmitter.dispose();
  }

  get isStale(): boolean {
    return this.stale;
  }

  get(key: string): PromiseLike<string | undefined> {
    return this.inner.get(key);
  }

  store(key: string, value: string): Promise<void> {
    return this.guarded(() => this.inner.store(key, value));
  }

  delete(key: string): Promise<void> {
    return this.guarded(() => this.inner.delete(key));
  }

  /** Looks for another window's write now (also done every few seconds). */
  async check(): Promise<boolean> {
    if (!this.stale) {
      await this.compare();
    }
    return this.stale;
  }

  /**
   * The file's revision, after comparing it with this window's copy: when another window wrote,
   * a copy that catches up (desktop) adopts it, one that does not (the browser) makes this window stale.
   */
  private async compare(): Promise<number> {
    const seen = await this.baseline();
    const fileRevision = await this.fileRevision();
    if (fileRevision > seen) {
      if (await this.caughtUp(fileRevision)) {
        this.seen = Promise.resolve(fileRevision);
      } else {
        this.markStale(`another window wrote revision ${fileRevision}; this window's copy has ${await this.copyRevision()}`);
      }
    }
    return fileRevision;
  }

  private guarded(op: () => PromiseLike<void>): Promise<void> {
    const run = this.writes.then(async () => {
      await this.baseline();
      if (this.stale) {
        throw new StaleSecretsError();
      }
      const release = await this.lock();
      try {
        const fileRevision = await this.compare();
        if (this.stale) {
          throw new StaleSecretsError();
        }
        await op();
        const next = fileRevision + 1;
        await this.inner.store(REVISION_KEY, String(next));
        await this.writeFileRevision(next);
        this.seen = Promise.resolve(next);
      } finally {
        await release();
      }
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** What this window's copy is taken to include, decided once at the first use. */
  private baseline(): Promise<number> {
    this.seen ??= (async () => {
      const fileRevision = await this.fileRevision();
      const copy = await this.copyRevision();
      if (copy < fileRevision) {
        const written = await this.fileTime();
        if (written !== undefined && this.startedAt - written < RECENT_WRITE_MS) {
          // Another window wrote while this one was opening: its copy may have missed it.
          this.markStale(`revision ${fileRevision} was written just before start-up; this window's copy has ${copy}`);
        } else {
          // Long ago: secret storage was cleared or replaced (a new browser profile); nothing to protect.
          this.log.info(`[secrets] secret storage is at revision ${copy}, behind ${fileRevision} from earlier: starting from there`);
        }
      }
      return fileRevision;
    })();
    return this.seen;
  }

  private async caughtUp(fileRevision: number): Promise<boolean> {
    const until = this.now() + CATCH_UP_MS;
    for (;;) {
      if ((await this.copyRevision()) >= fileRevision) {
        return true;
      }
      if (this.now() >= until) {
        return false;
      }
      await this.sleep(100);
    }
  }

  private markStale(reason: string): void {
    if (this.stale) {
      return;
    }
    this.stale = true;
    this.log.warn(`[secrets] this window's copy of secret storage is outdated (${reason}); writes are refused until it reloads`);
    this.staleEmitter.fire();
  }

  private async copyRevision(): Promise<number> {
    return toRevision(await this.inner.get(REVISION_KEY));
  }

  private async fileRevision(): Promise<number> {
    try {
      return toRevision(await fs.promises.readFile(this.file, 'utf8'));
    } catch {
      return 0;
    }
  }

  private async fileTime(): Promise<number | undefined> {
    try {
      return (await fs.promises.stat(this.file)).mtimeMs;
    } catch {
      return undefined;
    }
  }

  private async writeFileRevision(revision: number): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, `${revision}\n`);
    await fs.promises.rename(tmp, this.file);
  }

  /** A lock shared by the windows (extension hosts) of this machine: a folder only one can create. */
  private async lock(): Promise<() => Promise<void>> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    for (;;) {
      try {
        await fs.promises.mkdir(this.lockDir);
        return () => fs.promises.rm(this.lockDir, { recursive: true, force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw error;
        }
      }
      try {
        if (this.now() - (await fs.promises.stat(this.lockDir)).mtimeMs > STALE_LOCK_MS) {
          this.log.warn('[secrets] removing a lock left by a window that stopped while writing');
          await fs.promises.rm(this.lockDir, { recursive: true, force: true });
          continue;
        }
      } catch {
        continue; // released meanwhile
      }
      await this.sleep(20);
    }
  }
}

function toRevision(text: string | undefined): number {
  const n = Number((text ?? '').trim());
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
