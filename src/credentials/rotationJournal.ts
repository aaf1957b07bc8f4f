import { Emitter, type Disposable } from '../util/events';
import { t } from '../util/l10n';
import type { Log } from '../util/log';
import type { SecretStore } from './profileStore';
import { RotationError } from './rotation';

/**
 * Where a rotation stands. Each step is written before the next begins, so after a crash the
 * journal says exactly what has happened:
 * - `started`: the old secret is saved; nothing changed in the cloud (a create may have been cut off).
 * - `created`: the new key exists and its secret is saved here.
 * - `stored`: the rotated profile holds the new key.
 * - `verified`: the new key works (STS GetCallerIdentity).
 * - `repointed`: every other local profile that used the old key holds the new one.
 * The rotation ends by disabling the old key, after which the entry is removed.
 */
export type RotationStep = 'started' | 'created' | 'stored' | 'verified' | 'repointed';

export const ROTATION_STEPS: readonly RotationStep[] = ['started', 'created', 'stored', 'verified', 'repointed'];

export interface RotationEntry {
  readonly id: string;
  readonly profileId: string;
  readonly profileName: string;
  readonly regionId: string;
  /** The profile whose key signs the RAM calls (the rotated profile itself, or an administrator's). */
  readonly managerProfileId: string;
  readonly accountId: string;
  /** The RAM user who owns the key; absent for the account's own (root) key. */
  readonly userName?: string;
  readonly oldAccessKeyId: string;
  /** Secret: this entry lives only in SecretStorage. */
  readonly oldAccessKeySecret: string;
  /** The owner's keys before the create: a key outside this list was made by this rotation. */
  readonly keysBefore: readonly string[];
  /** The old key's creation date (the profile shows the key's age), restored on rollback. */
  readonly oldKeyCreatedAt?: string;
  readonly newAccessKeyId?: string;
  readonly newAccessKeySecret?: string;
  readonly newKeyCreatedAt?: string;
  readonly step: RotationStep;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** The last failure, as shown to the user (no secret in it). */
  readonly lastError?: string;
}

/** What may be shown or returned: the entry without its secrets. */
export type RotationSummary = Omit<RotationEntry, 'oldAccessKeySecret' | 'newAccessKeySecret'> & { readonly hasNewSecret: boolean };

export function summarize(entry: RotationEntry): RotationSummary {
  const rest: Record<string, unknown> = { ...entry };
  delete rest.oldAccessKeySecret;
  delete rest.newAccessKeySecret;
  return { ...(rest as Omit<RotationEntry, 'oldAccessKeySecret' | 'newAccessKeySecret'>), hasNewSecret: !!entry.newAccessKeySecret };
}

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
