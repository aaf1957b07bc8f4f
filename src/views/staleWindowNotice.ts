import * as vscode from 'vscode';
import type { SharedSecrets } from '../credentials/sharedSecrets';
import { t } from '../util/l10n';

/**
 * When another window changed the profiles and this window cannot see it (VS Code for the Web
 * keeps a copy of secret storage per window), say so once, with Reload Window: until then this
 * window refuses to change profiles, so that it cannot wipe what the other one saved.
 */
export function showStaleWindowNotice(secrets: SharedSecrets): vscode.Disposable {
  return secrets.onDidBecomeStale(() => {
    const reload = t('Reload Window');
    void vscode.window.showWarningMessage(
      t('Your Alibaba Cloud profiles were changed in another VS Code window. Reload this window to see the changes; until then it will not change any profile, so nothing the other window saved is lost.'),
      reload,
    ).then((choice) => {
      if (choice === reload) {
        void vscode.commands.executeCommand('workbench.action.reloadWindow');
      }
    });
  });
}
