import * as vscode from 'vscode';
import { Commands } from '../../constants';
import {
  checkAccessKeyId, checkAccessKeySecret, checkCredentials, checkExpiration, checkLabel, checkTokenFor,
  isCloudSsoProfile, isRoleProfile, isStsAccessKeyId, type Profile, type ProfileSecrets, type RoleDefinition,
} from '../../credentials/profile';
import type { ProfileChanges } from '../../credentials/profileStore';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { UserFacingError } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { askText, must, pickLabel } from '../prompts';
import { applyRoleEdit, commonEditItems, editRoleProfile, pickEdit, ROLE_EDIT_KEYS, type EditRoleArgs } from './editRoleProfile';
import { resolveProfile, type ProfileTarget } from './profileTarget';
import { renameProfile } from './renameProfile';
import { setDefaultRegion } from './setDefaultRegion';

/** Without prompts: give what changes. Credentials change together (a new secret, or an ID with its secret). */
export interface EditProfileArgs extends ProfileTarget, EditRoleArgs {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  /** STS tokens: the new expiry (ISO 8601); empty clears it. */
  expiration?: string;
  regionId?: string;
  /** Empty (or null) removes the label. */
  label?: string | null;
  newName?: string;
}

const EDIT_KEYS = ['accessKeyId', 'accessKeySecret', 'securityToken', 'expiration', 'regionId', 'label', 'newName'] as const;

/** Applies a checked edit; a new key or secret forgets the last test and the key's age. */
export async function applyEdit(ctx: CommandContext, profile: Profile, changes: ProfileChanges, secrets?: ProfileSecrets): Promise<Profile> {
  const keyChanged = changes.accessKeyId !== undefined && changes.accessKeyId !== profile.accessKeyId;
  const updated = await ctx.store.update(profile.id, keyChanged ? { ...changes, keyCreatedAt: undefined } : changes, secrets);
  if (secrets || keyChanged) {
    await ctx.results.clear(profile.id);
  }
  return updated;
}

function credentialChanges(profile: Profile, input: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string; expiration?: string }): { changes: ProfileChanges; secrets: ProfileSecrets } {
  const checked = checkCredentials({ ...input, accessKeyId: input.accessKeyId ?? profile.accessKeyId });
  if (!checked.ok) {
    throw new UserFacingError(checked.message);
  }
  return {
    changes: { accessKeyId: checked.accessKeyId, kind: checked.kind, expiration: checked.expiration },
    secrets: checked.secrets,
  };
}

async function editFromArgs(ctx: CommandContext, profile: Profile, args: EditProfileArgs): Promise<Profile> {
  let changes: { -readonly [K in keyof ProfileChanges]: ProfileChanges[K] } = {};
  let secrets: ProfileSecrets | undefined;
  if (args.accessKeyId !== undefined || args.accessKeySecret !== undefined || args.securityToken !== undefined) {
    if (args.accessKeySecret === undefined) {
      throw new UserFacingError(t('A new AccessKey ID or token needs its secret too.'));
    }
    ({ changes, secrets } = credentialChanges(profile, args));
  } else if (args.expiration !== undefined) {
    if (profile.kind !== 'StsToken') {
      throw new UserFacingError(t('Only an STS token profile has an expiry.'));
    }
    changes.expiration = must(checkExpiration(args.expiration)) || undefined;
  }
  if (args.regionId !== undefined) {
    // Checked against the regions SLB offers, as Set Default Region does.
    await setDefaultRegion(ctx, { profileId: profile.id, regionId: args.regionId });
  }
  if (args.label !== undefined) {
    changes.label = must(checkLabel(args.label ?? '')) || undefined;
  }
  if (args.newName !== undefined) {
    await renameProfile(ctx, { profileId: profile.id, newName: args.newName });
  }
  if (Object.keys(changes).length === 0 && !secrets) {
    return (await ctx.store.get(profile.id)) ?? profile;
  }
  return applyEdit(ctx, (await ctx.store.get(profile.id)) ?? profile, changes, secrets);
}

/** A role profile holds no key: its definition changes, or what any profile has (name, label, region). */
async function editRole(ctx: CommandContext, profile: Profile & { role: RoleDefinition }, args: EditProfileArgs | undefined): Promise<Profile> {
  if (!isArgs(args)) {
    return editRoleProfile(ctx, profile);
  }
  if (args.accessKeyId !== undefined || args.accessKeySecret !== undefined || args.securityToken !== undefined || args.expiration !== undefined) {
    throw new UserFacingError(t('Profile "{0}" assumes a role and holds no key of its own: edit its source profile, or its role.', profile.name));
  }
  const updated = ROLE_EDIT_KEYS.some((k) => args[k] !== undefined) ? await applyRoleEdit(ctx, profile, args) : profile;
  return EDIT_KEYS.some((k) => args[k] !== undefined) ? editFromArgs(ctx, updated, args) : updated;
}

type EditChoice = 'secret' | 'key' | 'expiry' | 'label' | 'region' | 'rename';

/** Edit Profile: replace the secret, change the key, the STS expiry, the label, the region, or the name. */
export async function editProfile(ctx: CommandContext, args?: EditProfileArgs): Promise<Profile> {
  const profile = await resolveProfile(ctx, args, t('Edit Alibaba Cloud Profile'));
  if (isRoleProfile(profile)) {
    return editRole(ctx, profile, args);
  }
  if (isCloudSsoProfile(profile)) {
    return editCloudSso(ctx, profile, args);
  }
  if (isArgs(args) && EDIT_KEYS.some((k) => args[k] !== undefined)) {
    return editFromArgs(ctx, profile, args);
  }

  const title = t('Edit profile "{0}"', profile.name);
  const sts = profile.kind === 'StsToken';
  const items: Array<vscode.QuickPickItem & { choice: EditChoice }> = [
    { label: `$(key) ${sts ? t('Replace the secret and token') : t('Replace the secret')}`, description: t('same AccessKey ID {0}', maskAccessKeyId(profile.accessKeyId)), choice: 'secret' },
    { label: `$(arrow-swap) ${t('Use another AccessKey')}`, description: t('a new AccessKey ID and its secret'), choice: 'key' },
    ...(sts ? [{ label: `$(watch) ${t('Token expiry')}`, description: profile.expiration ?? t('unknown'), choice: 'expiry' as const }] : []),
    ...commonEditItems(profile),
  ];
  const pick = await pickEdit(items, title);
  switch (pick.choice) {
    case 'secret':
    case 'key': {
      const accessKeyId = pick.choice === 'key'
        ? await askText({ title, prompt: t('New AccessKey ID'), placeHolder: 'LTAI…', check: checkAccessKeyId })
        : profile.accessKeyId;
      const accessKeySecret = await askText({ title, prompt: t('New AccessKey secret for {0}', maskAccessKeyId(accessKeyId)), password: true, check: checkAccessKeySecret });
      let securityToken: string | undefined;
      let expiration: string | undefined;
      if (isStsAccessKeyId(accessKeyId)) {
        securityToken = await askText({ title, prompt: t('Its security token'), password: true, check: (v) => checkTokenFor(accessKeyId, v) });
        expiration = await askText({ title, prompt: t('When does the token expire? (e.g. 2030-01-31T12:00:00Z; empty if unknown)'), check: (v) => checkExpiration(v) }) || undefined;
      }
      const { changes, secrets } = credentialChanges(profile, { accessKeyId, accessKeySecret, securityToken, expiration });
      const updated = await applyEdit(ctx, profile, changes, secrets);
      void vscode.window.showInformationMessage(t('Profile "{0}" now uses {1}.', updated.name, maskAccessKeyId(updated.accessKeyId)), t('Test Credentials')).then((c) => {
        if (c) {
          void vscode.commands.executeCommand(Commands.testCredentials, { profileId: updated.id });
        }
      });
      return updated;
    }
    case 'expiry': {
      const value = await askText({ title, prompt: t('When does the token expire? (e.g. 2030-01-31T12:00:00Z; empty if unknown)'), value: profile.expiration, check: (v) => checkExpiration(v) });
      return applyEdit(ctx, profile, { expiration: value || undefined });
    }
    default:
      return commonEdit(ctx, profile, pick.choice, title);
  }
}

/** A CloudSSO profile holds no key: its account or access configuration is switched, or what any profile has changes. */
async function editCloudSso(ctx: CommandContext, profile: Profile, args: EditProfileArgs | undefined): Promise<Profile> {
  if (isArgs(args)) {
    if (args.accessKeyId !== undefined || args.accessKeySecret !== undefined || args.securityToken !== undefined || args.expiration !== undefined) {
      throw new UserFacingError(t('Profile "{0}" signs in with CloudSSO and holds no key of its own: switch its account or access configuration instead (Alibaba Cloud: Switch CloudSSO Account…).', profile.name));
    }
    return editFromArgs(ctx, profile, args);
  }
  const title = t('Edit profile "{0}"', profile.name);
  const items: Array<vscode.QuickPickItem & { choice: 'switch' | 'label' | 'region' | 'rename' }> = [
    { label: `$(arrow-swap) ${t('Switch CloudSSO account or access configuration')}`, description: profile.sso?.accessConfigurationName ?? profile.sso?.accessConfigurationId, choice: 'switch' },
    ...commonEditItems(profile),
  ];
  const pick = await pickEdit(items, title);
  switch (pick.choice) {
    case 'switch':
      return (await vscode.commands.executeCommand<Profile | undefined>(Commands.cloudSsoSwitch, { profileId: profile.id })) ?? profile;
    default:
      return commonEdit(ctx, profile, pick.choice, title);
  }
}

/** The edits every kind of profile has: its environment label, default region and name. */
async function commonEdit(ctx: CommandContext, profile: Profile, choice: 'label' | 'region' | 'rename', title: string): Promise<Profile> {
  switch (choice) {
    case 'label':
      return applyEdit(ctx, profile, { label: await pickLabel(title, profile.label) });
    case 'region':
      return (await setDefaultRegion(ctx, { profileId: profile.id })).profile;
    case 'rename':
      return renameProfile(ctx, { profileId: profile.id });
  }
}
