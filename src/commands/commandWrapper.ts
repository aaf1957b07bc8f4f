import * as vscode from 'vscode';
import { AliyunError } from '../aliyun/errors';
import { Commands } from '../constants';
import { SignInExpiredError } from '../credentials/cloudSso/cloudSsoCredentials';
import { errorMessage, UserCancelled } from '../util/errors';
import { t } from '../util/l10n';
import { redact } from '../util/mask';

/**
 * Registers a command behind the one error path: silent on cancellation, logged with the command
 * id, shown with a "Show Log" action. The notification is not awaited, so the command returns.
 */
export function registerCommand(
  id: string,
  handler: (...args: unknown[]) => Promise<unknown>,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, wrapCommand(id, handler, log));
}

/** The handler behind the one error path, for a command registered elsewhere (a stub made at activation). */
export function wrapCommand(id: string, handler: (...args: unknown[]) => Promise<unknown>, log: vscode.LogOutputChannel): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof UserCancelled || error instanceof vscode.CancellationError) {
        return undefined;
      }
      const message = errorMessage(error);
      if (error instanceof AliyunError) {
        log.error(`[${id}] ${error.toLogString()}`);
      } else {
        log.error(`[${id}] ${redact(message)}`);
      }
      const showLog = t('Show Log');
      // An ended CloudSSO sign-in is fixed by signing in again, so that is offered first.
      const signInAgain = error instanceof SignInExpiredError ? t('Sign In Again') : undefined;
      void vscode.window.showErrorMessage(message, ...(signInAgain ? [signInAgain] : []), showLog).then((choice) => {
        if (choice === showLog) {
          log.show();
        } else if (choice !== undefined && choice === signInAgain && error instanceof SignInExpiredError) {
          void vscode.commands.executeCommand(Commands.cloudSsoSignInAgain, { signInUrl: error.signInUrl });
        }
      });
      return undefined;
    }
  };
}
