import { Emitter, type Disposable, type Event } from '../util/events';
import type { Log } from '../util/log';
import { maskAccessKeyId } from '../util/mask';
import type { Profile, ProfileSecrets } from './profile';

/** The part of vscode.SecretStorage we use; tests hand in an in-memory one. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: Event<{ readonly key: string }>;
}

const INDEX_KEY = 'alibabaCloud.profiles';
const SECRET_PREFIX = 'alibabaCloud.profile.';

interface IndexFile {
  version: 1;
  profiles: Profile[];
}

export type NewProfile = Omit<Profile, 'id' | 'createdAt'>;

/**
 * Profiles in SecretStorage: the non-secret index under one key, each profile's secrets under its
 * own. SecretStorage is shared by every window and fires onDidChange in all of them, so every
 * window sees the same profiles without a file on disk.
 */
export class ProfileStore implements Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private cache: Promise<Profile[]> | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly subscription: Disposable;

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: Log,
    private readonly newId: () => string = () => globalThis.crypto.randomUUID(),
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === INDEX_KEY) {
        this.cache = undefined;
        this.changed.fire();
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  list(): Promise<Profile[]> {
    this.cache ??= this.readIndex();
    return this.cache.then((p) => [...p]);
  }

  async get(id: string): Promise<Profile | undefined> {
    return (await this.list()).find((p) => p.id === id);
  }

  async getSecrets(id: string): Promise<ProfileSecrets | undefined> {
    try {
      const raw = await this.secrets.get(SECRET_PREFIX + id);
      if (!raw) {
        return undefined;
      }
      const parsed = JSON.parse(raw) as Partial<ProfileSecrets>;
      return typeof parsed.accessKeySecret === 'string'
        ? { accessKeySecret: parsed.accessKeySecret, securityToken: parsed.securityToken || undefined }
        : undefined;
    } catch (error) {
      this.log.error(`reading the secrets of profile ${id} failed: ${(error as Error).name}`);
      return undefined;
    }
  }

  /** Stores the secrets first, then the index entry, so the index never names a profile without its secret. */
  add(profile: NewProfile, secrets: ProfileSecrets): Promise<Profile> {
    return this.serialize(async () => {
      const created: Profile = { ...profile, id: this.newId(), createdAt: new Date().toISOString() };
      await this.secrets.store(SECRET_PREFIX + created.id, JSON.stringify(secrets));
      const index = await this.readIndex();
      await this.writeIndex([...index, created]);
      this.log.info(`added profile "${created.name}" (${maskAccessKeyId(created.accessKeyId)})`);
      return created;
    });
  }

  update(id: string, changes: Partial<Omit<Profile, 'id' | 'createdAt'>>, secrets?: ProfileSecrets): Promise<Profile> {
    return this.serialize(async () => {
      const index = await this.readIndex();
      const current = index.find((p) => p.id === id);
      if (!current) {
        throw new Error(`No profile with id ${id}`);
      }
      if (secrets) {
        await this.secrets.store(SECRET_PREFIX + id, JSON.stringify(secrets));
      }
      const updated: Profile = { ...current, ...changes, id, createdAt: current.createdAt };
      await this.writeIndex(index.map((p) => (p.id === id ? updated : p)));
      this.log.info(`updated profile "${updated.name}" (${maskAccessKeyId(updated.accessKeyId)})`);
      return updated;
    });
  }

  remove(id: string): Promise<void> {
    return this.serialize(async () => {
      const index = await this.readIndex();
      await this.writeIndex(index.filter((p) => p.id !== id));
      await this.secrets.delete(SECRET_PREFIX + id);
      this.log.info(`removed profile ${id}`);
    });
  }

  private serialize<T>(op: () => Promise<T>): Promise<T> {
    const result = this.writes.then(op, op);
    this.writes = result.catch(() => undefined);
    return result;
  }

  private async readIndex(): Promise<Profile[]> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(INDEX_KEY);
    } catch (error) {
      this.log.error(`reading the profile index failed: ${(error as Error).name}`);
      return [];
    }
    if (!raw) {
      return [];
    }
    try {
      const parsed = JSON.parse(raw) as Partial<IndexFile>;
      return Array.isArray(parsed.profiles) ? parsed.profiles.filter((p) => p && typeof p.id === 'string') : [];
    } catch {
      this.log.error('the profile index in SecretStorage is not valid JSON; starting empty');
      return [];
    }
  }

  private async writeIndex(profiles: Profile[]): Promise<void> {
    const file: IndexFile = { version: 1, profiles };
    await this.secrets.store(INDEX_KEY, JSON.stringify(file));
    this.cache = Promise.resolve(profiles);
    this.changed.fire();
  }
}
