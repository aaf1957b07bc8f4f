import { isRoleProfile, type Profile } from '../../credentials/profile';
import { MAX_CHAIN } from '../../credentials/roles/roleChain';
import type { Disposable, Event } from '../../util/events';
import { t } from '../../util/l10n';

/** The part of ProfileStore the RAM view needs ("used by profile X"). */
export interface ProfileSource {
  list(): Promise<Profile[]>;
  readonly onDidChange: Event<void>;
}

/** A local profile that uses an AccessKey: it holds it, or it is a role profile whose chain of sources ends at one that does. */
export interface KeyHolder {
  readonly profile: Profile;
  /** A role profile's sources, from its own down to the one that holds the key; empty when it holds the key itself. */
  readonly via: readonly Profile[];
}

/** The sources a role profile asks through, down to the key, when every link is there and none repeats. */
function chainOf(profile: Profile, byId: ReadonlyMap<string, Profile>): Profile[] | undefined {
  const chain: Profile[] = [];
  const seen = new Set([profile.id]);
  for (let current = profile; isRoleProfile(current);) {
    const source = byId.get(current.role.sourceProfileId);
    if (!source || seen.has(source.id) || chain.length >= MAX_CHAIN) {
      return undefined; // a broken chain uses no key
    }
    seen.add(source.id);
    chain.push(source);
    current = source;
  }
  return chain;
}

/**
 * Who uses `accessKeyId`: the profiles that hold it, then the role profiles that assume their role
 * with it through their sources (shortest chain first). Rotating the key keeps the role profiles
 * working: they name their source by id, and the source gets the new key.
 */
export function keyHolders(profiles: readonly Profile[], accessKeyId: string): KeyHolder[] {
  const direct = profiles.filter((p) => !isRoleProfile(p) && p.accessKeyId === accessKeyId).map((profile) => ({ profile, via: [] }));
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const viaRoles: KeyHolder[] = [];
  for (const profile of profiles.filter(isRoleProfile)) {
    const via = chainOf(profile, byId);
    if (via && via[via.length - 1].accessKeyId === accessKeyId) {
      viaRoles.push({ profile, via });
    }
  }
  viaRoles.sort((a, b) => a.via.length - b.via.length || a.profile.name.localeCompare(b.profile.name));
  return [...direct, ...viaRoles];
}

/** `"dev", "deploy" (role profile via "dev")`: for descriptions and confirmations. */
export function holderNames(holders: readonly KeyHolder[]): string {
  return holders.map((h) => (h.via.length === 0
    ? `"${h.profile.name}"`
    : t('"{0}" (role profile via {1})', h.profile.name, h.via.map((p) => `"${p.name}"`).join(' → ')))).join(', ');
}

/** Which local profiles use an AccessKey, read once and again after every change of the profiles. */
export class KeyHolders implements Disposable {
  private profiles: Profile[] = [];
  private loaded: Promise<void> | undefined;
  private readonly subscription: Disposable;

  constructor(private readonly source: ProfileSource, onDidChange: () => void) {
    this.subscription = source.onDidChange(() => {
      this.loaded = undefined;
      void this.load().then(onDidChange);
    });
  }

  /** Local profiles that use this AccessKey ID: the ones that hold it first, then role profiles through their sources. */
  async using(accessKeyId: string): Promise<Profile[]> {
    return (await this.holders(accessKeyId)).map((h) => h.profile);
  }

  /** The same, with the chain each role profile uses the key through. */
  async holders(accessKeyId: string): Promise<KeyHolder[]> {
    await this.load();
    return keyHolders(this.profiles, accessKeyId);
  }

  private load(): Promise<void> {
    this.loaded ??= this.source.list().then(
      (list) => {
        this.profiles = list;
      },
      () => undefined,
    );
    return this.loaded;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
