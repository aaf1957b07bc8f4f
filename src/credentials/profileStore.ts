import { Emitter, type Disposable } from '../util/events';
import type { Log } from '../util/log';
import { maskAccessKeyId } from '../util/mask';
import { requireRegionId, type CloudSsoDefinition, type Profile, type ProfileSecrets } from './profile';
import { EMPTY_INDEX, mergeIndex, sameIndex, versionOf, type IndexData } from './profileIndex';
import { ProfileStorage, type SecretStore } from './profileStorage';

export type NewProfile = Omit<Profile, 'id' | 'createdAt' | 'updatedAt'>;
export type ProfileChanges = Partial<Omit<Profile, 'id' | 'createdAt' | 'updatedAt'>>;

/** A CloudSSO profile to add: `source` is `cloudsso` (signed in here) or `aliyun-cli:<name>` (imported). */
export interface NewCloudSsoProfile {
  readonly name: string;
  readonly regionId: string;
  readonly label?: string;
  readonly source: string;
  readonly sso: CloudSsoDefinition;
}

export interface ProfileStoreOptions {
  readonly newId?: () => string;
  readonly now?: () => Date;
  /** How long to wait, after another window wrote, before checking that nothing we know was lost. */
  readonly repairDelayMs?: number;
  /** Write attempts when other windows keep replacing the index under us. */
  readonly attempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Profiles in SecretStorage (laid out as profileStorage.ts says). SecretStorage is shared by every window, fires
 * onDidChange in all of them, and cannot list its keys or compare-and-swap. So every write reads
 * the index, joins it with everything this window knows (profiles by id, the later edit winning,
 * removals kept as tombstones), writes, and reads back; and every window, when another one writes,
 * re-joins and writes back whatever that write lost. Two windows adding or editing at once both
 * survive, and a window that closes right after a write loses nothing either: the others learn
 * its profile from the change event of its secret entry.
 */
export class ProfileStore implements Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  /** Everything this window has seen or done; only grows (by the join), so it can repair others' writes. */
  private known: IndexData = EMPTY_INDEX;
  private loading: Promise<void> | undefined;
  private stale = true;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly subscription: Disposable;
  private readonly pendingEntries = new Set<string>();
  private repairTimer: ReturnType<typeof setTimeout> | undefined;
  private repairing: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly newId: () => string;
  private readonly now: () => Date;
  private readonly repairDelayMs: number;
  private readonly attempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private lastStamp = 0;
  private readonly storage: ProfileStorage;

  constructor(
    secrets: SecretStore,
    private readonly log: Log,
    options: ProfileStoreOptions | (() => string) = {},
  ) {
    const o: ProfileStoreOptions = typeof options === 'function' ? { newId: options } : options;
    this.newId = o.newId ?? (() => globalThis.crypto.randomUUID());
    this.now = o.now ?? (() => new Date());
    this.repairDelayMs = o.repairDelayMs ?? 300;
    this.attempts = o.attempts ?? 5;
    this.sleep = o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.storage = new ProfileStorage(secrets, log);
    this.subscription = secrets.onDidChange((e) => {
      if (this.disposed) {
        return;
      }
      const entryId = this.storage.entryIdOf(e.key);
      if (this.storage.isIndexKey(e.key)) {
        this.stale = true;
        this.changed.fire();
        this.scheduleRepair();
      } else if (entryId !== undefined) {
        this.pendingEntries.add(entryId);
        this.scheduleRepair();
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.repairTimer) {
      clearTimeout(this.repairTimer);
      this.repairTimer = undefined;
    }
    this.subscription.dispose();
    this.changed.dispose();
  }

  async list(): Promise<Profile[]> {
    await this.load();
    return [...this.known.profiles];
  }

  async get(id: string): Promise<Profile | undefined> {
    return (await this.list()).find((p) => p.id === id);
  }

  async getSecrets(id: string): Promise<ProfileSecrets | undefined> {
    const entry = await this.storage.readEntry(id);
    return entry ? { accessKeySecret: entry.accessKeySecret, securityToken: entry.securityToken || undefined } : undefined;
  }

  /** Stores the secrets first, then the index entry, so the index never names a profile without its secret. */
  add(profile: NewProfile, secrets: ProfileSecrets): Promise<Profile> {
    return this.serialize(async () => {
      const createdAt = this.stamp();
      requireRegionId(profile.regionId); // it becomes part of host names
      const created = clean({ ...profile, id: this.newId(), createdAt, updatedAt: createdAt }) as Profile;
      await this.storage.writeEntry(created, secrets);
      await this.commit(
        (d) => mergeIndex(d, { profiles: [created], removed: [] }),
        (d) => d.profiles.some((p) => p.id === created.id),
      );
      this.log.info(`[profiles] added "${created.name}" (${maskAccessKeyId(created.accessKeyId)})`);
      return created;
    });
  }

  /**
   * A CloudSSO profile: no key and nothing secret of its own (the token belongs to the directory's
   * sign-in). Its entry holds an empty secret, as a role profile's, so a lost index entry can be rebuilt.
   * Change it later with update(id, { sso, name, … }).
   */
  addCloudSso(input: NewCloudSsoProfile): Promise<Profile> {
    return this.add({ name: input.name, kind: 'CloudSSO', accessKeyId: '', regionId: input.regionId, label: input.label, source: input.source, sso: input.sso }, { accessKeySecret: '' });
  }

  /** Changes the description and, when given, replaces the secrets. An undefined member clears that field. */
  update(id: string, changes: ProfileChanges, secrets?: ProfileSecrets): Promise<Profile> {
    return this.serialize(async () => {
      await this.refresh();
      const current = this.known.profiles.find((p) => p.id === id);
      if (!current) {
        throw new Error(`No profile with id ${id}`);
      }
      const updated = clean({ ...current, ...changes, id, createdAt: current.createdAt, updatedAt: this.stamp(versionOf(current)) }) as Profile;
      requireRegionId(updated.regionId);
      const kept = secrets ?? (await this.storage.readEntry(id));
      if (kept) {
        await this.storage.writeEntry(updated, kept);
      }
      await this.commit(
        (d) => mergeIndex(d, { profiles: [updated], removed: [] }),
        (d) => d.profiles.some((p) => p.id === id && versionOf(p) >= versionOf(updated)),
      );
      this.log.info(`[profiles] updated "${updated.name}" (${maskAccessKeyId(updated.accessKeyId)})${secrets ? ', secret replaced' : ''}`);
      return this.known.profiles.find((p) => p.id === id) ?? updated;
    });
  }

  remove(id: string): Promise<void> {
    return this.serialize(async () => {
      const gone = this.known.profiles.find((p) => p.id === id);
      const removed = { id, removedAt: this.stamp() };
      await this.commit(
        (d) => mergeIndex(d, { profiles: [], removed: [removed] }),
        (d) => !d.profiles.some((p) => p.id === id),
      );
      await this.storage.deleteEntry(id);
      this.log.info(`[profiles] removed ${gone ? `"${gone.name}" (${maskAccessKeyId(gone.accessKeyId)})` : `profile ${id}`} and its secret`);
    });
  }

  /** Resolves when this window's queued writes and repairs are done (tests, shutdown). */
  async settled(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      const writes = this.writes;
      const repairing = this.repairing;
      await writes;
      await repairing;
      if (this.repairTimer) {
        await this.sleep(this.repairDelayMs * 2);
      } else if (writes === this.writes && repairing === this.repairing) {
        return;
      }
    }
  }

  /** An increasing ISO time, later than `after`: two edits in one millisecond still order. */
  private stamp(after?: string): string {
    let ms = Math.max(this.now().getTime(), this.lastStamp + 1);
    if (after) {
      ms = Math.max(ms, Date.parse(after) + 1);
    }
    this.lastStamp = ms;
    return new Date(ms).toISOString();
  }

  private serialize<T>(op: () => Promise<T>): Promise<T> {
    const result = this.writes.then(op, op);
    this.writes = result.catch(() => undefined);
    return result;
  }

  private load(): Promise<void> {
    if (!this.stale && this.loading) {
      return this.loading;
    }
    this.stale = false;
    this.loading = this.storage.readIndex().then(
      (stored) => this.learn(stored),
      (error) => this.log.error(`[profiles] reading the profile index failed: ${(error as Error).name}`),
    );
    return this.loading;
  }

  private async refresh(): Promise<void> {
    this.learn(await this.storage.readIndex());
  }

  /** Joins what was read into what we know; tells listeners when the visible list changed. */
  private learn(data: IndexData): void {
    const before = JSON.stringify(this.known.profiles);
    this.known = mergeIndex(this.known, data);
    if (JSON.stringify(this.known.profiles) !== before) {
      this.changed.fire();
    }
  }

  /**
   * Read, join, write, read back: if another window's write replaced ours in between, join again
   * and write again. What still slips through (a write that lands after our read-back) is repaired
   * when its change event arrives here.
   */
  private async commit(apply: (d: IndexData) => IndexData, holds: (d: IndexData) => boolean): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.storage.readIndex();
      const next = apply(mergeIndex(stored, this.known));
      this.learn(next);
      if (!sameIndex(next, stored)) {
        await this.storage.writeIndex(next);
      }
      const back = await this.storage.readIndex();
      this.learn(back);
      if (holds(back)) {
        return;
      }
      if (attempt >= this.attempts) {
        this.log.warn(`[profiles] another window kept replacing the profile index; it will be repaired on its next change`);
        this.scheduleRepair();
        return;
      }
      await this.sleep(5 + Math.floor(Math.random() * 20 * attempt));
    }
  }

  private scheduleRepair(): void {
    if (this.repairTimer || this.disposed) {
      return;
    }
    this.repairTimer = setTimeout(() => {
      this.repairTimer = undefined;
      this.repairing = this.serialize(() => this.repair()).catch((error) =>
        this.log.error(`[profiles] checking the profile index failed: ${(error as Error).name}`));
    }, this.repairDelayMs * (1 + Math.random()));
    (this.repairTimer as { unref?: () => void }).unref?.();
  }

  /** After another window's write: learn from changed entries, and write back what that write lost. */
  private async repair(): Promise<void> {
    if (this.disposed) {
      return;
    }
    const ids = [...this.pendingEntries];
    this.pendingEntries.clear();
    for (const id of ids) {
      if (this.known.removed.some((t) => t.id === id)) {
        continue;
      }
      const found = await this.storage.probeEntry(id);
      if (found?.gone) {
        this.learn({ profiles: [], removed: [{ id, removedAt: this.stamp() }] });
      } else if (found?.profile) {
        this.learn({ profiles: [found.profile], removed: [] });
      }
    }
    const stored = await this.storage.readIndex();
    const next = mergeIndex(stored, this.known);
    this.learn(next);
    if (!sameIndex(next, stored)) {
      await this.storage.writeIndex(next);
      const lost = next.profiles.filter((p) => !stored.profiles.some((s) => s.id === p.id)).length;
      this.log.info(`[profiles] another window's write had dropped ${lost} profile(s) or change(s); restored`);
    }
  }
}

/** Drops unset members; a role profile's empty AccessKey ID stays (it has no key of its own, and the field is always a string). */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== undefined && (v !== '' || k === 'accessKeyId'))) as T;
}
