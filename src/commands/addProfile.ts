import * as vscode from 'vscode';
import { Commands } from '../constants';
import {
  checkAccessKeyId, checkAccessKeySecret, checkCredentials, checkExpiration, checkLabel, checkProfileName, checkRegionId,
  checkTokenFor, DEFAULT_REGION, FALLBACK_REGIONS, isStsAccessKeyId, type Profile,
} from '../credentials/profile';
import { t } from '../util/l10n';
import { maskAccessKeyId } from '../util/mask';
import { UserCancelled, UserFacingError } from '../util/errors';
import { isArgs } from './args';
import type { CommandContext } from './context';
import { askText, must, pickLabel, pickRegion } from './prompts';
import { roleProfileInput, storeRoleProfile, type RoleProfileArgs } from './profiles/addRoleProfile';

/** Arguments for running the command without prompts (from another extension or a test). */
export interface AddProfileArgs {
  name?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  /** Required with an `STS.` AccessKey ID, refused with any other. */
  securityToken?: string;
  /** STS tokens: when the token expires (ISO 8601). */
  expiration?: string;
  regionId?: string;
  /** Environment label: dev, test, prod … */
  label?: string;
  /** Make it the active profile (default true). */
  activate?: boolean;
}


/** Add Profile: an AccessKey (or STS token) profile, or a role profile assumed with one. */
export async function addProfile(ctx: CommandContext, args?: AddProfileArgs | (RoleProfileArgs & { kind: 'RamRole'; activate?: boolean })): Promise<Profile> {
  const interactive = !isArgs(args);
  if ((args && 'kind' in args && args.kind === 'RamRole') || (interactive && await wantsRole(ctx))) {
    const profile = await storeRoleProfile(ctx, await roleProfileInput(ctx, interactive ? {} : (args as RoleProfileArgs), interactive));
    return afterAdding(ctx, profile, interactive, args?.activate);
  }
  return addKeyProfile(ctx, interactive ? undefined : (args as AddProfileArgs));
}

/** With a profile to assume it with, a role is offered beside a key. */
async function wantsRole(ctx: CommandContext): Promise<boolean> {
  if ((await ctx.store.list()).length === 0) {
    return false;
  }
  const key = { label: t('AccessKey'), description: t('an AccessKey ID and secret, or an STS token'), role: false };
  const role = { label: t('Role'), description: t('assume a RAM role with one of your profiles: temporary credentials, renewed for you'), role: true };
  const pick = await vscode.window.showQuickPick([key, role], { title: t('Add Alibaba Cloud Profile'), placeHolder: t('What kind of profile?'), ignoreFocusOut: true });
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.role;
}

async function afterAdding(ctx: CommandContext, profile: Profile, interactive: boolean, activate: boolean | undefined): Promise<Profile> {
  if (interactive || activate !== false) {
    await ctx.active.set(profile.id);
    ctx.log.info(`[profiles] "${profile.name}" (${profile.role ? profile.role.roleArn.split('/').pop() : maskAccessKeyId(profile.accessKeyId)}) is now active`);
  }
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

async function addKeyProfile(ctx: CommandContext, args: AddProfileArgs | undefined): Promise<Profile> {
  const taken = (await ctx.store.list()).map((p) => p.name);
  const interactive = args === undefined;
  const title = t('Add Alibaba Cloud Profile');

  let name: string, accessKeyId: string, accessKeySecret: string, securityToken: string | undefined;
  let expiration: string | undefined, regionId: string, label: string | undefined;
  if (interactive) {
    name = await askText({
      title: `${title} (1/5)`, prompt: t('A name for this profile'), placeHolder: t('e.g. dev-account'),
      value: taken.length === 0 ? 'default' : undefined, check: (v) => checkProfileName(v, taken),
    });
    accessKeyId = await askText({
      title: `${title} (2/5)`, prompt: t('AccessKey ID (LTAI…, or STS.… for a temporary one)'), placeHolder: 'LTAI…', check: checkAccessKeyId,
    });
    accessKeySecret = await askText({
      title: `${title} (3/5)`, prompt: t('AccessKey secret (kept in VS Code\'s secret storage, never in a file)'),
      password: true, check: checkAccessKeySecret,
    });
    if (isStsAccessKeyId(accessKeyId)) {
      securityToken = await askText({
        title: `${title} (3/5)`, prompt: t('This is an STS AccessKey ID: paste its security token'),
        password: true, check: (v) => checkTokenFor(accessKeyId, v),
      });
      expiration = await askText({
        title: `${title} (3/5)`, prompt: t('When does the token expire? (e.g. 2030-01-31T12:00:00Z; empty if unknown)'),
        check: (v) => checkExpiration(v),
      }) || undefined;
    }
    regionId = await pickRegion(`${title} (4/5)`, FALLBACK_REGIONS.map((r) => ({ regionId: r })), DEFAULT_REGION, undefined, t('default'));
    label = await pickLabel(`${title} (5/5)`);
  } else {
    name = must(checkProfileName(args.name, taken));
    const checked = checkCredentials(args);
    if (!checked.ok) {
      throw new UserFacingError(checked.message);
    }
    ({ accessKeyId, expiration } = checked);
    ({ accessKeySecret, securityToken } = checked.secrets);
    regionId = args.regionId === undefined ? DEFAULT_REGION : must(checkRegionId(args.regionId));
    label = must(checkLabel(args.label)) || undefined;
  }

  const profile = await ctx.store.add(
    { name, accessKeyId, regionId, kind: securityToken ? 'StsToken' : 'AccessKey', label, expiration, source: 'manual' },
    { accessKeySecret, securityToken },
  );
  return afterAdding(ctx, profile, interactive, args?.activate);
}
