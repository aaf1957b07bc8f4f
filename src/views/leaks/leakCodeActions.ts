import * as vscode from 'vscode';
import { Commands, LeakDiagnostics } from '../../constants';
import { envReplacement, envVariableFor, type EnvReplacement } from '../../leaks/envReference';
import { isStsId, type Finding } from '../../leaks/findings';
import { t } from '../../util/l10n';
import type { LeakGuard } from './leakGuard';

/** Opens the Timeline view on a file: its git history, where a committed secret would be. */
const OPEN_TIMELINE = 'files.openTimeline';

/**
 * The quick fixes of a finding: take the literal out of the file (an environment variable in the
 * file's language), disable or rotate the key (the RAM commands, which ask first), find its
 * owner, ignore it in this file, and for a committed secret open the file's history.
 */
export class LeakCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly guard: LeakGuard) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === LeakDiagnostics.source);
    const findings = this.guard.findingsAt(document.uri, range);
    const actions: vscode.CodeAction[] = [];
    for (const finding of findings) {
      const diagnostic = ours.find((d) => d.range.start.line === finding.line && d.range.start.character === finding.start);
      const add = (action: vscode.CodeAction) => {
        action.diagnostics = diagnostic ? [diagnostic] : undefined;
        actions.push(action);
      };
      add(this.replaceAction(document, finding));
      this.keyActions(document.uri, finding).forEach(add);
    }
    return actions;
  }

  private replaceAction(document: vscode.TextDocument, finding: Finding): vscode.CodeAction {
    const variable = envVariableFor(finding.kind === 'storedSecret' ? finding.secret : undefined);
    const replacement = envReplacement({
      languageId: document.languageId,
      path: document.uri.path,
      line: finding.line,
      lineText: document.lineAt(finding.line).text,
      start: finding.start,
      end: finding.end,
      variable,
      lineCount: document.lineCount,
      lineAt: (i) => document.lineAt(i).text,
      commentText: t('set {0} in the environment', variable),
    });
    const action = new vscode.CodeAction(replaceTitle(replacement, variable), vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const edit of replacement.edits) {
      action.edit.replace(document.uri, new vscode.Range(edit.line, edit.start, edit.line, edit.end), edit.text);
    }
    action.isPreferred = finding.kind === 'storedSecret';
    return action;
  }

  private keyActions(uri: vscode.Uri, finding: Finding): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const command = (title: string, id: string, ...args: unknown[]) => {
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.command = { title, command: id, arguments: args };
      actions.push(action);
    };
    const { accessKeyId } = finding;
    if (!isStsId(accessKeyId)) {
      command(t('Disable This AccessKey…'), Commands.leaksDisableAccessKey, { accessKeyId });
      if (this.guard.holders(accessKeyId).some((p) => p.kind === 'AccessKey')) {
        command(t('Rotate This AccessKey…'), Commands.ramRotateAccessKey, { accessKeyId });
      }
      if (this.guard.ownerOf(accessKeyId)?.source !== 'ram') {
        command(t('Find Who Owns This AccessKey'), Commands.leaksFindOwner, { accessKeyId });
      }
    }
    if (finding.kind === 'storedSecret' && this.guard.gitHistory(uri) === true) {
      command(t('Open File History'), OPEN_TIMELINE, uri);
    }
    command(t('Ignore in This File'), Commands.leaksIgnoreInFile, { accessKeyId, uri: uri.toString() });
    return actions;
  }
}

function replaceTitle(replacement: EnvReplacement, variable: string): string {
  switch (replacement.style) {
    case 'expression':
    case 'variable':
      return t('Read It from the Environment Variable {0}', variable);
    case 'comment':
      return t('Remove It and Name {0} in a Comment', variable);
    case 'placeholder':
      return t('Replace It with the Placeholder <{0}>', variable);
  }
}
