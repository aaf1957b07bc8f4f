import * as vscode from 'vscode';
import type { CloudSession } from '../../aliyun/clientFactory';
import { AliyunError } from '../../aliyun/errors';
import { acceptLanguageFor } from '../../aliyun/slbService';
import { checkRegionId, FALLBACK_REGIONS, isValidRegionId, type Profile } from '../../credentials/profile';
import { t } from '../../util/l10n';
import { errorMessage, UserFacingError } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { must, pickRegion } from '../prompts';
import { resolveProfile, type ProfileTarget } from './profileTarget';

export interface SetDefaultRegionArgs extends ProfileTarget {
  regionId?: string;
}

export interface RegionChoice {
  readonly regionId: string;
  readonly localName?: string;
}

export interface SetDefaultRegionResult {
  readonly profile: Profile;
  /** Where the offered regions came from: SLB DescribeRegions, or the built-in list when that failed. */
  readonly regionsFrom: 'service' | 'builtIn';
  readonly localName?: string;
}

async function loadRegions(ctx: CommandContext, profile: Profile): Promise<{ regions: RegionChoice[]; from: 'service' | 'builtIn'; problem?: string }> {
  const builtIn = { regions: FALLBACK_REGIONS.map((regionId) => ({ regionId })), from: 'builtIn' as const };
  let session: CloudSession;
  try {
    // The active profile's session is already built (and cached) for the views.
    const active = await ctx.sessions.active();
    session = active && active.profile.id === profile.id ? active.session : (await ctx.sessions.forProfile(profile)).session;
  } catch (error) {
    return { ...builtIn, problem: errorMessage(error) };
  }
  try {
    // The answer names regions that become part of host names: only well-formed ones are offered.
    const regions = (await session.slb.describeRegions(acceptLanguageFor(vscode.env.language))).filter((r) => isValidRegionId(r.regionId));
    if (regions.length > 0) {
      return { regions: regions.map((r) => ({ regionId: r.regionId, localName: r.localName || undefined })), from: 'service' };
    }
    return builtIn;
  } catch (error) {
    ctx.log.warn(`[profiles] DescribeRegions failed, offering the built-in regions: ${error instanceof AliyunError ? error.toLogString() : (error as Error).name}`);
    return { ...builtIn, problem: errorMessage(error) };
  }
}

/** Set Default Region: the regions SLB offers (DescribeRegions), or the built-in list when it cannot be asked. */
export async function setDefaultRegion(ctx: CommandContext, args?: SetDefaultRegionArgs): Promise<SetDefaultRegionResult> {
  const profile = await resolveProfile(ctx, args, t('Set Default Region'));
  const loaded = await loadRegions(ctx, profile);
  let regionId: string;
  if (isArgs(args) && typeof args.regionId === 'string') {
    regionId = must(checkRegionId(args.regionId));
    if (!loaded.regions.some((r) => r.regionId === regionId)) {
      throw new UserFacingError(loaded.from === 'service'
        ? t('SLB does not offer the region "{0}" to this account.', regionId)
        : t('"{0}" is not in the built-in region list, and the regions could not be asked ({1}).', regionId, loaded.problem ?? ''));
    }
  } else {
    regionId = must(checkRegionId(await pickRegion(
      t('Default region of "{0}"', profile.name),
      loaded.regions,
      profile.regionId,
      loaded.problem ? t('Could not ask SLB for its regions ({0}); showing the built-in list.', loaded.problem) : undefined,
    )));
  }
  const updated = regionId === profile.regionId ? profile : await ctx.store.update(profile.id, { regionId });
  if (updated !== profile) {
    ctx.log.info(`[profiles] "${profile.name}" now defaults to ${regionId}`);
  }
  return { profile: updated, regionsFrom: loaded.from, localName: loaded.regions.find((r) => r.regionId === regionId)?.localName };
}
