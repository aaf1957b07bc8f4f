import type { StateStore } from '../credentials/activeProfile';
import { Emitter, type Disposable } from '../util/events';

const KEY = 'alibabaCloud.leaks.ignored';

/** One ignored key in one file: the AccessKey ID and the file's path, never a secret or a digest of one. */
export interface IgnoredFinding {
  readonly accessKeyId: string;
  readonly path: string;
}

/** "Ignore in This File", kept in workspace state so it holds after a reload. */
export class IgnoredFindings implements Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: StateStore) {}

  list(): IgnoredFinding[] {
    const stored = this.state.get<unknown>(KEY);
    return Array.isArray(stored)
      ? stored.filter((e): e is IgnoredFinding => typeof e?.accessKeyId === 'string' && typeof e?.path === 'string')
      : [];
  }

  isIgnored(accessKeyId: string, path: string): boolean {
    return this.list().some((e) => e.accessKeyId === accessKeyId && e.path === path);
  }

  async add(accessKeyId: string, path: string): Promise<void> {
    if (!this.isIgnored(accessKeyId, path)) {
      await this.state.update(KEY, [...this.list(), { accessKeyId, path }]);
      this.changed.fire();
    }
  }

  /** Shows these again; returns how many were removed. */
  async remove(entries: readonly IgnoredFinding[]): Promise<number> {
    const all = this.list();
    const kept = all.filter((e) => !entries.some((r) => r.accessKeyId === e.accessKeyId && r.path === e.path));
    if (kept.length !== all.length) {
      await this.state.update(KEY, kept);
      this.changed.fire();
    }
    return all.length - kept.length;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
