import { Emitter, type Disposable } from '../util/events';
import type { Profile } from './profile';
import type { ProfileStore } from './profileStore';

/** The part of vscode.Memento we use. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const ACTIVE_KEY = 'alibabaCloud.activeProfile';

/**
 * The active profile of this workspace, falling back to the last one chosen anywhere, so each
 * project keeps its own account.
 */
export class ActiveProfile implements Disposable {
  private readonly changed = new Emitter<Profile | undefined>();
  readonly onDidChange = this.changed.event;
  private lastId: string | undefined;
  private readonly subscription: Disposable;

  constructor(
    private readonly store: ProfileStore,
    private readonly workspaceState: StateStore,
    private readonly globalState: StateStore,
  ) {
    this.lastId = this.preferredId();
    // A profile removed in any window may have been the active one.
    this.subscription = store.onDidChange(() => void this.current().then((p) => this.announce(p)));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private preferredId(): string | undefined {
    return this.workspaceState.get<string>(ACTIVE_KEY) ?? this.globalState.get<string>(ACTIVE_KEY);
  }

  /** The active profile, or the first one when the remembered one is gone. */
  async current(): Promise<Profile | undefined> {
    const profiles = await this.store.list();
    const id = this.preferredId();
    return profiles.find((p) => p.id === id) ?? profiles[0];
  }

  async set(id: string): Promise<void> {
    await this.workspaceState.update(ACTIVE_KEY, id);
    await this.globalState.update(ACTIVE_KEY, id);
    this.announce(await this.current());
  }

  private announce(profile: Profile | undefined): void {
    if (profile?.id !== this.lastId) {
      this.lastId = profile?.id;
      this.changed.fire(profile);
    }
  }
}
