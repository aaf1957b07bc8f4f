// Shared by the leak-detection integration tests: the seed part's keys (seeds/leaks.json), files
// planted in a folder of the test workspace (removed afterwards: they hold secrets), and the
// diagnostics, hovers and quick fixes as VS Code's own commands return them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './ramFixtures';

export const SOURCE = 'Alibaba Cloud Credentials';
export const LEAK_ACCOUNT = '3500000000000005';

export const leak = {
  admin: { id: 'LTAI5tLeakAdmin000000001', secret: 'leak-secret-admin-not-real-0001' },
  owner: { id: 'LTAI5tLeakOwner000000001', secret: 'leak-secret-owner-not-real-0001' },
  rotate: { id: 'LTAI5tLeakRotate00000001', secret: 'leak-secret-rotate-not-real-001' },
  stranger: { id: 'LTAI5tLeakStranger000001', secret: 'leak-secret-stranger-not-real-1' },
  git: { id: 'LTAI5tLeakGit00000000001', secret: 'leak-secret-git-not-real-000001' },
  sts: { id: 'STS.NULeakToken00000000001', secret: 'leak-secret-sts-not-real-000001', token: 'leak-security-token-not-real-0001' },
};

/** The folder of the test workspace these tests write into; removed with everything in it. */
export function plantDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test runs without a workspace folder');
  return path.join(folder.uri.fsPath, 'leaks-it');
}

export function plant(relPath: string, content: string | Uint8Array): vscode.Uri {
  const file = path.join(plantDir(), relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return vscode.Uri.file(file);
}

export function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE).sort((a, b) => a.range.start.compareTo(b.range.start));
}

/** Waits until the file's diagnostics from us pass `check`; returns them. */
export async function diagnosticsWhen(uri: vscode.Uri, what: string, check: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  await waitFor(() => check((last = ours(uri))), `${what}; diagnostics: ${JSON.stringify(last.map((d) => [d.range.start.line, d.code, d.severity, d.message]))}`, timeoutMs);
  return last;
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** The range of the first occurrence of `text` in the document. */
export function rangeOf(document: vscode.TextDocument, text: string): vscode.Range {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" is not in ${relative(document.uri)}`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

/** The quick fixes at a range, as the light bulb gets them (this command does not return their diagnostics). */
export async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

export function titled(actions: vscode.CodeAction[], title: string | RegExp): vscode.CodeAction {
  const found = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(found, `no quick fix "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  return found;
}

/** Runs a quick fix's command the way the lightbulb does, with `confirm: true` for the questions (Test mode only). */
export function runFix<T>(action: vscode.CodeAction, extra: Record<string, unknown> = { confirm: true }): Thenable<T | undefined> {
  assert.ok(action.command, `"${action.title}" has no command`);
  const [first, ...rest] = action.command.arguments ?? [];
  const args = typeof first === 'object' && first !== null && !(first instanceof vscode.Uri) ? [{ ...first, ...extra }, ...rest] : [first, ...rest];
  return vscode.commands.executeCommand<T>(action.command.command, ...args);
}

export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
  // The text as shown: appendText escapes Markdown and keeps spaces with &nbsp;.
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/**
 * Records the warnings the extension shows (the test and the extension share one `vscode` API
 * object, both being in this extension's folder) and answers each with `answer`.
 */
export function captureWarnings(answer?: string): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
  const original = window.showWarningMessage;
  window.showWarningMessage = (message: unknown, ...rest: unknown[]) => {
    const modal = rest.some((r) => typeof r === 'object' && r !== null && (r as { modal?: boolean }).modal);
    if (modal) {
      return original.call(vscode.window, message, ...rest);
    }
    messages.push(String(message));
    return Promise.resolve(answer);
  };
  return { messages, restore: () => (window.showWarningMessage = original) };
}
