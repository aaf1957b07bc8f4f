import * as vscode from 'vscode';
import { userNameOf } from '../../aliyun/identity';
import type { RamRole } from '../../aliyun/types';
import { checkLabel, checkProfileName, checkRegionId, FALLBACK_REGIONS, type Profile } from '../../credentials/profile';
import { resolveChain } from '../../credentials/roles/roleChain';
import {
  checkDuration, checkExternalId, checkSessionName, checkSessionPolicy, DEFAULT_DURATION_SECONDS, parseRoleArn, sessionNameFrom,
} from '../../credentials/roles/roleInput';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import type { CommandContext } from '../context';
import { askText, asTextCheck, must, pickLabel, pickRegion } from '../prompts';

/** A role profile from arguments (another extension, a test, the RAM view's "Assume Role as Profile…"). */
export interface RoleProfileArgs {
  name?: string;
  /** The profile whose credentials assume the role: by id, or by name. */
  sourceProfileId?: string;
  sourceProfileName?: string;
  roleArn?: string;
  /** Default: the source's RAM user name (or the profile's name), made valid. */
  sessionName?: string;
  durationSeconds?: number;
  externalId?: string;
  policy?: string;
  /** Default: the source profile's region. */
  regionId?: string;
  label?: string;
}


/** Profiles that can be a source: any but `except` (a profile cannot assume a role with itself). */
async function sources(ctx: CommandContext, except?: string): Promise<Profile[]> {
  return (await ctx.store.list()).filter((p) => p.id !== except);
}

/** A session name from who the source is (its last test), else from the profile's name. */
function defaultSessionName(ctx: CommandContext, source: Profile): string {
  const identity = ctx.results.get(source.id)?.identity;
  return sessionNameFrom((identity && userNameOf(identity)) || source.name);
}

async function findSource(ctx: CommandContext, args: RoleProfileArgs): Promise<Profile> {
  const all = await ctx.store.list();
  const source = args.sourceProfileId
    ? all.find((p) => p.id === args.sourceProfileId)
    : all.find((p) => p.name.toLowerCase() === args.sourceProfileName?.trim().toLowerCase());
  if (!source) {
    throw new UserFacingError(t('Name the source profile (sourceProfileId or sourceProfileName) of an existing profile.'));
  }
  return source;
}

/** Roles the source may list, for the picker; nothing (and the person types an ARN) when it may not. */
async function listableRoles(ctx: CommandContext, source: Profile): Promise<RamRole[]> {
  try {
    const { session } = await ctx.sessions.forProfile(source);
    return await session.roles.listAllRoles();
  } catch (error) {
    ctx.log.info(`[roles] the roles could not be listed with "${source.name}": ${error instanceof Error ? error.name : 'error'}`);
    return [];
  }
}

async function pickRoleArn(ctx: CommandContext, source: Profile, title: string): Promise<string> {
  const roles = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Listing RAM roles…') }, () => listableRoles(ctx, source));
  if (roles.length > 0) {
    const typeIt = { label: t('Enter a Role ARN…'), arn: '' };
    const pick = await vscode.window.showQuickPick(
      [...roles.map((r) => ({ label: r.roleName, description: r.arn, detail: r.description, arn: r.arn })), typeIt],
      { title, placeHolder: t('Which role? (the roles "{0}" can see)', source.name), matchOnDescription: true, ignoreFocusOut: true },
    );
    if (!pick) {
      throw new UserCancelled();
    }
    if (pick.arn) {
      return pick.arn;
    }
  }
  return askText({ title, prompt: t('Role ARN, e.g. acs:ram::1234567890123456:role/deployer'), placeHolder: 'acs:ram::…:role/…', check: asTextCheck(parseRoleArn) });
}


/**
 * A role profile: from arguments as they are, or asked step by step (what arguments leave out is
 * asked when `interactive`). Checks everything, including that the source chain ends at a key,
 * before anything is stored.
 */
export async function roleProfileInput(ctx: CommandContext, args: RoleProfileArgs, interactive: boolean): Promise<{ name: string; profile: Omit<Profile, 'id' | 'createdAt'> }> {
  const taken = (await ctx.store.list()).map((p) => p.name);
  const title = t('Add Role Profile');
  const name = args.name !== undefined || !interactive
    ? must(checkProfileName(args.name, taken))
    : await askText({ title: `${title} (1/8)`, prompt: t('A name for this profile'), placeHolder: t('e.g. prod-deployer'), check: (v) => checkProfileName(v, taken) });

  let source: Profile;
  if (args.sourceProfileId || args.sourceProfileName || !interactive) {
    source = await findSource(ctx, args);
  } else {
    const candidates = await sources(ctx);
    if (candidates.length === 0) {
      throw new UserFacingError(t('A role is assumed with the credentials of another profile. Add an AccessKey profile first.'));
    }
    const pick = await vscode.window.showQuickPick(
      candidates.map((p) => ({ label: p.name, description: p.kind === 'RamRole' ? t('role profile (a chain)') : p.regionId, profile: p })),
      { title: `${title} (2/8)`, placeHolder: t('Which profile assumes the role? (its RAM user needs sts:AssumeRole)'), ignoreFocusOut: true },
    );
    if (!pick) {
      throw new UserCancelled();
    }
    source = pick.profile;
  }
  await resolveChain(source, (id) => ctx.store.get(id));

  const roleArn = args.roleArn !== undefined || !interactive
    ? must(parseRoleArn(args.roleArn)).arn
    : await pickRoleArn(ctx, source, `${title} (3/8)`);
  const sessionName = args.sessionName !== undefined || !interactive
    ? must(checkSessionName(args.sessionName ?? defaultSessionName(ctx, source)))
    : await askText({ title: `${title} (4/8)`, prompt: t('Session name (shows in the role\'s audit trail)'), value: defaultSessionName(ctx, source), check: asTextCheck(checkSessionName) });
  const durationSeconds = args.durationSeconds !== undefined || !interactive
    ? must(checkDuration(args.durationSeconds))
    : Number(await askText({ title: `${title} (5/8)`, prompt: t('How long the temporary credentials last, in seconds (renewed for you before they expire)'), value: String(DEFAULT_DURATION_SECONDS), check: asTextCheck(checkDuration) }));
  const externalId = args.externalId !== undefined || !interactive
    ? must(checkExternalId(args.externalId))
    : (await askText({ title: `${title} (6/8)`, prompt: t('External ID, if the role asks for one (empty if not)'), check: asTextCheck(checkExternalId) })) || undefined;
  const policy = must(checkSessionPolicy(args.policy));
  const regionId = args.regionId !== undefined || !interactive
    ? must(checkRegionId(args.regionId ?? source.regionId))
    : await pickRegion(`${title} (7/8)`, FALLBACK_REGIONS.map((r) => ({ regionId: r })), source.regionId, undefined, t('the source profile\'s'));
  const label = args.label !== undefined || !interactive ? must(checkLabel(args.label)) || undefined : await pickLabel(`${title} (8/8)`);

  return {
    name,
    profile: {
      name, kind: 'RamRole', accessKeyId: '', regionId, label, source: 'manual',
      role: { roleArn, sourceProfileId: source.id, sessionName, durationSeconds, externalId, policy },
    },
  };
}


/** Stores a role profile; it holds no secret of its own (its entry in secret storage is empty). */
export async function storeRoleProfile(ctx: CommandContext, input: { profile: Omit<Profile, 'id' | 'createdAt'> }): Promise<Profile> {
  const profile = await ctx.store.add(input.profile, { accessKeySecret: '' });
  ctx.log.info(`[roles] added role profile "${profile.name}" (${profile.role?.roleArn.split('/').pop()})`);
  return profile;
}
