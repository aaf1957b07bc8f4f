import * as vscode from 'vscode';
import { isRoleProfile, type Profile } from '../../credentials/profile';
import { rolesAssumedWith } from '../../credentials/serving/servedCredentials';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { isArgs } from '../args';
import { roleProfileInput, storeRoleProfile } from '../profiles/addRoleProfile';
import type { ProgramsContext } from './programsContext';

export interface ChooseServedRoleArgs {
  /** The AccessKey profile (default: the active one). */
  profileId?: string;
  roleProfileId?: string;
}

/**
 * The role programs get while an AccessKey profile is active: one of the role profiles that assume
 * a role with it, or a new one made with the Add Role Profile steps, its source already chosen.
 */
export async function pickServedRole(pctx: ProgramsContext, key: Profile): Promise<Profile> {
  const roles = await rolesAssumedWith(key, await pctx.store.list());
  const current = pctx.serving.roleFor(key.id);
  const items = [
    ...roles.map((p) => ({
      label: p.name,
      description: [p.role?.roleArn.split('/').pop(), p.id === current ? t('chosen') : undefined].filter(Boolean).join(' · '),
      detail: p.role?.sourceProfileId === key.id ? undefined : t('through other role profiles'),
      profile: p as Profile | undefined,
    })),
    { label: `$(add) ${t('Add a Role Profile…')}`, description: t('assumed with "{0}"', key.name), detail: undefined, profile: undefined },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: t('Serve Credentials to Programs'),
    placeHolder: t('Profile "{0}" holds a long-lived AccessKey, which is never served. Which role should programs get, assumed with it?', key.name),
    ignoreFocusOut: true,
  });
  if (!pick) {
    throw new UserCancelled();
  }
  if (pick.profile) {
    return pick.profile;
  }
  return storeRoleProfile(pctx, await roleProfileInput(pctx, { sourceProfileId: key.id }, true));
}

/** Choose Role to Serve: which role programs get while this AccessKey profile is active here (kept per workspace). */
export async function chooseServedRole(pctx: ProgramsContext, args?: ChooseServedRoleArgs): Promise<{ profileId: string; roleProfileId: string }> {
  const fromArgs = isArgs(args);
  const key = fromArgs && args.profileId ? await pctx.store.get(args.profileId) : await pctx.active.current();
  if (!key) {
    throw new UserFacingError(t('There is no Alibaba Cloud profile to serve. Add one first.'));
  }
  if (key.kind !== 'AccessKey') {
    throw new UserFacingError(t('Profile "{0}" holds temporary credentials: programs get them as they are, without a role.', key.name));
  }
  const role = fromArgs
    ? (await rolesAssumedWith(key, await pctx.store.list())).find((p) => p.id === args.roleProfileId)
    : await pickServedRole(pctx, key);
  if (!role || !isRoleProfile(role)) {
    throw new UserFacingError(t('Name a role profile that assumes a role with "{0}" (roleProfileId).', key.name));
  }
  await pctx.serving.chooseRole(key.id, role.id);
  if (!fromArgs) {
    void vscode.window.showInformationMessage(t('While "{0}" is active in this workspace, programs get the temporary credentials of role profile "{1}".', key.name, role.name));
  }
  pctx.log.info(`[serve] "${key.name}" is served through role profile "${role.name}" in this workspace`);
  return { profileId: key.id, roleProfileId: role.id };
}
