import type { CloudSession } from '../../aliyun/clientFactory';
import { LIST_USERS_MAX_ITEMS } from '../../aliyun/ramService';
import type { AccessKeyInfo, CallerIdentity, RamUser } from '../../aliyun/types';
import type { Profile } from '../../credentials/profile';
import { Limiter } from '../../util/concurrency';
import { Emitter, type Disposable, type Event } from '../../util/events';
import type { Log } from '../../util/log';
import { maskAccessKeyId } from '../../util/mask';
import type { LastUse } from './keyHealth';

/** The part of ActiveSession the model needs; unit tests hand in a fake. */
export interface SessionSource {
  current(): Promise<{ readonly profile: Profile; readonly session: CloudSession } | undefined>;
  readonly onDidChange: Event<unknown>;
}

/** The part of ProfileStore the model needs ("used by profile X"). */
export interface ProfileSource {
  list(): Promise<Profile[]>;
  readonly onDidChange: Event<void>;
}

/** Whose keys: a named RAM user, or the caller itself (ListAccessKeys without UserName). */
export type KeyOwner = { readonly kind: 'user'; readonly userName: string } | { readonly kind: 'self' };

export const SELF: KeyOwner = { kind: 'self' };

export function userOwner(userName: string): KeyOwner {
  return { kind: 'user', userName };
}

/** The API's UserName for an owner: none for the caller's own keys. */
export function apiUserName(owner: KeyOwner): string | undefined {
  return owner.kind === 'user' ? owner.userName : undefined;
}

export function ownerKey(owner: KeyOwner): string {
  return owner.kind === 'self' ? 'self' : `user:${owner.userName}`;
}

/** Where a key's last use is kept: under its owner, so forgetting an owner's keys forgets these too. */
function lastUseKey(owner: KeyOwner, accessKeyId: string): string {
  return `${ownerKey(owner)}|${accessKeyId}`;
}

/** What changed, so the view refreshes only that branch. */
export type RamChange =
  | { readonly kind: 'all' }
  | { readonly kind: 'users' }
  | { readonly kind: 'keys'; readonly owner: KeyOwner }
  | { readonly kind: 'lastUsed'; readonly owner: KeyOwner; readonly accessKeyId: string }
  /** Many owners' keys and last uses at once (Check All AccessKeys): every user row may change. */
  | { readonly kind: 'keysOfMany' }
  | { readonly kind: 'profiles' };

export interface UsersState {
  /** Users loaded so far, in the order ListUsers returns them. */
  readonly users: readonly RamUser[];
  readonly loading: boolean;
  /** Every page is in. */
  readonly done: boolean;
  /** The last page request failed; Retry continues from where it stopped. */
  readonly error?: unknown;
}

export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface AccountInfo {
  readonly profile: Profile;
  readonly identity: CallerIdentity;
}

/** Users shown at once; "Show more" adds as many again. */
export const USERS_DISPLAY_STEP = 1000;
/** GetAccessKeyLastUsed calls in flight at once. */
export const LAST_USED_PARALLELISM = 4;

/** Everything loaded for one generation (one profile, one refresh); dropped whole on change. */
interface Generation {
  readonly id: number;
  /** Asked on first use, not at activation. */
  readonly session: () => Promise<{ readonly profile: Profile; readonly session: CloudSession } | undefined>;
  account?: Promise<Loaded<AccountInfo> | undefined>;
  users: { list: RamUser[]; marker?: string; started: boolean; loading: boolean; done: boolean; error?: unknown; firstPage?: Promise<void>; finished?: Promise<void> };
  readonly keys: Map<string, Promise<Loaded<AccessKeyInfo[]>>>;
  readonly keysLoaded: Map<string, Loaded<AccessKeyInfo[]>>;
  readonly lastUse: Map<string, LastUse>;
  displayLimit: number;
}

/**
 * The RAM explorer's data for the active profile: the account (STS), its users (every ListUsers
 * page, loaded in the background), each owner's keys and each key's last use (lazily, bounded).
 * Every answer belongs to a generation; a profile switch or refresh starts a new one, and answers
 * that arrive for an old one are dropped, so the view never shows another account's data.
 */
export class RamExplorerModel implements Disposable {
  private readonly changed = new Emitter<RamChange>();
  readonly onDidChange = this.changed.event;
  private gen: Generation;
  private nextId = 1;
  private filterText = '';
  private profiles: Profile[] = [];
  private profilesLoaded: Promise<void> | undefined;
  private readonly lastUsedLimiter = new Limiter(LAST_USED_PARALLELISM);
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly sessions: SessionSource,
    private readonly profileSource: ProfileSource,
    private readonly log: Log,
  ) {
    this.gen = this.newGeneration();
    this.subscriptions = [
      sessions.onDidChange(() => this.reset('profile changed')),
      profileSource.onDidChange(() => {
        this.profilesLoaded = undefined;
        void this.loadProfiles().then(() => this.changed.fire({ kind: 'profiles' }));
      }),
    ];
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }

  /** The current generation's number: answers for an older one are ignored. */
  get generation(): number {
    return this.gen.id;
  }

  isCurrent(generation: number): boolean {
    return generation === this.gen.id;
  }

  /** Drops everything and starts over (Refresh, profile switch, key or secret edits). */
  reset(reason: string): void {
    this.gen = this.newGeneration();
    this.log.debug(`[ram] reset (${reason}); generation ${this.gen.id}`);
    this.changed.fire({ kind: 'all' });
  }

  private newGeneration(): Generation {
    let session: Promise<{ readonly profile: Profile; readonly session: CloudSession } | undefined> | undefined;
    return {
      id: this.nextId++,
      session: () => (session ??= this.sessions.current()),
      users: { list: [], started: false, loading: false, done: false },
      keys: new Map(),
      keysLoaded: new Map(),
      lastUse: new Map(),
      displayLimit: USERS_DISPLAY_STEP,
    };
  }

  async session(): Promise<{ readonly profile: Profile; readonly session: CloudSession } | undefined> {
    return this.gen.session();
  }

  /** The account of the active profile (STS GetCallerIdentity), or undefined without a profile. */
  account(): Promise<Loaded<AccountInfo> | undefined> {
    const gen = this.gen;
    gen.account ??= (async () => {
      const current = await gen.session();
      if (!current) {
        return undefined;
      }
      try {
        const identity = await current.session.sts.getCallerIdentity();
        return { ok: true as const, value: { profile: current.profile, identity } };
      } catch (error) {
        return { ok: false as const, error };
      }
    })();
    return gen.account;
  }

  retryAccount(): void {
    this.reset('retry');
  }

  // ---- users -------------------------------------------------------------------------------

  usersState(): UsersState {
    const u = this.gen.users;
    return { users: u.list, loading: u.loading, done: u.done, error: u.error };
  }

  /** Starts loading every page (once per generation); resolves when the first page or an error is in. */
  loadUsers(): Promise<void> {
    const u = this.gen.users;
    if (!u.started) {
      this.startUserPages(this.gen);
    }
    return u.firstPage ?? Promise.resolve();
  }

  /** Resolves when every page is in, or loading stopped on an error. */
  async whenUsersLoaded(): Promise<UsersState> {
    await this.loadUsers();
    await this.gen.users.finished;
    return this.usersState();
  }

  /** After a failed page: continue from the marker where it stopped. */
  retryUsers(): void {
    const u = this.gen.users;
    if (u.loading || u.done) {
      return;
    }
    u.error = undefined;
    this.startUserPages(this.gen);
  }

  private startUserPages(gen: Generation): void {
    const u = gen.users;
    u.started = true;
    u.loading = true;
    let firstDone: () => void = () => undefined;
    u.firstPage = new Promise<void>((resolve) => (firstDone = resolve));
    u.finished = (async () => {
      const current = await gen.session();
      if (!current) {
        u.loading = false;
        firstDone();
        return;
      }
      const started = Date.now();
      try {
        do {
          const page = await current.session.ram.listUsers(u.marker, LIST_USERS_MAX_ITEMS);
          if (gen !== this.gen) {
            firstDone();
            return; // a late answer for an old generation
          }
          u.list.push(...page.users);
          u.marker = page.marker;
          u.done = !page.marker;
          u.loading = !u.done;
          firstDone();
          this.changed.fire({ kind: 'users' });
        } while (!u.done);
        this.log.info(`[ram] ${u.list.length} users loaded in ${Date.now() - started} ms`);
      } catch (error) {
        if (gen !== this.gen) {
          firstDone();
          return;
        }
        u.loading = false;
        u.error = error;
        firstDone();
        this.changed.fire({ kind: 'users' });
      }
    })();
  }

  get filter(): string {
    return this.filterText;
  }

  /** Finds users by name or display name (case-insensitive); empty clears the filter. */
  setFilter(text: string | undefined): void {
    this.filterText = (text ?? '').trim();
    this.gen.displayLimit = USERS_DISPLAY_STEP;
    this.changed.fire({ kind: 'users' });
  }

  /** The users to show: filtered, and at most the display limit of them. */
  visibleUsers(): { users: readonly RamUser[]; matching: number; total: number } {
    const all = this.gen.users.list;
    const needle = this.filterText.toLowerCase();
    const matching = needle
      ? all.filter((u) => u.userName.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle))
      : all;
    return { users: matching.slice(0, this.gen.displayLimit), matching: matching.length, total: all.length };
  }

  showMoreUsers(): void {
    this.gen.displayLimit += USERS_DISPLAY_STEP;
    this.changed.fire({ kind: 'users' });
  }

  // ---- keys --------------------------------------------------------------------------------

  /** The owner's keys, loaded once per generation. */
  keys(owner: KeyOwner): Promise<Loaded<AccessKeyInfo[]>> {
    const gen = this.gen;
    const k = ownerKey(owner);
    let pending = gen.keys.get(k);
    if (!pending) {
      pending = (async (): Promise<Loaded<AccessKeyInfo[]>> => {
        const current = await gen.session();
        if (!current) {
          return { ok: true, value: [] };
        }
        let result: Loaded<AccessKeyInfo[]>;
        try {
          const keys = await current.session.ram.listAccessKeys(apiUserName(owner));
          result = { ok: true, value: keys };
        } catch (error) {
          result = { ok: false, error };
        }
        if (gen === this.gen) {
          gen.keysLoaded.set(k, result);
          this.changed.fire({ kind: 'keys', owner });
        }
        return result;
      })();
      gen.keys.set(k, pending);
    }
    return pending;
  }

  /** The keys if they are already loaded (for badges on the user node), without loading them. */
  loadedKeys(owner: KeyOwner): Loaded<AccessKeyInfo[]> | undefined {
    return this.gen.keysLoaded.get(ownerKey(owner));
  }

  /** Forget an owner's keys (after create, disable, enable, delete) and load them again. */
  invalidateKeys(owner: KeyOwner): void {
    const k = ownerKey(owner);
    this.gen.keys.delete(k);
    this.gen.keysLoaded.delete(k);
    for (const id of [...this.gen.lastUse.keys()]) {
      if (id.startsWith(`${k}|`)) {
        this.gen.lastUse.delete(id);
      }
    }
    this.changed.fire({ kind: 'keys', owner });
  }

  /** The key's last use; the first ask queues a GetAccessKeyLastUsed (bounded), later asks hit the cache. */
  lastUse(owner: KeyOwner, accessKeyId: string): LastUse {
    const gen = this.gen;
    const id = lastUseKey(owner, accessKeyId);
    const known = gen.lastUse.get(id);
    if (known) {
      return known;
    }
    const loading: LastUse = { state: 'loading' };
    gen.lastUse.set(id, loading);
    void this.lastUsedLimiter.run(async () => {
      if (gen !== this.gen) {
        return; // queued for an old generation: skip the call
      }
      const current = await gen.session();
      let result: LastUse;
      try {
        const date = current ? await current.session.ram.getAccessKeyLastUsed(accessKeyId, apiUserName(owner)) : undefined;
        result = { state: 'known', date: date ?? null };
      } catch (error) {
        this.log.debug(`[ram] last use of ${maskAccessKeyId(accessKeyId)} unknown: ${(error as Error).message}`);
        result = { state: 'failed', message: (error as Error).message };
      }
      if (gen === this.gen) {
        gen.lastUse.set(id, result);
        this.changed.fire({ kind: 'lastUsed', owner, accessKeyId });
      }
    });
    return loading;
  }

  /**
   * Stores keys loaded elsewhere (Check All AccessKeys) as if `keys(owner)` had loaded them; quiet,
   * the caller fires one `keysOfMany` change for a batch. Ignored for an old generation.
   */
  recordKeys(generation: number, owner: KeyOwner, loaded: Loaded<AccessKeyInfo[]>): void {
    if (generation !== this.gen.id) {
      return;
    }
    const k = ownerKey(owner);
    this.gen.keys.set(k, Promise.resolve(loaded));
    this.gen.keysLoaded.set(k, loaded);
  }

  /** Stores a last use looked up elsewhere (Check All AccessKeys); quiet, like recordKeys. */
  recordLastUse(generation: number, owner: KeyOwner, accessKeyId: string, lastUse: LastUse): void {
    if (generation === this.gen.id) {
      this.gen.lastUse.set(lastUseKey(owner, accessKeyId), lastUse);
    }
  }

  /** The last use if already looked up, without looking it up. */
  knownLastUse(owner: KeyOwner, accessKeyId: string): LastUse | undefined {
    return this.gen.lastUse.get(lastUseKey(owner, accessKeyId));
  }

  /** Tells the view that many owners' keys changed at once. */
  fireKeysOfMany(generation: number): void {
    if (generation === this.gen.id) {
      this.changed.fire({ kind: 'keysOfMany' });
    }
  }

  // ---- local profiles ----------------------------------------------------------------------

  private loadProfiles(): Promise<void> {
    this.profilesLoaded ??= this.profileSource.list().then(
      (list) => {
        this.profiles = list;
      },
      () => undefined,
    );
    return this.profilesLoaded;
  }

  /** Local profiles that hold this AccessKey ID. */
  async profilesUsing(accessKeyId: string): Promise<Profile[]> {
    await this.loadProfiles();
    return this.profiles.filter((p) => p.accessKeyId === accessKeyId);
  }
}
