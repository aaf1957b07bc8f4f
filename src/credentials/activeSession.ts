import type { CloudClientFactory, CloudSession } from '../aliyun/clientFactory';
import { Emitter, type Disposable } from '../util/events';
import type { ActiveProfile } from './activeProfile';
import type { Profile } from './profile';
import type { ProfileStore } from './profileStore';

export interface ProfileSession {
  readonly profile: Profile;
  readonly session: CloudSession;
  /** Changes whenever the active profile, its key, secret or region changes: caches keyed by it never go stale. */
  readonly generation: number;
}

/**
 * The cloud session of the active profile, for views. `onDidChange` fires when the active profile
 * switches or the active profile's key, secret or region is edited (in any window), so every view
 * drops what it showed for the old account at once.
 */
export class ActiveSession implements Disposable {
  private readonly changed = new Emitter<Profile | undefined>();
  readonly onDidChange = this.changed.event;
  private cached: Promise<ProfileSession | undefined> | undefined;
  private generation = 0;
  private signature: string | undefined;
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly store: ProfileStore,
    private readonly active: ActiveProfile,
    private readonly clients: CloudClientFactory,
  ) {
    this.subscriptions = [
      active.onDidChange(() => void this.check(true)),
      store.onDidChange(() => void this.check(false)),
    ];
  }

  /** The current session, or undefined when there is no profile (or its secret is missing). */
  current(): Promise<ProfileSession | undefined> {
    this.cached ??= this.build();
    return this.cached;
  }

  /** Forget the session (e.g. after the secret changed in this window). */
  invalidate(): void {
    this.cached = undefined;
    this.generation++;
    void this.active.current().then((p) => this.changed.fire(p));
  }

  private async build(): Promise<ProfileSession | undefined> {
    const profile = await this.active.current();
    if (!profile) {
      return undefined;
    }
    const secrets = await this.store.getSecrets(profile.id);
    if (!secrets) {
      return undefined;
    }
    this.signature = this.signatureOf(profile, secrets.accessKeySecret + (secrets.securityToken ?? ''));
    const session = this.clients.session(
      { accessKeyId: profile.accessKeyId, accessKeySecret: secrets.accessKeySecret, securityToken: secrets.securityToken },
      profile.regionId,
    );
    return { profile, session, generation: this.generation };
  }

  private signatureOf(profile: Profile, secretMaterial: string): string {
    // The secret is only compared in memory, never kept beyond this string's life in the closure.
    return `${profile.id}|${profile.accessKeyId}|${profile.regionId}|${secretMaterial.length}:${hash(secretMaterial)}`;
  }

  private async check(forced: boolean): Promise<void> {
    const profile = await this.active.current();
    let next: string | undefined;
    if (profile) {
      const secrets = await this.store.getSecrets(profile.id);
      next = secrets ? this.signatureOf(profile, secrets.accessKeySecret + (secrets.securityToken ?? '')) : undefined;
    }
    if (forced || next !== this.signature) {
      this.signature = next;
      this.cached = undefined;
      this.generation++;
      this.changed.fire(profile);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

/** A short non-cryptographic fingerprint (FNV-1a), enough to notice that a secret changed. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
