import * as vscode from 'vscode';
import type { IgnoredFinding } from '../../leaks/ignoredFindings';
import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import type { LeakGuard } from '../../views/leaks/leakGuard';
import { isArgs } from '../args';
import { idAtCursor } from './findKeyOwner';

export interface IgnoreInFileArgs {
  accessKeyId?: string;
  /** The file's URI (a string, as a code action or link passes it); default: the active editor's. */
  uri?: string;
}

/**
 * Ignore in This File: the key is no longer shown for this file, now or after a reload. Workspace
 * state keeps the AccessKey ID (for a secret, the ID of the profile that holds it) and the path.
 */
export async function ignoreInFile(guard: LeakGuard, arg?: unknown): Promise<IgnoredFinding> {
  const args = (isArgs(arg) ? arg : {}) as IgnoreInFileArgs;
  const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
  const accessKeyId = typeof args.accessKeyId === 'string' && args.accessKeyId.trim() ? args.accessKeyId.trim() : idAtCursor(guard);
  if (!uri || !accessKeyId) {
    throw new UserFacingError(t('Put the cursor on an AccessKey ID or secret that detection found, or pass accessKeyId and uri.'));
  }
  const entry = { accessKeyId, path: guard.pathOf(uri) };
  await guard.ignored.add(entry.accessKeyId, entry.path);
  return entry;
}
