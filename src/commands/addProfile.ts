import * as vscode from 'vscode';
import { Commands } from '../constants';
import {
  checkAccessKeyId, checkAccessKeySecret, checkProfileName, checkSecurityToken, DEFAULT_REGION, FALLBACK_REGIONS,
  isStsAccessKeyId, type Checked, type Profile,
} from '../credentials/profile';
import { t } from '../util/l10n';
import { maskAccessKeyId } from '../util/mask';
import { UserCancelled, UserFacingError, type CommandContext } from './context';
import { askText } from './prompts';

/** Arguments for running the command without prompts (from another extension or a test). */
export interface AddProfileArgs {
  name?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  regionId?: string;
  label?: string;
}

function must(checked: Checked): string {
  if (!checked.ok) {
    throw new UserFacingError(checked.message);
  }
  return checked.value;
}

/** Add Profile: name, AccessKey ID, secret (password box), STS token when needed, region. */
export async function addProfile(ctx: CommandContext, args?: AddProfileArgs): Promise<Profile> {
  const taken = (await ctx.store.list()).map((p) => p.name);
  const interactive = !args || typeof args !== 'object';
  const title = t('Add Alibaba Cloud Profile');

  let name: string, accessKeyId: string, accessKeySecret: string, securityToken: string | undefined, regionId: string;
  if (interactive) {
    name = await askText({
      title: `${title} (1/4)`, prompt: t('A name for this profile'), placeHolder: t('e.g. dev-account'),
      value: taken.length === 0 ? 'default' : undefined, check: (v) => checkProfileName(v, taken),
    });
    accessKeyId = await askText({
      title: `${title} (2/4)`, prompt: t('AccessKey ID'), placeHolder: 'LTAI…', check: checkAccessKeyId,
    });
    accessKeySecret = await askText({
      title: `${title} (3/4)`, prompt: t('AccessKey secret (kept in VS Code\'s secret storage, never in a file)'),
      password: true, check: checkAccessKeySecret,
    });
    if (isStsAccessKeyId(accessKeyId)) {
      securityToken = await askText({
        title: `${title} (3/4)`, prompt: t('This is an STS AccessKey ID: paste its security token'),
        password: true, check: checkSecurityToken,
      });
    }
    const pick = await vscode.window.showQuickPick(
      FALLBACK_REGIONS.map((r) => ({ label: r, picked: r === DEFAULT_REGION })),
      { title: `${title} (4/4)`, placeHolder: t('Default region ({0} if unsure)', DEFAULT_REGION), ignoreFocusOut: true },
    );
    if (!pick) {
      throw new UserCancelled();
    }
    regionId = pick.label;
  } else {
    name = must(checkProfileName(args.name, taken));
    accessKeyId = must(checkAccessKeyId(args.accessKeyId));
    accessKeySecret = must(checkAccessKeySecret(args.accessKeySecret));
    securityToken = args.securityToken !== undefined ? must(checkSecurityToken(args.securityToken)) : undefined;
    regionId = args.regionId?.trim() || DEFAULT_REGION;
  }
  if (isStsAccessKeyId(accessKeyId) && !securityToken) {
    throw new UserFacingError(t('An STS AccessKey ID (STS.…) works only with its security token.'));
  }

  const profile = await ctx.store.add(
    {
      name, accessKeyId, regionId,
      kind: securityToken ? 'StsToken' : 'AccessKey',
      label: args?.label?.trim() || undefined,
      source: 'manual',
    },
    { accessKeySecret, securityToken },
  );
  await ctx.active.set(profile.id);
  ctx.log.info(`[profiles] "${profile.name}" (${maskAccessKeyId(accessKeyId)}) is now active`);

  if (interactive) {
    const test = t('Test Credentials');
    void vscode.window.showInformationMessage(t('Profile "{0}" added and selected.', profile.name), test).then((choice) => {
      if (choice === test) {
        void vscode.commands.executeCommand(Commands.testCredentials, { profileId: profile.id });
      }
    });
  }
  return profile;
}
