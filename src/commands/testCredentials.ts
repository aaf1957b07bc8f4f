import * as vscode from 'vscode';
import { testCredentials as runTest, type CredentialTestResult } from '../credentials/credentialCheck';
import { t } from '../util/l10n';
import { UserFacingError, sessionFor, type CommandContext } from './context';

export interface TestCredentialsArgs {
  profileId?: string;
}

/** Test Credentials: who the key is (STS), then whether it may use SLB; the result is kept for the status bar. */
export async function testCredentials(ctx: CommandContext, args?: TestCredentialsArgs): Promise<CredentialTestResult> {
  const profile = args?.profileId ? await ctx.store.get(args.profileId) : await ctx.active.current();
  if (!profile) {
    throw new UserFacingError(t('There is no profile to test. Add one first.'));
  }
  const session = await sessionFor(ctx, profile);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Testing profile "{0}"', profile.name) },
    (progress) => runTest(profile, session, {
      report: (stage) => progress.report({
        message: stage === 'identity' ? t('Who is this key? (STS GetCallerIdentity)') : t('May it use SLB? (DescribeRegions)'),
      }),
    }),
  );
  await ctx.results.set(result);
  ctx.log.info(`[test] profile "${profile.name}": ${result.ok ? 'ok' : `failed (${result.identityCheck.code ?? result.slbCheck?.code ?? 'error'})`}`);

  const showLog = t('Show Log');
  const shown = result.ok
    ? vscode.window.showInformationMessage(result.summary)
    : vscode.window.showErrorMessage(result.summary, showLog);
  void shown.then((choice) => {
    if (choice === showLog) {
      ctx.log.show();
    }
  });
  return result;
}
