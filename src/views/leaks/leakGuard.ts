import * as vscode from 'vscode';
import { LeakDiagnostics } from '../../constants';
import type { StateStore } from '../../credentials/activeProfile';
import type { Profile, ProfileSecrets } from '../../credentials/profile';
import type { Finding } from '../../leaks/findings';
import { IgnoredFindings } from '../../leaks/ignoredFindings';
import { KeyedHasher, KeyIndex } from '../../leaks/keyIndex';
import type { Event } from '../../util/events';
import type { Log } from '../../util/log';
import { DocumentTracker } from './documentTracker';
import type { GitRepositories } from './gitApi';
import { KeyOwners, type LastResults, type LoadedRamData, type OwnerInfo } from './keyOwners';
import { findingMessage } from './leakMessages';

/** The part of ProfileStore detection reads: the profiles and, once per change, their secrets. */
export interface ProfileSecretsSource {
  list(): Promise<Profile[]>;
  getSecrets(profileId: string): Promise<ProfileSecrets | undefined>;
  readonly onDidChange: Event<void>;
}

export interface LeakGuardDeps {
  readonly profiles: ProfileSecretsSource;
  readonly ram: LoadedRamData;
  readonly results: LastResults;
  readonly workspaceState: StateStore;
  readonly git: GitRepositories;
  readonly log: Log;
}

const SEVERITY = {
  storedSecret: vscode.DiagnosticSeverity.Error,
  knownId: vscode.DiagnosticSeverity.Warning,
  unknownId: vscode.DiagnosticSeverity.Information,
} as const;

/** Changes that arrive together (profile edits, RAM pages) are shown once. */
const REPUBLISH_DELAY_MS = 100;
const REBUILD_DELAY_MS = 150;

/**
 * Where findings meet the Problems panel: the index of our profiles' keys (rebuilt when they
 * change), open documents (DocumentTracker) and the last workspace scan, minus what was ignored,
 * shown as diagnostics that name the profile and, as far as known, the key's owner.
 */
export class LeakGuard implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(LeakDiagnostics.collection);
  readonly ignored: IgnoredFindings;
  readonly owners: KeyOwners;
  readonly documents: DocumentTracker;
  private readonly hasher = new KeyedHasher();
  private current = KeyIndex.empty();
  private building: Promise<KeyIndex> | undefined;
  private builds = 0;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  private profiles: Profile[] = [];
  /** The last workspace scan's findings of files that are not open (or were not when scanned). */
  private readonly fromDisk = new Map<string, { uri: vscode.Uri; findings: Finding[] }>();
  private republishTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: LeakGuardDeps) {
    this.ignored = new IgnoredFindings(deps.workspaceState);
    this.owners = new KeyOwners(deps.ram, deps.results);
    this.documents = new DocumentTracker({
      index: () => this.current,
      publish: (uri) => this.publish(uri),
      closed: (uri, saved) => this.closed(uri, saved),
    });
    this.disposables.push(
      this.collection, this.ignored, this.owners, this.documents,
      deps.profiles.onDidChange(() => this.rebuildSoon()),
      this.owners.onDidChange(() => this.republishSoon()),
      this.ignored.onDidChange(() => this.publishAll()),
      deps.git.onHistoryKnown((uri) => this.publish(uri)),
    );
    void this.rebuild();
  }

  /** The index as it is now (empty until the first build is done). */
  index(): KeyIndex {
    return this.current;
  }

  /** The index once the build under way (if any) is done. */
  async ready(): Promise<KeyIndex> {
    if (this.rebuildTimer !== undefined) {
      clearTimeout(this.rebuildTimer);
      this.rebuildTimer = undefined;
      void this.rebuild();
    }
    for (let build = this.building; build; build = this.building === build ? undefined : this.building) {
      await build;
    }
    return this.current;
  }

  /** Profile edits come in bursts (an import, a rotation): each secret is read once per burst. */
  private rebuildSoon(): void {
    clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      void this.rebuild();
    }, REBUILD_DELAY_MS);
  }

  private rebuild(): Promise<KeyIndex> {
    const generation = ++this.builds;
    const build = (async () => {
      const profiles = await this.deps.profiles.list().catch(() => [] as Profile[]);
      const index = await KeyIndex.build(profiles, (id) => this.deps.profiles.getSecrets(id), this.hasher, this.current);
      if (generation === this.builds) {
        this.profiles = profiles;
        this.current = index;
        this.documents.rescanAll();
        this.republishSoon();
      }
      return index;
    })();
    this.building = build;
    return build;
  }

  holders(accessKeyId: string): Profile[] {
    return this.profiles.filter((p) => p.accessKeyId === accessKeyId);
  }

  profile(profileId: string): Profile | undefined {
    return this.profiles.find((p) => p.id === profileId);
  }

  ownerOf(accessKeyId: string): OwnerInfo | undefined {
    return this.owners.ownerOf(accessKeyId, this.holders(accessKeyId));
  }

  /** How a file is named in the ignore list: workspace-relative, or its URI outside the workspace. */
  pathOf(uri: vscode.Uri): string {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : uri.toString();
  }

  /** What the Problems panel shows for the file: the open document's findings, else the last scan's. */
  visibleFindings(uri: vscode.Uri): Finding[] {
    const all = this.documents.findings(uri) ?? this.fromDisk.get(uri.toString())?.findings ?? [];
    if (all.length === 0) {
      return all;
    }
    const path = this.pathOf(uri);
    const ignored = this.ignored.list().filter((e) => e.path === path);
    return ignored.length ? all.filter((f) => !ignored.some((e) => e.accessKeyId === f.accessKeyId)) : all;
  }

  /** The findings whose range touches `range` (hover, quick fixes). */
  findingsAt(uri: vscode.Uri, range: vscode.Range): Finding[] {
    return this.visibleFindings(uri).filter((f) => toRange(f).intersection(range) !== undefined);
  }

  /** Whether git has the file in a commit; undefined while unknown (asked in the background). */
  gitHistory(uri: vscode.Uri): boolean | undefined {
    return this.deps.git.inHistory(uri);
  }

  diagnostic(uri: vscode.Uri, finding: Finding): vscode.Diagnostic {
    const inGitHistory = finding.kind === 'storedSecret' ? this.gitHistory(uri) : undefined;
    const message = findingMessage(finding, { holders: this.holders(finding.accessKeyId), owner: this.ownerOf(finding.accessKeyId), inGitHistory });
    const diagnostic = new vscode.Diagnostic(toRange(finding), message, SEVERITY[finding.kind]);
    diagnostic.source = LeakDiagnostics.source;
    diagnostic.code = finding.kind;
    return diagnostic;
  }

  publish(uri: vscode.Uri): void {
    const findings = this.visibleFindings(uri);
    if (findings.length === 0) {
      this.collection.delete(uri);
    } else {
      this.collection.set(uri, findings.map((f) => this.diagnostic(uri, f)));
    }
  }

  publishAll(): void {
    const uris = new Map<string, vscode.Uri>();
    this.collection.forEach((uri) => void uris.set(uri.toString(), uri));
    this.fromDisk.forEach((entry, key) => uris.set(key, entry.uri));
    vscode.workspace.textDocuments.forEach((d) => this.documents.isTracked(d.uri) && uris.set(d.uri.toString(), d.uri));
    uris.forEach((uri) => this.publish(uri));
  }

  private republishSoon(): void {
    clearTimeout(this.republishTimer);
    this.republishTimer = setTimeout(() => this.publishAll(), REPUBLISH_DELAY_MS);
  }

  /** A workspace scan's results: files scanned now replace what an earlier scan said of them. */
  recordScan(scanned: readonly vscode.Uri[], found: ReadonlyArray<{ uri: vscode.Uri; findings: Finding[] }>): void {
    for (const uri of scanned) {
      this.fromDisk.delete(uri.toString());
    }
    for (const { uri, findings } of found) {
      this.fromDisk.set(uri.toString(), { uri, findings });
    }
    // Each publish is a message to the window: only files that show or showed something.
    for (const uri of scanned) {
      if (this.fromDisk.has(uri.toString()) || this.collection.has(uri)) {
        this.publish(uri);
      }
    }
  }

  private closed(uri: vscode.Uri, saved: Finding[] | undefined): void {
    // A scanned file keeps showing what it holds; the scan's older word on it would be stale.
    if (this.fromDisk.has(uri.toString())) {
      if (saved?.length) {
        this.fromDisk.set(uri.toString(), { uri, findings: saved });
      } else {
        this.fromDisk.delete(uri.toString());
      }
    }
    this.publish(uri);
  }

  /** Detection turned off: nothing is watched or shown. */
  setEnabled(enabled: boolean): void {
    if (enabled) {
      this.documents.start();
    } else {
      this.documents.stop();
      this.fromDisk.clear();
      this.collection.clear();
    }
  }

  dispose(): void {
    clearTimeout(this.republishTimer);
    clearTimeout(this.rebuildTimer);
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

export function toRange(finding: Finding): vscode.Range {
  return new vscode.Range(finding.line, finding.start, finding.line, finding.end);
}
