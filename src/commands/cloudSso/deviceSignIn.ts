import * as vscode from 'vscode';
import { CloudSsoError, type CloudSsoPortal } from '../../aliyun/cloudSsoPortal';
import { startDeviceLogin, waitForApproval, type StartedLogin } from '../../credentials/cloudSso/deviceLogin';
import { hostOf } from '../../credentials/cloudSso/signIns';
import { UserCancelled } from '../../util/errors';
import { t } from '../../util/l10n';
import type { CommandContext } from '../context';
import { explainPortalFailure, type SignInPlace } from './signInFailure';

export interface DeviceSignInOptions {
  /**
   * Show the code, then copy it and open the portal's page in the browser; false for callers that
   * approve on the page themselves (tests), who only get the progress with the code.
   */
  readonly openBrowser: boolean;
}

async function start(portal: CloudSsoPortal, place: SignInPlace): Promise<StartedLogin> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Contacting the CloudSSO portal {0}…', place.host) },
      () => startDeviceLogin(portal),
    );
  } catch (error) {
    throw explainPortalFailure(error, place);
  }
}

/** The person sees the code first, so they can check the page shows the same one (a phished page would not). */
async function showCode(login: StartedLogin, place: SignInPlace, options: DeviceSignInOptions): Promise<void> {
  const { userCode, verificationUri, verificationUriComplete } = login.authorization;
  if (options.openBrowser) {
    const go = t('Copy Code and Open Browser');
    const choice = await vscode.window.showInformationMessage(
      t('Sign in to CloudSSO with the code {0}', userCode),
      {
        modal: true,
        detail: t('Your browser opens the sign-in page of {0}. Check that it shows the code {1} (it is also on the clipboard), sign in and approve. This window waits for you.', place.host, userCode),
      },
      go,
    );
    if (choice !== go) {
      throw new UserCancelled();
    }
    await vscode.env.clipboard.writeText(userCode);
    await vscode.env.openExternal(vscode.Uri.parse(verificationUriComplete ?? verificationUri));
  }
}

/**
 * The device sign-in to one directory: the code, the browser, a cancellable wait for approval;
 * the access token goes to secret storage only. Every outcome but success is said plainly, and
 * nothing is stored then.
 */
export async function deviceSignIn(ctx: CommandContext, signInUrl: string, options: DeviceSignInOptions): Promise<void> {
  const place: SignInPlace = { signInUrl, host: hostOf(signInUrl) };
  const portal = await ctx.cloudSso.portal(signInUrl);
  const login = await start(portal, place);
  const withCode: SignInPlace = { ...place, userCode: login.authorization.userCode };
  ctx.log.info(`[cloudsso] sign-in to ${place.host} started; waiting for approval in the browser`);
  try {
    await showCode(login, withCode, options);
    const token = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        cancellable: true,
        title: t('CloudSSO sign-in: approve the code {0} in your browser…', login.authorization.userCode),
      },
      async (_progress, cancellation) => {
        const abort = new AbortController();
        const listener = cancellation.onCancellationRequested(() => abort.abort());
        try {
          return await waitForApproval(portal, login, { signal: abort.signal });
        } finally {
          listener.dispose();
        }
      },
    );
    await ctx.cloudSso.signIns.save(signInUrl, token);
    ctx.log.info(`[cloudsso] signed in to ${place.host} until ${token.expiresAt}`);
  } catch (error) {
    if (error instanceof UserCancelled || error instanceof vscode.CancellationError) {
      ctx.log.info(`[cloudsso] sign-in to ${place.host} cancelled`);
      void vscode.window.showInformationMessage(t('CloudSSO sign-in cancelled. Nothing was saved.'));
      throw new UserCancelled();
    }
    const explained = explainPortalFailure(error, withCode);
    ctx.log.warn(`[cloudsso] sign-in to ${place.host} failed: ${error instanceof CloudSsoError ? error.kind : error instanceof Error ? error.name : 'error'}`);
    throw explained;
  }
}
