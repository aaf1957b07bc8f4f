import * as vscode from 'vscode';
import { scanLine } from '../../leaks/detector';
import { addedLines } from '../../leaks/stagedDiff';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';
import { maskAccessKeyId } from '../../util/mask';
import { INDEX_DELETED, type GitRepositories, type GitRepository } from './gitApi';
import type { LeakGuard } from './leakGuard';

/** The index settles this long before it is looked at (staging many files fires many changes). */
const STAGED_DEBOUNCE_MS = 400;

/** A stored secret in a staged change; names the profile, never the secret. */
export interface StagedSecret {
  readonly uri: vscode.Uri;
  /** Zero-based, in the staged version. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly accessKeyId: string;
  readonly profileNames: string[];
}

/**
 * Warns when the staged changes of a git repository add one of our profiles' secrets, with
 * **Open File**; it never blocks the commit. Each secret in each file is warned about once.
 */
export class StagedChanges implements vscode.Disposable {
  private readonly watched = new Set<GitRepository>();
  private readonly timers = new Map<GitRepository, ReturnType<typeof setTimeout>>();
  private readonly warned = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private enabled = true;

  constructor(private readonly git: GitRepositories, private readonly guard: LeakGuard, private readonly log: Log) {
    this.disposables.push(git.onApi((api) => {
      api.repositories.forEach((r) => this.watch(r));
      this.disposables.push(api.onDidOpenRepository((r) => this.watch(r)));
    }));
    git.current?.repositories.forEach((r) => this.watch(r));
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
  }

  private watch(repo: GitRepository): void {
    if (this.watched.has(repo)) {
      return;
    }
    this.watched.add(repo);
    this.disposables.push(repo.state.onDidChange(() => this.schedule(repo, STAGED_DEBOUNCE_MS)));
    // What was staged before we looked counts too.
    this.schedule(repo, 0);
  }

  private schedule(repo: GitRepository, delayMs: number): void {
    clearTimeout(this.timers.get(repo));
    this.timers.set(repo, setTimeout(() => {
      this.timers.delete(repo);
      if (this.enabled) {
        void this.check([repo]).then(
          (found) => this.warn(found),
          (error: unknown) => this.log.warn(`[leaks] staged changes not checked: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    }, delayMs));
  }

  /** Stored secrets in the lines the staged changes add, in every repository (or those given). */
  async check(repos: readonly GitRepository[] = this.git.current?.repositories ?? []): Promise<StagedSecret[]> {
    const index = await this.guard.ready();
    const found: StagedSecret[] = [];
    if (!index.hasSecrets) {
      return found;
    }
    for (const repo of repos) {
      for (const change of repo.state.indexChanges) {
        if (change.status === INDEX_DELETED) {
          continue;
        }
        const diff = await repo.diffIndexWithHEAD(change.uri.fsPath).catch(() => '');
        const path = this.guard.pathOf(change.uri);
        for (const added of addedLines(diff)) {
          for (const f of scanLine(index, added.text)) {
            if (f.kind === 'storedSecret' && !this.guard.ignored.isIgnored(f.accessKeyId, path)) {
              const profileNames = f.profileIds.map((id) => this.guard.profile(id)?.name).filter((n): n is string => !!n);
              found.push({ uri: change.uri, line: added.line, start: f.start, end: f.end, accessKeyId: f.accessKeyId, profileNames });
            }
          }
        }
      }
    }
    return found;
  }

  /** One warning per file and key not warned about before; not awaited, so nothing waits on the person. */
  warn(found: readonly StagedSecret[], again = false): void {
    const byFileAndKey = new Map<string, StagedSecret>();
    for (const secret of found) {
      const key = `${secret.uri.toString()}|${secret.accessKeyId}`;
      if (!byFileAndKey.has(key) && (again || !this.warned.has(key))) {
        byFileAndKey.set(key, secret);
      }
    }
    for (const [key, secret] of byFileAndKey) {
      this.warned.add(key);
      this.log.warn(`[leaks] staged changes of ${this.guard.pathOf(secret.uri)} hold the secret of ${maskAccessKeyId(secret.accessKeyId)}`);
      const open = t('Open File');
      void vscode.window.showWarningMessage(
        t('The staged changes of {0} hold the secret of profile {1} ({2}). Once committed, it stays in the repository\'s history.',
          this.guard.pathOf(secret.uri), secret.profileNames.map((n) => `"${n}"`).join(', '), maskAccessKeyId(secret.accessKeyId)),
        open,
      ).then(async (choice) => {
        if (choice === open) {
          const range = new vscode.Range(secret.line, secret.start, secret.line, secret.end);
          await vscode.window.showTextDocument(secret.uri, { selection: range });
        }
      });
    }
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
