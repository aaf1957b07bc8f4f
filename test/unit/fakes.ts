// Small in-memory stand-ins for the VS Code interfaces the model code uses.
import { Emitter } from '../../src/util/events';
import type { Log } from '../../src/util/log';
import type { SecretStore } from '../../src/credentials/profileStorage';
import type { StateStore } from '../../src/credentials/activeProfile';

/** Shared by several "windows": each window gets its own view with its own onDidChange, like SecretStorage. */
export class FakeSecretBackend {
  readonly data = new Map<string, string>();
  private readonly views: Array<Emitter<{ key: string }>> = [];

  window(): SecretStore {
    const emitter = new Emitter<{ key: string }>();
    this.views.push(emitter);
    return {
      get: async (key) => this.data.get(key),
      store: async (key, value) => {
        this.data.set(key, value);
        this.views.forEach((v) => v.fire({ key }));
      },
      delete: async (key) => {
        this.data.delete(key);
        this.views.forEach((v) => v.fire({ key }));
      },
      onDidChange: emitter.event,
    };
  }
}

export class FakeMemento implements StateStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

export class MemoryLog implements Log {
  readonly lines: string[] = [];
  trace(m: string) { this.lines.push(`trace ${m}`); }
  debug(m: string) { this.lines.push(`debug ${m}`); }
  info(m: string) { this.lines.push(`info ${m}`); }
  warn(m: string) { this.lines.push(`warn ${m}`); }
  error(m: string) { this.lines.push(`error ${m}`); }
}
