import { LIST_USERS_MAX_ITEMS } from '../../aliyun/ramService';
import type { RamUser } from '../../aliyun/types';
import type { ProfileSession } from '../../credentials/profileSessions';
import type { Log } from '../../util/log';

export interface UsersState {
  /** Users loaded so far, in the order ListUsers returns them. */
  readonly users: readonly RamUser[];
  readonly loading: boolean;
  /** Every page is in. */
  readonly done: boolean;
  /** The last page request failed; Retry continues from where it stopped. */
  readonly error?: unknown;
}

/** Users shown at once; "Show more" adds as many again. */
export const USERS_DISPLAY_STEP = 1000;

/**
 * One generation's RAM users: every ListUsers page, loaded in the background once asked for, and
 * how many of them are shown. Answers that arrive once the generation is no longer current are
 * dropped; after a failed page, Retry continues from the marker where it stopped.
 */
export class UserPages {
  readonly list: RamUser[] = [];
  private marker: string | undefined;
  private started = false;
  private loading = false;
  private done = false;
  private error: unknown;
  private firstPage: Promise<void> | undefined;
  /** Settles when every page is in, or loading stopped on an error. */
  finished: Promise<void> | undefined;
  displayLimit = USERS_DISPLAY_STEP;

  constructor(
    private readonly session: () => Promise<ProfileSession | undefined>,
    private readonly isCurrent: () => boolean,
    private readonly changed: () => void,
    private readonly log: Log,
  ) {}

  state(): UsersState {
    return { users: this.list, loading: this.loading, done: this.done, error: this.error };
  }

  /** Starts loading every page (once); resolves when the first page or an error is in. */
  load(): Promise<void> {
    if (!this.started) {
      this.start();
    }
    return this.firstPage ?? Promise.resolve();
  }

  retry(): void {
    if (this.loading || this.done) {
      return;
    }
    this.error = undefined;
    this.start();
  }

  /** The users to show: those matching the filter (name or display name, case-insensitive), at most the display limit. */
  visible(filter: string): { users: readonly RamUser[]; matching: number; total: number } {
    const needle = filter.toLowerCase();
    const matching = needle
      ? this.list.filter((u) => u.userName.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle))
      : this.list;
    return { users: matching.slice(0, this.displayLimit), matching: matching.length, total: this.list.length };
  }

  private start(): void {
    this.started = true;
    this.loading = true;
    let firstDone: () => void = () => undefined;
    this.firstPage = new Promise<void>((resolve) => (firstDone = resolve));
    this.finished = (async () => {
      const current = await this.session();
      if (!current) {
        this.loading = false;
        firstDone();
        return;
      }
      const started = Date.now();
      try {
        do {
          const page = await current.session.ram.listUsers(this.marker, LIST_USERS_MAX_ITEMS);
          if (!this.isCurrent()) {
            firstDone();
            return; // a late answer for an old generation
          }
          this.list.push(...page.users);
          this.marker = page.marker;
          this.done = !page.marker;
          this.loading = !this.done;
          firstDone();
          this.changed();
        } while (!this.done);
        this.log.info(`[ram] ${this.list.length} users loaded in ${Date.now() - started} ms`);
      } catch (error) {
        if (!this.isCurrent()) {
          firstDone();
          return;
        }
        this.loading = false;
        this.error = error;
        firstDone();
        this.changed();
      }
    })();
  }
}
