import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { ProgramServing } from '../../credentials/serving/programServing';
import { t } from '../../util/l10n';

/**
 * When a program is refused because the active profile is an AccessKey profile without a chosen
 * role, says so once per profile in this window and offers the choice (the program's own error
 * names the command too).
 */
export function showNeedsRoleNotice(serving: ProgramServing): vscode.Disposable {
  const told = new Set<string>();
  return serving.onNeedsRole((profile) => {
    if (told.has(profile.id)) {
      return;
    }
    told.add(profile.id);
    const choose = t('Choose Role…');
    void vscode.window.showWarningMessage(
      t('A program asked for credentials, but the active profile "{0}" holds a long-lived AccessKey, which is never served. Choose a role for programs to get instead?', profile.name),
      choose,
    ).then((choice) => {
      if (choice === choose) {
        void vscode.commands.executeCommand(Commands.programsChooseRole);
      }
    });
  });
}
