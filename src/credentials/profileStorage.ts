import type { Event } from '../util/events';
import type { Log } from '../util/log';
import type { Profile, ProfileSecrets } from './profile';
import { EMPTY_INDEX, parseIndex, serializeIndex, toProfile, type IndexData } from './profileIndex';

/** The part of vscode.SecretStorage we use; tests hand in an in-memory one. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: Event<{ readonly key: string }>;
}

const INDEX_KEY = 'alibabaCloud.profiles';
const CORRUPT_INDEX_KEY = 'alibabaCloud.profiles.corrupt';
const SECRET_PREFIX = 'alibabaCloud.profile.';

/** What one profile's entry holds: its secrets and, to rebuild a lost index entry, its description. */
export interface ProfileEntry extends ProfileSecrets {
  readonly profile?: Profile;
}

/**
 * How profiles lie in SecretStorage: the non-secret index under one key, each profile's secrets
 * (and a copy of its description) under its own. Reads never throw for a damaged value: an index
 * that is not JSON is kept aside and read as empty, an entry that cannot be read as missing.
 */
export class ProfileStorage {
  private readonly warnedRegions = new Set<string>();

  constructor(private readonly secrets: SecretStore, private readonly log: Log) {}

  isIndexKey(key: string): boolean {
    return key === INDEX_KEY;
  }

  /** The profile whose entry a SecretStorage key is, if it is one. */
  entryIdOf(key: string): string | undefined {
    return key.startsWith(SECRET_PREFIX) ? key.slice(SECRET_PREFIX.length) : undefined;
  }

  async readIndex(): Promise<IndexData> {
    const raw = await this.secrets.get(INDEX_KEY);
    const parsed = parseIndex(raw);
    if (parsed.ok) {
      this.warnBadRegions(parsed.data, parsed.badRegions);
      return parsed.data;
    }
    this.log.error('[profiles] the profile index in SecretStorage is not valid JSON; kept aside, starting from what this window knows');
    try {
      if (raw && !(await this.secrets.get(CORRUPT_INDEX_KEY))) {
        await this.secrets.store(CORRUPT_INDEX_KEY, raw);
      }
    } catch {
      // Keeping a copy is a courtesy; the index itself is rebuilt either way.
    }
    return EMPTY_INDEX;
  }

  async writeIndex(data: IndexData): Promise<void> {
    await this.secrets.store(INDEX_KEY, serializeIndex(data));
  }

  async readEntry(id: string): Promise<ProfileEntry | undefined> {
    try {
      const raw = await this.secrets.get(SECRET_PREFIX + id);
      return raw ? parseEntry(raw) : undefined;
    } catch (error) {
      this.log.error(`[profiles] reading the secrets of profile ${id} failed: ${(error as Error).name}`);
      return undefined;
    }
  }

  /**
   * What another window's change of an entry says: `gone` (entries are deleted only together with
   * their profile), the profile it describes, or nothing (a failed read says nothing).
   */
  async probeEntry(id: string): Promise<{ gone: true } | { gone: false; profile?: Profile } | undefined> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(SECRET_PREFIX + id);
    } catch {
      return undefined;
    }
    return raw === undefined ? { gone: true } : { gone: false, profile: parseEntry(raw)?.profile };
  }

  async writeEntry(profile: Profile, secrets: ProfileSecrets): Promise<void> {
    const entry: ProfileEntry = { accessKeySecret: secrets.accessKeySecret, securityToken: secrets.securityToken || undefined, profile };
    await this.secrets.store(SECRET_PREFIX + profile.id, JSON.stringify(entry));
  }

  async deleteEntry(id: string): Promise<void> {
    await this.secrets.delete(SECRET_PREFIX + id);
  }

  /** Once per profile: the stored region was not a region ID, so the default region stands in until one is set. */
  private warnBadRegions(data: IndexData, ids: readonly string[]): void {
    for (const id of ids.filter((i) => !this.warnedRegions.has(i))) {
      this.warnedRegions.add(id);
      const profile = data.profiles.find((p) => p.id === id);
      this.log.warn(`[profiles] the stored region of ${profile ? `"${profile.name}"` : `profile ${id}`} is not a region ID; using ${profile?.regionId ?? 'the default region'} until a region is set`);
    }
  }
}

function parseEntry(raw: string): ProfileEntry | undefined {
  try {
    const parsed = JSON.parse(raw) as Partial<ProfileEntry>;
    if (typeof parsed.accessKeySecret !== 'string') {
      return undefined;
    }
    return { accessKeySecret: parsed.accessKeySecret, securityToken: parsed.securityToken || undefined, profile: toProfile(parsed.profile) };
  } catch {
    return undefined;
  }
}
