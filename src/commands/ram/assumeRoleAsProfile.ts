import * as vscode from 'vscode';
import type { RamRole } from '../../aliyun/types';
import { Commands } from '../../constants';
import type { Profile } from '../../credentials/profile';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { RamRoleNode } from '../../views/ram/roleNodes';
import { commandInput } from '../args';
import type { CommandContext } from '../context';
import { roleProfileInput, storeRoleProfile, type RoleProfileArgs } from '../profiles/addRoleProfile';
import { resolveRole } from './pickRole';

/** Arguments: what Add Profile takes for a role; `roleArn` comes from the node when run on one. */
export interface AssumeRoleAsProfileArgs extends RoleProfileArgs {
  /** Make the new profile the active one (default false: the RAM view stays on the account being browsed). */
  activate?: boolean;
}

/**
 * Assume Role as Profile…: a role profile for a role of the RAM view. On a node (or from the
 * palette, with a picker) it asks which profile assumes the role, the active one first, and then
 * the rest through Add Profile's role questions; the external ID the trust policy asks for is
 * filled in. With arguments it asks nothing.
 */
export async function assumeRoleAsProfile(ctx: CommandContext, arg?: unknown, options?: unknown): Promise<Profile> {
  const { node, args, interactive } = commandInput<AssumeRoleAsProfileArgs>(arg, options);
  if (!interactive) {
    const roleArn = args.roleArn ?? (node instanceof RamRoleNode ? node.role.arn : undefined);
    const profile = await storeRoleProfile(ctx, await roleProfileInput(ctx, { ...args, roleArn }, false));
    if (args.activate) {
      await ctx.active.set(profile.id);
    }
    return profile;
  }
  const title = t('Assume Role as Profile');
  const role = await resolveRole(ctx.ram, node, title);
  const source = await pickSource(ctx, role, title);
  const trust = await ctx.ram.model.roles.trust(role.roleName);
  const externalId = trust.ok ? trust.value.externalId : undefined;
  const profile = await storeRoleProfile(ctx, await roleProfileInput(ctx, { roleArn: role.arn, sourceProfileId: source.id, externalId }, true));
  const select = t('Select Profile');
  const test = t('Test Credentials');
  void vscode.window.showInformationMessage(t('Role profile "{0}" added: it assumes {1} with profile "{2}".', profile.name, role.roleName, source.name), select, test)
    .then((choice) => {
      if (choice === select) {
        void vscode.commands.executeCommand(Commands.selectProfile, { profileId: profile.id });
      } else if (choice === test) {
        void vscode.commands.executeCommand(Commands.testCredentials, { profileId: profile.id });
      }
    });
  return profile;
}

/** The profile whose credentials assume the role: the active one (whose account is in view) first; no question when there is one. */
async function pickSource(ctx: CommandContext, role: RamRole, title: string): Promise<Profile> {
  const active = await ctx.active.current();
  const all = await ctx.store.list();
  const ordered = [...all.filter((p) => p.id === active?.id), ...all.filter((p) => p.id !== active?.id)];
  if (ordered.length === 0) {
    throw new UserFacingError(t('A role is assumed with the credentials of another profile. Add an AccessKey profile first.'));
  }
  if (ordered.length === 1) {
    return ordered[0];
  }
  const pick = await vscode.window.showQuickPick(
    ordered.map((p) => ({
      label: p.name,
      description: [p.id === active?.id ? t('active profile') : '', p.kind === 'RamRole' ? t('role profile (a chain)') : p.regionId].filter(Boolean).join(' · '),
      profile: p,
    })),
    { title, placeHolder: t('Which profile assumes {0}? (it needs sts:AssumeRole, and the role must trust it)', role.roleName), ignoreFocusOut: true },
  );
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.profile;
}
