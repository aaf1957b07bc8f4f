import { apiUserName, ownerKey, type KeyOwner } from '../../aliyun/identity';
import type { AccessKeyInfo } from '../../aliyun/types';
import type { ProfileSession } from '../../credentials/profileSessions';
import type { Limiter } from '../../util/concurrency';
import type { Log } from '../../util/log';
import { maskAccessKeyId } from '../../util/mask';
import type { Loaded } from './backgroundPages';
import type { LastUse } from './keyHealth';

/** Where a key's last use is kept: under its owner, so forgetting an owner's keys forgets these too. */
function lastUseKey(owner: KeyOwner, accessKeyId: string): string {
  return `${ownerKey(owner)}|${accessKeyId}`;
}

/** An owner's keys arrived or were forgotten, or one key's last use arrived. */
export type KeysChange =
  | { readonly kind: 'keys'; readonly owner: KeyOwner }
  | { readonly kind: 'lastUsed'; readonly owner: KeyOwner; readonly accessKeyId: string };

/**
 * One generation's AccessKeys: each owner's keys (ListAccessKeys, once) and each key's last use
 * (GetAccessKeyLastUsed, queued on the model's limiter). Answers that arrive once the generation
 * is over are dropped.
 */
export class OwnerKeys {
  private readonly pending = new Map<string, Promise<Loaded<AccessKeyInfo[]>>>();
  private readonly loaded = new Map<string, Loaded<AccessKeyInfo[]>>();
  private readonly lastUses = new Map<string, LastUse>();

  constructor(
    private readonly session: () => Promise<ProfileSession | undefined>,
    private readonly isCurrent: () => boolean,
    private readonly changed: (change: KeysChange) => void,
    private readonly limiter: Limiter,
    private readonly log: Log,
  ) {}

  /** The owner's keys, loaded once. */
  keys(owner: KeyOwner): Promise<Loaded<AccessKeyInfo[]>> {
    const k = ownerKey(owner);
    let pending = this.pending.get(k);
    if (!pending) {
      pending = (async (): Promise<Loaded<AccessKeyInfo[]>> => {
        const current = await this.session();
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
        if (this.isCurrent()) {
          this.loaded.set(k, result);
          this.changed({ kind: 'keys', owner });
        }
        return result;
      })();
      this.pending.set(k, pending);
    }
    return pending;
  }

  /** The keys if they are already loaded, without loading them. */
  loadedKeys(owner: KeyOwner): Loaded<AccessKeyInfo[]> | undefined {
    return this.loaded.get(ownerKey(owner));
  }

  /** Forgets an owner's keys and their last uses; the next ask loads them again. */
  invalidate(owner: KeyOwner): void {
    const k = ownerKey(owner);
    this.pending.delete(k);
    this.loaded.delete(k);
    for (const id of [...this.lastUses.keys()]) {
      if (id.startsWith(`${k}|`)) {
        this.lastUses.delete(id);
      }
    }
    this.changed({ kind: 'keys', owner });
  }

  /** The key's last use; the first ask queues a GetAccessKeyLastUsed, later asks hit the cache. */
  lastUse(owner: KeyOwner, accessKeyId: string): LastUse {
    const id = lastUseKey(owner, accessKeyId);
    const known = this.lastUses.get(id);
    if (known) {
      return known;
    }
    const loading: LastUse = { state: 'loading' };
    this.lastUses.set(id, loading);
    void this.limiter.run(async () => {
      if (!this.isCurrent()) {
        return; // queued for an old generation: skip the call
      }
      const current = await this.session();
      let result: LastUse;
      try {
        const date = current ? await current.session.ram.getAccessKeyLastUsed(accessKeyId, apiUserName(owner)) : undefined;
        result = { state: 'known', date: date ?? null };
      } catch (error) {
        this.log.debug(`[ram] last use of ${maskAccessKeyId(accessKeyId)} unknown: ${(error as Error).message}`);
        result = { state: 'failed', message: (error as Error).message };
      }
      if (this.isCurrent()) {
        this.lastUses.set(id, result);
        this.changed({ kind: 'lastUsed', owner, accessKeyId });
      }
    });
    return loading;
  }

  /** Keys loaded elsewhere, kept as if keys(owner) had loaded them; quiet. */
  record(owner: KeyOwner, loaded: Loaded<AccessKeyInfo[]>): void {
    const k = ownerKey(owner);
    this.pending.set(k, Promise.resolve(loaded));
    this.loaded.set(k, loaded);
  }

  /** A last use looked up elsewhere; quiet. */
  recordLastUse(owner: KeyOwner, accessKeyId: string, lastUse: LastUse): void {
    this.lastUses.set(lastUseKey(owner, accessKeyId), lastUse);
  }

  /** The last use if already looked up, without looking it up. */
  knownLastUse(owner: KeyOwner, accessKeyId: string): LastUse | undefined {
    return this.lastUses.get(lastUseKey(owner, accessKeyId));
  }
}
