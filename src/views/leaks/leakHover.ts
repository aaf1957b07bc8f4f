import * as vscode from 'vscode';
import { Commands, LeakDiagnostics } from '../../constants';
import { isStsId, type Finding } from '../../leaks/findings';
import { t } from '../../util/l10n';
import { toRange, type LeakGuard } from './leakGuard';

function commandLink(title: string, command: string, args: unknown): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([args]))})`;
}

/** The hover over a finding: the diagnostic's words, and links to find the owner or ignore it here. */
export class LeakHoverProvider implements vscode.HoverProvider {
  constructor(private readonly guard: LeakGuard) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const findings = this.guard.findingsAt(document.uri, new vscode.Range(position, position));
    if (findings.length === 0) {
      return undefined;
    }
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [Commands.leaksFindOwner, Commands.leaksIgnoreInFile] };
    markdown.appendMarkdown(`**${LeakDiagnostics.source}**\n\n`);
    for (const finding of findings) {
      markdown.appendText(this.guard.diagnostic(document.uri, finding).message);
      markdown.appendMarkdown(`\n\n${this.links(document.uri, finding).join(' · ')}\n\n`);
    }
    return new vscode.Hover(markdown, toRange(findings[0]));
  }

  private links(uri: vscode.Uri, finding: Finding): string[] {
    const links: string[] = [];
    const owner = this.guard.ownerOf(finding.accessKeyId);
    if (!isStsId(finding.accessKeyId) && owner?.source !== 'ram') {
      links.push(commandLink(t('Find Owner'), Commands.leaksFindOwner, { accessKeyId: finding.accessKeyId }));
    }
    links.push(commandLink(t('Ignore in This File'), Commands.leaksIgnoreInFile, { accessKeyId: finding.accessKeyId, uri: uri.toString() }));
    return links;
  }
}
