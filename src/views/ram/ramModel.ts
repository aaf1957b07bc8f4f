import type { KeyOwner } from '../../aliyun/identity';
import type { AccessKeyInfo, CallerIdentity, RamUser, SecurityPractice } from '../../aliyun/types';
import type { Profile } from '../../credentials/profile';
import type { ProfileSession, SessionSource } from '../../credentials/profileSessions';
import { Limiter } from '../../util/concurrency';
import { Emitter, type Disposable } from '../../util/events';
import type { Log } from '../../util/log';
import type { LastUse } from './keyHealth';
import { KeyHolders, type KeyHolder, type ProfileSource } from './keyHolders';
import { DISPLAY_STEP, type Loaded } from './backgroundPages';
import { OwnerKeys, type KeysChange } from './ramKeys';
import { RolesBranch } from './ramRoles';
import { UserPages, type UsersState } from './ramUsers';
import type { UserMarks } from './userMarks';

export type { Loaded } from './backgroundPages';

/** What changed, so the view refreshes only that branch. */
export type RamChange =
  | { readonly kind: 'all' }
  | { readonly kind: 'users' }
  | { readonly kind: 'roles' }
  /** Who may assume this role arrived (or was forgotten for a retry). */
  | { readonly kind: 'trust'; readonly roleName: string }
  | KeysChange
  /** Many owners' keys and last uses at once (Check All AccessKeys): every user row may change. */
  | { readonly kind: 'keysOfMany' }
  | { readonly kind: 'profiles' };

/** What the last credential report said, per user name. */
export interface ReportMarks {
  readonly marks: ReadonlyMap<string, UserMarks>;
  readonly generatedTime: string;
}

export interface AccountInfo {
  readonly profile: Profile;
  readonly identity: CallerIdentity;
}

/** GetAccessKeyLastUsed calls in flight at once. */
export const LAST_USED_PARALLELISM = 4;

/** Everything loaded for one generation (one profile, one refresh); dropped whole on change. */
interface Generation {
  readonly id: number;
  /** Asked on first use, not at activation; each time, so temporary credentials are renewed under it. */
  readonly session: () => Promise<ProfileSession | undefined>;
  account?: Promise<Loaded<AccountInfo> | undefined>;
  readonly users: UserPages;
  readonly roles: RolesBranch;
  readonly keys: OwnerKeys;
  report?: ReportMarks;
  security?: Promise<Loaded<SecurityPractice> | undefined>;
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
  private readonly holders: KeyHolders;
  private readonly lastUsedLimiter = new Limiter(LAST_USED_PARALLELISM);
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly sessions: SessionSource,
    profileSource: ProfileSource,
    private readonly log: Log,
  ) {
    this.gen = this.newGeneration();
    this.holders = new KeyHolders(profileSource, () => this.changed.fire({ kind: 'profiles' }));
    this.subscriptions = [sessions.onDidChange(() => this.reset('profile changed')), this.holders];
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
    const id = this.nextId++;
    const session = () => this.sessions.active();
    return {
      id,
      session,
      users: new UserPages(session, () => this.gen.id === id, () => this.changed.fire({ kind: 'users' }), this.log),
      roles: new RolesBranch(session, () => this.gen.id === id, () => this.changed.fire({ kind: 'roles' }), (roleName) => this.changed.fire({ kind: 'trust', roleName }), this.log),
      keys: new OwnerKeys(session, () => this.gen.id === id, (change) => this.changed.fire(change), this.lastUsedLimiter, this.log),
    };
  }

  async session(): Promise<ProfileSession | undefined> {
    return this.gen.session();
  }

  /** The account of the active profile (STS GetCallerIdentity), or undefined without a profile. */
  account(): Promise<Loaded<AccountInfo> | undefined> {
    const gen = this.gen;
    gen.account ??= (async () => {
      let current: ProfileSession | undefined;
      try {
        current = await gen.session();
      } catch (error) {
        return { ok: false as const, error }; // no credentials (an ended CloudSSO sign-in, a refused role): said in the tree
      }
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
    return this.gen.users.state();
  }

  /** Starts loading every page (once per generation); resolves when the first page or an error is in. */
  loadUsers(): Promise<void> {
    return this.gen.users.load();
  }

  /** Resolves when every page is in, or loading stopped on an error. */
  async whenUsersLoaded(): Promise<UsersState> {
    await this.gen.users.whenLoaded();
    return this.usersState();
  }

  /** After a failed page: continue from the marker where it stopped. */
  retryUsers(): void {
    this.gen.users.retry();
  }

  get filter(): string {
    return this.filterText;
  }

  /** Finds users by name or display name, roles by name or description (case-insensitive); empty clears the filter. */
  setFilter(text: string | undefined): void {
    this.filterText = (text ?? '').trim();
    this.gen.users.displayLimit = DISPLAY_STEP;
    this.gen.roles.displayLimit = DISPLAY_STEP;
    this.changed.fire({ kind: 'users' });
    this.changed.fire({ kind: 'roles' });
  }

  /** The users to show: filtered, and at most the display limit of them. */
  visibleUsers(): { users: readonly RamUser[]; matching: number; total: number } {
    return this.gen.users.visible(this.filterText);
  }

  showMoreUsers(): void {
    this.gen.users.showMore();
  }

  /** This generation's roles (ListRoles in the background) and who may assume each (GetRole on demand). */
  get roles(): RolesBranch {
    return this.gen.roles;
  }

  // ---- keys --------------------------------------------------------------------------------

  /** The owner's keys, loaded once per generation. */
  keys(owner: KeyOwner): Promise<Loaded<AccessKeyInfo[]>> {
    return this.gen.keys.keys(owner);
  }

  /** The keys if they are already loaded (for badges on the user node), without loading them. */
  loadedKeys(owner: KeyOwner): Loaded<AccessKeyInfo[]> | undefined {
    return this.gen.keys.loadedKeys(owner);
  }

  /** Forget an owner's keys (after create, disable, enable, delete) and load them again. */
  invalidateKeys(owner: KeyOwner): void {
    this.gen.keys.invalidate(owner);
  }

  /** The key's last use; the first ask queues a GetAccessKeyLastUsed (bounded), later asks hit the cache. */
  lastUse(owner: KeyOwner, accessKeyId: string): LastUse {
    return this.gen.keys.lastUse(owner, accessKeyId);
  }

  /**
   * Stores keys loaded elsewhere (Check All AccessKeys) as if `keys(owner)` had loaded them; quiet,
   * the caller fires one `keysOfMany` change for a batch. Ignored for an old generation.
   */
  recordKeys(generation: number, owner: KeyOwner, loaded: Loaded<AccessKeyInfo[]>): void {
    if (generation === this.gen.id) {
      this.gen.keys.record(owner, loaded);
    }
  }

  /** Stores a last use looked up elsewhere (Check All AccessKeys); quiet, like recordKeys. */
  recordLastUse(generation: number, owner: KeyOwner, accessKeyId: string, lastUse: LastUse): void {
    if (generation === this.gen.id) {
      this.gen.keys.recordLastUse(owner, accessKeyId, lastUse);
    }
  }

  /** The last use if already looked up, without looking it up. */
  knownLastUse(owner: KeyOwner, accessKeyId: string): LastUse | undefined {
    return this.gen.keys.knownLastUse(owner, accessKeyId);
  }

  /** The account's security practice summary (IMS), asked once per generation. */
  securitySummary(): Promise<Loaded<SecurityPractice> | undefined> {
    const gen = this.gen;
    gen.security ??= (async (): Promise<Loaded<SecurityPractice> | undefined> => {
      const current = await gen.session();
      if (!current) {
        return undefined;
      }
      try {
        return { ok: true, value: await current.session.ims.getAccountSecurityPracticeReport() };
      } catch (error) {
        return { ok: false, error };
      }
    })();
    return gen.security;
  }

  retrySecurity(): void {
    this.gen.security = undefined;
    this.changed.fire({ kind: 'all' });
  }

  /** Stores what the credential report said and tells the view: every user row may change. */
  recordReport(generation: number, report: ReportMarks): void {
    if (generation === this.gen.id) {
      this.gen.report = report;
      this.changed.fire({ kind: 'keysOfMany' });
    }
  }

  /** The credential report's marks for a user, if a report was read in this generation. */
  reportMarks(userName: string): UserMarks | undefined {
    return this.gen.report?.marks.get(userName);
  }

  /** Every user's report marks (tests compare them with the per-user pass). */
  reportEntries(): Array<[string, UserMarks]> {
    return [...(this.gen.report?.marks ?? new Map<string, UserMarks>())];
  }

  /** When the report read in this generation was made. */
  get reportTime(): string | undefined {
    return this.gen.report?.generatedTime;
  }

  /** Tells the view that many owners' keys changed at once. */
  fireKeysOfMany(generation: number): void {
    if (generation === this.gen.id) {
      this.changed.fire({ kind: 'keysOfMany' });
    }
  }

  /** Local profiles that use this AccessKey ID: the ones that hold it, then role profiles through their sources. */
  profilesUsing(accessKeyId: string): Promise<Profile[]> {
    return this.holders.using(accessKeyId);
  }

  /** The same, with the chain each role profile uses the key through. */
  holdersOf(accessKeyId: string): Promise<KeyHolder[]> {
    return this.holders.holders(accessKeyId);
  }
}
