import * as vscode from 'vscode';
import type { Log } from '../../util/log';

// The part of the built-in git extension's API (vscode.git, getAPI(1)) that we use.

/** `Status.INDEX_DELETED` of the git API: a staged deletion adds no text. */
export const INDEX_DELETED = 2;

export interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly indexChanges: readonly GitChange[];
    readonly onDidChange: vscode.Event<void>;
  };
  /** `git diff --cached -- path`. */
  diffIndexWithHEAD(path: string): Promise<string>;
  log(options?: { readonly maxEntries?: number; readonly path?: string }): Promise<readonly unknown[]>;
}

export interface GitApi {
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: vscode.Event<boolean>;
  getAPI(version: 1): GitApi;
}

/**
 * The git API when the git extension is there and enabled, and again whenever it becomes enabled
 * (`onApi`). Without git nothing happens: detection works the same, only the git hints are missing.
 */
export class GitRepositories implements vscode.Disposable {
  private api: GitApi | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly apiChanged = new vscode.EventEmitter<GitApi>();
  readonly onApi = this.apiChanged.event;
  /** Whether a file is in a commit; "not yet" is asked again when its repository changes. */
  private readonly history = new Map<string, boolean | Promise<boolean>>();
  private readonly historyKnown = new vscode.EventEmitter<vscode.Uri>();
  /** What git says of a file's history is known, or may have changed. */
  readonly onHistoryKnown = this.historyKnown.event;

  constructor(private readonly log: Log) {}

  async start(): Promise<void> {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) {
      return;
    }
    try {
      const git = extension.isActive ? extension.exports : await extension.activate();
      this.disposables.push(git.onDidChangeEnablement((enabled) => enabled && this.useApi(git)));
      if (git.enabled) {
        this.useApi(git);
      }
    } catch (error) {
      this.log.warn(`[leaks] the git extension is not usable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private useApi(git: GitExtension): void {
    try {
      this.api = git.getAPI(1);
    } catch {
      return; // enabled, but its model is not there yet; the next enablement event brings it
    }
    this.disposables.push(
      this.api.onDidOpenRepository((repo) => this.disposables.push(repo.state.onDidChange(() => this.forgetHistory(repo)))),
    );
    for (const repo of this.api.repositories) {
      this.disposables.push(repo.state.onDidChange(() => this.forgetHistory(repo)));
    }
    this.apiChanged.fire(this.api);
  }

  get current(): GitApi | undefined {
    return this.api;
  }

  /** Known: whether git has this file in a commit; undefined while asking (onHistoryKnown tells when). */
  inHistory(uri: vscode.Uri): boolean | undefined {
    const known = this.history.get(uri.toString());
    if (typeof known === 'boolean') {
      return known;
    }
    if (known === undefined && this.api && uri.scheme === 'file') {
      const repo = this.api.getRepository(uri);
      if (repo) {
        const asking = repo.log({ maxEntries: 1, path: uri.fsPath }).then((commits) => commits.length > 0, () => false);
        this.history.set(uri.toString(), asking);
        void asking.then((inHistory) => {
          if (this.history.get(uri.toString()) === asking) {
            this.history.set(uri.toString(), inHistory);
            this.historyKnown.fire(uri);
          }
        });
      }
    }
    return undefined;
  }

  /** After a commit a file may be in history now; one that is stays so, and is not asked again. */
  private forgetHistory(repo: GitRepository): void {
    const root = repo.rootUri.toString();
    for (const [key, known] of [...this.history]) {
      if (known === false && key.startsWith(root)) {
        this.history.delete(key);
        this.historyKnown.fire(vscode.Uri.parse(key));
      }
    }
  }

  dispose(): void {
    this.apiChanged.dispose();
    this.historyKnown.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
