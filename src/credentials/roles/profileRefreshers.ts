import type { Disposable } from '../../util/events';
import { RefreshingCredentials, type RefreshState, type TemporaryCredentials } from './refreshingCredentials';

interface Entry {
  readonly signature: string;
  readonly credentials: RefreshingCredentials;
  readonly subscription: Disposable;
}

/**
 * Temporary credentials kept per profile (role profiles, CloudSSO profiles), each renewed on its own
 * and replaced when what they are obtained from changes: the `signature` (the role, the account and
 * access configuration…) differs from the one they were made for.
 */
export class ProfileRefreshers implements Disposable {
  private readonly entries = new Map<string, Entry>();

  constructor(
    /** After every renewal of a profile's credentials, successful or not. */
    private readonly renewed: (profileId: string, state: RefreshState) => void,
    private readonly now?: () => number,
    /** When a profile's credentials are dropped (forgotten, or replaced for a new signature). */
    private readonly dropped?: (profileId: string) => void,
  ) {}

  /** The profile's credentials for `signature`: the ones in hand, or new ones obtained with `obtain` on first use. */
  for(profileId: string, signature: string, obtain: () => Promise<TemporaryCredentials>): RefreshingCredentials {
    const known = this.entries.get(profileId);
    if (known && known.signature === signature) {
      return known.credentials;
    }
    this.forget(profileId);
    const credentials = new RefreshingCredentials({ obtain, now: this.now });
    const subscription = credentials.onDidChange((state) => this.renewed(profileId, state));
    this.entries.set(profileId, { signature, credentials, subscription });
    return credentials;
  }

  /** What is known of a profile's credentials without obtaining any; undefined when none were asked for. */
  state(profileId: string): RefreshState | undefined {
    return this.entries.get(profileId)?.credentials.state();
  }

  /** The profiles whose credentials are held. */
  profileIds(): string[] {
    return [...this.entries.keys()];
  }

  /** Forget a profile's credentials: the next use obtains new ones. */
  forget(profileId: string): void {
    const entry = this.entries.get(profileId);
    if (entry) {
      entry.subscription.dispose();
      entry.credentials.dispose();
      this.entries.delete(profileId);
      this.dropped?.(profileId);
    }
  }

  dispose(): void {
    this.profileIds().forEach((id) => this.forget(id));
  }
}
