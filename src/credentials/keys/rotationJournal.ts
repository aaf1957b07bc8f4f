import { Emitter, type Disposable } from '../../util/events';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';
import type { SecretStore } from '../profileStorage';
import { RotationError, ROTATION_STEPS, type RotationEntry } from './rotationTypes';

const JOURNAL_KEY = 'alibabaCloud.rotations';

function unreadable(): RotationError {
  return new RotationError('journal', t('The journal of unfinished key rotations in secret storage cannot be read. Nothing was changed, and it was left as it is; no rotation can start, finish or roll back until it can be read.'));
}

interface JournalFile {
  version: 1;
  entries: RotationEntry[];
}

/**
 * The rotation journal, in SecretStorage (it holds secrets, so never globalState): one entry per
 * unfinished rotation, rewritten at every step.
 */
export class RotationJournal implements Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly subscription: Disposable;

  constructor(private readonly secrets: SecretStore, private readonly log: Log) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === JOURNAL_KEY) {
        this.changed.fire();
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Throws a RotationError ('journal') when the journal cannot be read: nothing may be decided without it. */
  async list(): Promise<RotationEntry[]> {
    return this.read();
  }

  async get(id: string): Promise<RotationEntry | undefined> {
    return (await this.read()).find((e) => e.id === id);
  }

  /** Adds or replaces an entry. Throws when SecretStorage fails: the caller must not go on. */
  put(entry: RotationEntry): Promise<void> {
    return this.serialize(async () => {
      const entries = await this.read();
      const next = entries.some((e) => e.id === entry.id)
        ? entries.map((e) => (e.id === entry.id ? entry : e))
        : [...entries, entry];
      await this.write(next);
    });
  }

  remove(id: string): Promise<void> {
    return this.serialize(async () => {
      const entries = await this.read();
      if (entries.some((e) => e.id === id)) {
        await this.write(entries.filter((e) => e.id !== id));
      }
    });
  }

  private serialize<T>(op: () => Promise<T>): Promise<T> {
    const result = this.writes.then(op, op);
    this.writes = result.catch(() => undefined);
    return result;
  }

  /**
   * The entries, or a RotationError when the stored journal cannot be read. Never read as empty:
   * the next write would then drop every other unfinished rotation, and the old secrets with them.
   */
  private async read(): Promise<RotationEntry[]> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(JOURNAL_KEY);
    } catch (error) {
      this.log.error(`[rotation] reading the journal failed: ${(error as Error).name}`);
      throw unreadable();
    }
    if (!raw) {
      return [];
    }
    let parsed: Partial<JournalFile> | undefined;
    try {
      parsed = JSON.parse(raw) as Partial<JournalFile>;
    } catch {
      parsed = undefined;
    }
    const entries = parsed?.version === 1 && Array.isArray(parsed.entries) ? parsed.entries : undefined;
    // An entry this version does not understand is kept whole, not dropped: the journal is then unreadable.
    if (!entries || !entries.every((e) => e && typeof e.id === 'string' && ROTATION_STEPS.includes(e.step))) {
      this.log.error('[rotation] the journal in SecretStorage cannot be read; left as it is, and rotations are refused');
      throw unreadable();
    }
    return entries;
  }

  private async write(entries: RotationEntry[]): Promise<void> {
    if (entries.length === 0) {
      await this.secrets.delete(JOURNAL_KEY);
    } else {
      const file: JournalFile = { version: 1, entries };
      await this.secrets.store(JOURNAL_KEY, JSON.stringify(file));
    }
    this.changed.fire();
  }
}
