import { SELF, userNameOf, userOwner, type KeyOwner as RamOwner } from '../../aliyun/identity';
import type { AccessKeyInfo, AccessKeyStatus, CallerIdentity } from '../../aliyun/types';
import type { CredentialTestResult, FoundOwner } from '../../credentials/credentialCheck';
import type { Profile } from '../../credentials/profile';
import { Emitter, type Disposable, type Event } from '../../util/events';
import type { Loaded, RamChange } from '../ram/ramModel';

/** The RAM data the view already loaded; nothing here asks Alibaba Cloud anything. */
export interface LoadedRamData {
  usersState(): { readonly users: ReadonlyArray<{ readonly userName: string }> };
  loadedKeys(owner: RamOwner): Loaded<AccessKeyInfo[]> | undefined;
  readonly onDidChange: Event<RamChange>;
}

/** The last test of each profile (its identity tells who a working key belongs to). */
export interface LastResults {
  get(profileId: string): CredentialTestResult | undefined;
  readonly onDidChange: Event<string>;
}

/** Who a key belongs to, as far as this window knows without asking. */
export interface OwnerInfo {
  /** A RAM user's name; absent with `self` or `root`. */
  readonly userName?: string;
  /** The identity the active profile signs in as (its own keys in the RAM view). */
  readonly self?: boolean;
  /** The account's own (root) key. */
  readonly root?: boolean;
  readonly accountId?: string;
  /** Only the RAM view's data knows it. */
  readonly status?: AccessKeyStatus;
  /** Where we learned it: the RAM view, a profile's last test, or an owner search. */
  readonly source: 'ram' | 'test' | 'search';
  /** The profile that found it (search). */
  readonly viaProfileId?: string;
  readonly viaProfileName?: string;
}

function fromIdentity(identity: CallerIdentity): OwnerInfo | undefined {
  switch (identity.identityType) {
    case 'RAMUser': {
      const userName = userNameOf(identity);
      return userName ? { userName, accountId: identity.accountId, source: 'test' } : undefined;
    }
    case 'Account':
      return { root: true, accountId: identity.accountId, source: 'test' };
    default:
      return undefined; // a role session's temporary key belongs to no user
  }
}

/**
 * Answers "whose key is this" from what is already in memory: the RAM view's loaded users and
 * keys (with their status), the last test of a profile that holds the key, and owner searches the
 * person ran. Never calls Alibaba Cloud; `onDidChange` fires when any of these changed.
 */
export class KeyOwners implements Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private loaded: Map<string, { owner: RamOwner; status: AccessKeyStatus }> | undefined;
  private readonly searched = new Map<string, FoundOwner>();
  private readonly subscriptions: Disposable[];

  constructor(private readonly ram: LoadedRamData, private readonly results: LastResults) {
    this.subscriptions = [
      ram.onDidChange((change) => {
        if (change.kind !== 'lastUsed') {
          this.loaded = undefined;
          this.changed.fire();
        }
      }),
      results.onDidChange(() => this.changed.fire()),
    ];
  }

  /** What we know of the key's owner; `holders` are the local profiles with this AccessKey ID. */
  ownerOf(accessKeyId: string, holders: readonly Profile[] = []): OwnerInfo | undefined {
    const loaded = this.loadedIndex().get(accessKeyId);
    if (loaded) {
      return loaded.owner.kind === 'user'
        ? { userName: loaded.owner.userName, status: loaded.status, source: 'ram' }
        : { self: true, status: loaded.status, source: 'ram' };
    }
    const found = this.searched.get(accessKeyId);
    if (found) {
      return {
        userName: found.userName, root: !found.userName, accountId: found.accountId, source: 'search',
        viaProfileId: found.viaProfileId, viaProfileName: found.viaProfileName,
      };
    }
    for (const profile of holders) {
      const last = this.results.get(profile.id);
      if (last?.identity && last.accessKeyId === accessKeyId) {
        const info = fromIdentity(last.identity);
        if (info) {
          return info;
        }
      }
    }
    return undefined;
  }

  /** An owner search's answer, kept for this window's life (memory only). */
  remember(accessKeyId: string, owner: FoundOwner): void {
    this.searched.set(accessKeyId, owner);
    this.changed.fire();
  }

  private loadedIndex(): Map<string, { owner: RamOwner; status: AccessKeyStatus }> {
    if (!this.loaded) {
      const index = new Map<string, { owner: RamOwner; status: AccessKeyStatus }>();
      const add = (owner: RamOwner) => {
        const keys = this.ram.loadedKeys(owner);
        if (keys?.ok) {
          for (const key of keys.value) {
            index.set(key.accessKeyId, { owner, status: key.status });
          }
        }
      };
      add(SELF);
      for (const user of this.ram.usersState().users) {
        add(userOwner(user.userName));
      }
      this.loaded = index;
    }
    return this.loaded;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
