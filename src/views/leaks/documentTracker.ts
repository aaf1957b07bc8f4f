import * as vscode from 'vscode';
import { scanLine, scanText } from '../../leaks/detector';
import { DocumentLines } from '../../leaks/documentLines';
import type { Finding } from '../../leaks/findings';
import type { KeyIndex } from '../../leaks/keyIndex';

/** Typing pauses this long before the changed lines are scanned. */
export const DOCUMENT_DEBOUNCE_MS = 200;

/** Documents that are files or about to be (not output channels, git's old versions, diff views). */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-userdata', 'vscode-notebook-cell']);

export interface DocumentHost {
  index(): KeyIndex;
  /** The findings of this document changed. */
  publish(uri: vscode.Uri): void;
  /** The document closed; `saved` are its findings when what it showed is what the file holds. */
  closed(uri: vscode.Uri, saved: Finding[] | undefined): void;
}

interface Tracked {
  readonly document: vscode.TextDocument;
  readonly lines: DocumentLines;
  indexVersion: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Its findings went out at least once since it opened or the profiles changed. */
  published: boolean;
}

/**
 * Open documents' findings, updated as the person types: the change event only marks the edited
 * lines (no scanning on the typing path); a short pause later those lines are scanned.
 */
export class DocumentTracker implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private subscriptions: vscode.Disposable[] = [];

  constructor(private readonly host: DocumentHost, private readonly debounceMs = DOCUMENT_DEBOUNCE_MS) {}

  get running(): boolean {
    return this.subscriptions.length > 0;
  }

  start(): void {
    if (this.running) {
      return;
    }
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.open(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.changed(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.close(d.uri)),
    ];
    vscode.workspace.textDocuments.forEach((d) => this.open(d));
  }

  /** Detection turned off: forget every document. */
  stop(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.subscriptions = [];
    for (const key of [...this.tracked.keys()]) {
      this.close(this.tracked.get(key)!.document.uri);
    }
  }

  findings(uri: vscode.Uri): Finding[] | undefined {
    return this.tracked.get(uri.toString())?.lines.findings();
  }

  isTracked(uri: vscode.Uri): boolean {
    return this.tracked.has(uri.toString());
  }

  /** The profiles changed: every open document is scanned again (soon, once). */
  rescanAll(): void {
    for (const entry of this.tracked.values()) {
      this.schedule(entry, 0);
    }
  }

  private open(document: vscode.TextDocument): void {
    if (!SCHEMES.has(document.uri.scheme) || this.tracked.has(document.uri.toString())) {
      return;
    }
    const entry: Tracked = { document, lines: new DocumentLines(document.lineCount), indexVersion: this.host.index().version, published: false };
    this.tracked.set(document.uri.toString(), entry);
    this.schedule(entry, 0);
  }

  private changed(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.tracked.get(e.document.uri.toString());
    if (!entry || e.contentChanges.length === 0) {
      return;
    }
    for (const change of e.contentChanges) {
      let newLines = 1;
      for (let i = change.text.indexOf('\n'); i >= 0; i = change.text.indexOf('\n', i + 1)) {
        newLines++;
      }
      entry.lines.applyEdit({ startLine: change.range.start.line, endLine: change.range.end.line, newLineCount: newLines });
    }
    this.schedule(entry, this.debounceMs);
  }

  private close(uri: vscode.Uri): void {
    const entry = this.tracked.get(uri.toString());
    if (entry) {
      const saved = entry.document.isDirty || entry.timer !== undefined ? undefined : entry.lines.findings();
      clearTimeout(entry.timer);
      this.tracked.delete(uri.toString());
      this.host.closed(uri, saved);
    }
  }

  private schedule(entry: Tracked, delayMs: number): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.refresh(entry), delayMs);
  }

  private refresh(entry: Tracked): void {
    entry.timer = undefined;
    if (this.tracked.get(entry.document.uri.toString()) !== entry) {
      return;
    }
    const index = this.host.index();
    if (entry.indexVersion !== index.version) {
      entry.indexVersion = index.version;
      entry.lines.invalidate(entry.document.lineCount);
      entry.published = false;
    }
    const { changed } = entry.lines.refresh(
      entry.document.lineCount,
      (i) => entry.document.lineAt(i).text,
      (text) => scanLine(index, text),
      () => scanText(index, entry.document.getText()),
    );
    if (changed || !entry.published) {
      entry.published = true;
      this.host.publish(entry.document.uri);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.subscriptions = [];
    this.tracked.forEach((entry) => clearTimeout(entry.timer));
    this.tracked.clear();
  }
}
