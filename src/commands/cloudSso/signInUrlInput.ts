import * as vscode from 'vscode';
import { checkSignInUrl } from '../../aliyun/cloudSsoPortal';
import { isCloudSsoProfile } from '../../credentials/profile';
import type { CheckedValue } from '../../util/checked';
import { UserCancelled } from '../../util/errors';
import { t } from '../../util/l10n';
import { readCloudSsoSettings } from '../../config';
import type { CommandContext } from '../context';
import { askText, asTextCheck, must } from '../prompts';

/** The sign-in URL check with the person's setting for plain http (alibabaCloud.allowInsecureEndpoints). */
export function checkUrl(raw: string | undefined): CheckedValue<string> {
  return checkSignInUrl(raw, { allowInsecure: readCloudSsoSettings().allowInsecure });
}

/** A sign-in URL from arguments, checked: a clear refusal before anything is sent or stored. */
export function signInUrlFromArgs(raw: unknown): string {
  return must(checkUrl(typeof raw === 'string' ? raw : undefined));
}

/** The sign-in URL: one used before (most recent first) or of a profile (imported from the aliyun CLI, say), or typed. */
export async function askSignInUrl(ctx: CommandContext, title: string): Promise<string> {
  const ofProfiles = (await ctx.store.list()).filter(isCloudSsoProfile).map((p) => p.sso.signInUrl);
  const known = [...new Set([...await ctx.cloudSso.signIns.knownSignInUrls(), ...ofProfiles])];
  if (known.length > 0) {
    interface UrlItem extends vscode.QuickPickItem { readonly url?: string }
    const items: UrlItem[] = [
      ...known.map((url) => ({ label: url, url })),
      { label: `$(edit) ${t('Enter Another Sign-In URL…')}` },
    ];
    const pick = await vscode.window.showQuickPick(items, { title, placeHolder: t('Which CloudSSO directory? (its user portal sign-in URL)'), ignoreFocusOut: true });
    if (!pick) {
      throw new UserCancelled();
    }
    if (pick.url) {
      return must(checkUrl(pick.url));
    }
  }
  return askText({
    title,
    prompt: t('The CloudSSO user portal sign-in URL (the CloudSSO console shows it on its Overview page)'),
    placeHolder: 'https://signin-cn-shanghai.alibabacloudsso.com/start/login',
    check: asTextCheck(checkUrl),
  });
}
