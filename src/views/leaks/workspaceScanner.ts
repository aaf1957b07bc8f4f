import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { GitIgnore, GlobExcludes, type SearchExcludeValue } from '../../leaks/excludeRules';
import { MAX_FILE_BYTES, scanFiles, type ReadResult } from '../../leaks/fileScan';
import { countByKind, type Finding, type FindingKind } from '../../leaks/findings';
import type { Log } from '../../util/log';
import type { LeakGuard } from './leakGuard';

export interface WorkspaceScanSummary {
  /** Files findFiles listed (after `files.exclude`). */
  readonly listed: number;
  /** Left out by `search.exclude` or `.gitignore`. */
  readonly excluded: number;
  readonly scanned: number;
  readonly skippedLarge: number;
  readonly skippedBinary: number;
  readonly unreadable: number;
  /** Findings not ignored, by kind. */
  readonly findings: Record<FindingKind, number>;
  /** Workspace-relative paths of the files with findings. */
  readonly files: string[];
  readonly cancelled: boolean;
  readonly ms: number;
  /** Of which listing the files and reading the exclude rules. */
  readonly listMs: number;
}

interface Candidate {
  readonly uri: vscode.Uri;
}

/** `search.exclude` and the folder's `.gitignore` files (and `.git/info/exclude`), as one test. */
async function excludesOf(folder: vscode.WorkspaceFolder, uris: readonly vscode.Uri[], rels: readonly string[]): Promise<(rel: string) => boolean> {
  const searchExclude = vscode.workspace.getConfiguration('search', folder.uri).get<Record<string, SearchExcludeValue>>('exclude');
  const listed = new Set(rels);
  const globs = new GlobExcludes(searchExclude, (rel) => listed.has(rel));
  const gitignore = new GitIgnore();
  const decoder = new TextDecoder();
  const read = async (uri: vscode.Uri) => {
    const bytes = await readUpTo(uri, MAX_FILE_BYTES);
    return bytes instanceof Uint8Array ? decoder.decode(bytes) : '';
  };
  try {
    gitignore.add('', await read(vscode.Uri.joinPath(folder.uri, '.git', 'info', 'exclude')));
  } catch {
    // no repository, or no exclude file
  }
  // The listing has them (files.exclude does not hide .gitignore files): no second search.
  for (let i = 0; i < rels.length; i++) {
    if (rels[i] === '.gitignore' || rels[i].endsWith('/.gitignore')) {
      const dir = rels[i].includes('/') ? rels[i].slice(0, rels[i].lastIndexOf('/')) : '';
      gitignore.add(dir, await read(uris[i]).catch(() => ''));
    }
  }
  return (rel) => globs.excludes(rel) || gitignore.ignores(rel);
}

function relativeTo(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : vscode.workspace.asRelativePath(uri, false);
}

/**
 * A file's bytes unless it is larger than `maxBytes`. Files on this machine are read with Node:
 * every workspace.fs call first makes a round trip to the window (to activate file system
 * providers), which for thousands of files costs far more than reading them.
 */
async function readUpTo(uri: vscode.Uri, maxBytes: number): Promise<ReadResult> {
  if (uri.scheme === 'file') {
    const stat = await fs.stat(uri.fsPath);
    return !stat.isFile() ? undefined : stat.size > maxBytes ? 'tooLarge' : fs.readFile(uri.fsPath);
  }
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type & vscode.FileType.Directory) {
    return undefined;
  }
  return stat.size > maxBytes ? 'tooLarge' : vscode.workspace.fs.readFile(uri);
}

/**
 * Every file of the workspace that `files.exclude`, `search.exclude` and `.gitignore` leave in,
 * not binary and at most 1 MB, read a few at a time and scanned; the findings go to the guard.
 */
export async function scanWorkspace(
  guard: LeakGuard,
  log: Log,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<WorkspaceScanSummary> {
  const started = Date.now();
  const index = await guard.ready();
  const candidates: Candidate[] = [];
  let listed = 0;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), undefined, undefined, token);
    listed += uris.length;
    const rels = uris.map((uri) => relativeTo(folder, uri));
    const excluded = await excludesOf(folder, uris, rels);
    uris.forEach((uri, i) => excluded(rels[i]) || candidates.push({ uri }));
  }
  const listMs = Date.now() - started;
  let reported = 0;
  const result = await scanFiles<Candidate>({
    files: candidates,
    index,
    read: (file, maxBytes) => readUpTo(file.uri, maxBytes),
    isCancelled: () => token.isCancellationRequested,
    onProgress: (done, total) => {
      const percent = Math.floor((100 * done) / total);
      if (percent > reported) {
        progress.report({ increment: percent - reported, message: `${done.toLocaleString()} / ${total.toLocaleString()}` });
        reported = percent;
      }
    },
  });
  const found = result.found.map(({ file, findings }) => ({ uri: file.uri, findings }));
  guard.recordScan(result.scanned.map((f) => f.uri), found);
  const visible: Array<{ uri: vscode.Uri; findings: Finding[] }> = found
    .map(({ uri }) => ({ uri, findings: guard.visibleFindings(uri) }))
    .filter((f) => f.findings.length > 0);
  const summary: WorkspaceScanSummary = {
    listed,
    excluded: listed - candidates.length,
    scanned: result.scanned.length,
    skippedLarge: result.skippedLarge,
    skippedBinary: result.skippedBinary,
    unreadable: result.unreadable,
    findings: countByKind(visible.flatMap((f) => f.findings)),
    files: visible.map((f) => guard.pathOf(f.uri)).sort(),
    cancelled: result.cancelled,
    ms: Date.now() - started,
    listMs,
  };
  log.info(`[leaks] workspace scan: ${summary.scanned} of ${listed} files in ${summary.ms} ms (${listMs} ms listing them), ${summary.files.length} with findings${summary.cancelled ? ' (cancelled)' : ''}`);
  return summary;
}
