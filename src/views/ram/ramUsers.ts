import { LIST_USERS_MAX_ITEMS } from '../../aliyun/ramService';
import type { RamUser } from '../../aliyun/types';
import type { ProfileSession } from '../../credentials/profileSessions';
import type { Log } from '../../util/log';
import { BackgroundPages, DISPLAY_STEP } from './backgroundPages';

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
export const USERS_DISPLAY_STEP = DISPLAY_STEP;

/** One generation's RAM users: every ListUsers page, loaded in the background once asked for. */
export class UserPages extends BackgroundPages<RamUser> {
  constructor(session: () => Promise<ProfileSession | undefined>, isCurrent: () => boolean, changed: () => void, log: Log) {
    super(async (current, marker) => {
      const page = await current.session.ram.listUsers(marker, LIST_USERS_MAX_ITEMS);
      return { items: page.users, marker: page.marker };
    }, session, isCurrent, changed, log, 'users');
  }

  state(): UsersState {
    return { users: this.list, loading: this.loading, done: this.done, error: this.error };
  }

  /** The users to show: those matching the filter (name or display name, case-insensitive), at most the display limit. */
  visible(filter: string): { users: readonly RamUser[]; matching: number; total: number } {
    const needle = filter.toLowerCase();
    const { items, matching, total } = this.shown(needle
      ? (u) => u.userName.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle)
      : undefined);
    return { users: items, matching, total };
  }
}
