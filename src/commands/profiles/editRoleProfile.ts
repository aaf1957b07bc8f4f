import * as vscode from 'vscode';
import { checkLabel, type Profile, type RoleDefinition } from '../../credentials/profile';
import { resolveChain } from '../../credentials/roles/roleChain';
import { checkDuration, checkExternalId, checkSessionName, checkSessionPolicy, parseRoleArn, type CheckedValue } from '../../credentials/roles/roleInput';
import { UserCancelled } from '../../util/errors';
import { t } from '../../util/l10n';
import type { CommandContext } from '../context';
import { askText, asTextCheck, must, pickLabel } from '../prompts';
import { renameProfile } from './renameProfile';
import { setDefaultRegion } from './setDefaultRegion';

/** What can change in a role profile from arguments (the definition; name, label and region as for any profile). */
export interface EditRoleArgs {
  sourceProfileId?: string;
  roleArn?: string;
  sessionName?: string;
  durationSeconds?: number;
  /** Empty removes it. */
  externalId?: string;
  /** Empty removes it. */
  policy?: string;
}

export const ROLE_EDIT_KEYS = ['sourceProfileId', 'roleArn', 'sessionName', 'durationSeconds', 'externalId', 'policy'] as const;


/** Checks the new definition, that its source exists and that the chain does not come back to this profile, then stores it. */
export async function applyRoleEdit(ctx: CommandContext, profile: Profile & { role: RoleDefinition }, args: EditRoleArgs): Promise<Profile> {
  const role: RoleDefinition = {
    roleArn: args.roleArn !== undefined ? must(parseRoleArn(args.roleArn)).arn : profile.role.roleArn,
    sourceProfileId: args.sourceProfileId ?? profile.role.sourceProfileId,
    sessionName: args.sessionName !== undefined ? must(checkSessionName(args.sessionName)) : profile.role.sessionName,
    durationSeconds: args.durationSeconds !== undefined ? must(checkDuration(args.durationSeconds)) : profile.role.durationSeconds,
    externalId: args.externalId !== undefined ? must(checkExternalId(args.externalId)) : profile.role.externalId,
    policy: args.policy !== undefined ? must(checkSessionPolicy(args.policy)) : profile.role.policy,
  };
  await resolveChain({ ...profile, role }, (id) => ctx.store.get(id));
  const updated = await ctx.store.update(profile.id, { role });
  await ctx.results.clear(profile.id);
  return updated;
}

/** What any profile lets change: its label, region and name. */
export function commonEditItems(profile: Profile): Array<vscode.QuickPickItem & { choice: 'label' | 'region' | 'rename' }> {
  return [
    { label: `$(tag) ${t('Environment label')}`, description: profile.label ?? t('none'), choice: 'label' },
    { label: `$(globe) ${t('Default region')}`, description: profile.regionId, choice: 'region' },
    { label: `$(edit) ${t('Rename')}`, description: profile.name, choice: 'rename' },
  ];
}

/** Asks what to change; throws UserCancelled when the picker is closed. */
export async function pickEdit<T extends vscode.QuickPickItem>(items: T[], title: string): Promise<T> {
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: t('What do you want to change?') });
  if (!pick) {
    throw new UserCancelled();
  }
  return pick;
}

type RoleChoice = 'source' | 'role' | 'session' | 'duration' | 'externalId' | 'policy' | 'label' | 'region' | 'rename';

/** Edit Profile for a role profile: the parts of its definition, or what any profile has. */
export async function editRoleProfile(ctx: CommandContext, profile: Profile & { role: RoleDefinition }): Promise<Profile> {
  const title = t('Edit profile "{0}"', profile.name);
  const source = await ctx.store.get(profile.role.sourceProfileId);
  const items: Array<vscode.QuickPickItem & { choice: RoleChoice }> = [
    { label: `$(account) ${t('Source profile')}`, description: source?.name ?? t('(missing)'), choice: 'source' },
    { label: `$(organization) ${t('Role ARN')}`, description: profile.role.roleArn, choice: 'role' },
    { label: `$(symbol-string) ${t('Session name')}`, description: profile.role.sessionName, choice: 'session' },
    { label: `$(watch) ${t('Duration (seconds)')}`, description: String(profile.role.durationSeconds), choice: 'duration' },
    { label: `$(lock) ${t('External ID')}`, description: profile.role.externalId ? t('set') : t('none'), choice: 'externalId' },
    { label: `$(shield) ${t('Session policy')}`, description: profile.role.policy ? t('set') : t('none'), choice: 'policy' },
    ...commonEditItems(profile),
  ];
  const pick = await pickEdit(items, title);
  const text = (prompt: string, value: string, check: (v: string) => CheckedValue<unknown>) => askText({ title, prompt, value, check: asTextCheck(check) });
  switch (pick.choice) {
    case 'source': {
      const others = (await ctx.store.list()).filter((p) => p.id !== profile.id);
      const chosen = await vscode.window.showQuickPick(others.map((p) => ({ label: p.name, description: p.regionId, id: p.id })), { title, placeHolder: t('Which profile assumes the role? (its RAM user needs sts:AssumeRole)') });
      if (!chosen) {
        throw new UserCancelled();
      }
      return applyRoleEdit(ctx, profile, { sourceProfileId: chosen.id });
    }
    case 'role':
      return applyRoleEdit(ctx, profile, { roleArn: await text(t('Role ARN, e.g. acs:ram::1234567890123456:role/deployer'), profile.role.roleArn, parseRoleArn) });
    case 'session':
      return applyRoleEdit(ctx, profile, { sessionName: await text(t('Session name (shows in the role\'s audit trail)'), profile.role.sessionName, checkSessionName) });
    case 'duration':
      return applyRoleEdit(ctx, profile, { durationSeconds: Number(await text(t('How long the temporary credentials last, in seconds (renewed for you before they expire)'), String(profile.role.durationSeconds), checkDuration)) });
    case 'externalId':
      return applyRoleEdit(ctx, profile, { externalId: await text(t('External ID, if the role asks for one (empty if not)'), profile.role.externalId ?? '', checkExternalId) });
    case 'policy':
      return applyRoleEdit(ctx, profile, { policy: await text(t('Session policy (JSON; empty for none)'), profile.role.policy ?? '', checkSessionPolicy) });
    case 'label':
      return ctx.store.update(profile.id, { label: must(checkLabel(await pickLabel(title, profile.label) ?? '')) || undefined });
    case 'region':
      return (await setDefaultRegion(ctx, { profileId: profile.id })).profile;
    case 'rename':
      return renameProfile(ctx, { profileId: profile.id });
  }
}
