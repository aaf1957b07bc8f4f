import { Emitter, type Disposable } from '../util/events';
import type { StateStore } from './activeProfile';
import type { CredentialTestResult } from './credentialCheck';

const KEY = 'alibabaCloud.lastTestResults';

/** The last test of each profile (no secrets in it), kept across restarts for the status bar. */
export class TestResults implements Disposable {
  private readonly changed = new Emitter<string>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: StateStore) {}

  get(profileId: string): CredentialTestResult | undefined {
    return this.state.get<Record<string, CredentialTestResult>>(KEY)?.[profileId];
  }

  async set(result: CredentialTestResult): Promise<void> {
    const all = { ...(this.state.get<Record<string, CredentialTestResult>>(KEY) ?? {}), [result.profileId]: result };
    await this.state.update(KEY, all);
    this.changed.fire(result.profileId);
  }

  /** Forgets a profile's last test: its key or secret changed, or it was deleted. */
  async clear(profileId: string): Promise<void> {
    const all = { ...(this.state.get<Record<string, CredentialTestResult>>(KEY) ?? {}) };
    if (profileId in all) {
      delete all[profileId];
      await this.state.update(KEY, all);
      this.changed.fire(profileId);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
