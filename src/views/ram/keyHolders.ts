import type { Profile } from '../../credentials/profile';
import type { Disposable, Event } from '../../util/events';

/** The part of ProfileStore the RAM view needs ("used by profile X"). */
export interface ProfileSource {
  list(): Promise<Profile[]>;
  readonly onDidChange: Event<void>;
}

/** Which local profiles hold an AccessKey, read once and again after every change of the profiles. */
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

  /** Local profiles that hold this AccessKey ID. */
  async using(accessKeyId: string): Promise<Profile[]> {
    await this.load();
    return this.profiles.filter((p) => p.accessKeyId === accessKeyId);
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
