import { isRoleProfile } from '../../credentials/profile';
import type { Door } from '../../credentials/serving/programServing';
import { rolesAssumedWith, type ServedProfile } from '../../credentials/serving/servedCredentials';
import { servingConsentWords } from '../../credentials/serving/servingWords';
import { terminalRevivalStorage } from '../../credentials/terminalEnvironment';
import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import { isArgs } from '../args';
import { revivalSettings } from '../profiles/useInTerminal';
import { pickServedRole } from './chooseServedRole';
import type { ProgramsContext } from './programsContext';

/** Arguments of the commands that open a door: the answer to the consent (Test mode only) and, for an AccessKey profile, the role to serve. */
export interface DoorArgs {
  confirm?: boolean;
  roleProfileId?: string;
}

/**
 * Opens a door to the credentials endpoint for the active profile: for an AccessKey profile a
 * role is chosen first (from arguments, the remembered choice, or a picker), then the person is
 * asked in a modal that says what follows (arguments cannot answer it outside Test mode).
 */
export async function openDoor(
  pctx: ProgramsContext, door: Door, args: DoorArgs | undefined,
  options: { interactive: boolean; reason?: string; afterConsent?: () => Promise<unknown> },
): Promise<Exclude<ServedProfile, { kind: 'needsRole' }>> {
  const active = await pctx.active.current();
  if (!active) {
    throw new UserFacingError(t('There is no Alibaba Cloud profile to serve. Add one first.'));
  }
  let served = await pctx.serving.served(active);
  if (served?.kind === 'needsRole' || (args?.roleProfileId && served?.kind === 'roleForKey')) {
    const role = args?.roleProfileId
      ? (await rolesAssumedWith(active, await pctx.store.list())).find((p) => p.id === args.roleProfileId)
      : options.interactive ? await pickServedRole(pctx, active) : undefined;
    if (!role || !isRoleProfile(role)) {
      throw new UserFacingError(t('Profile "{0}" holds a long-lived AccessKey, which is never served to programs. Name a role profile that assumes a role with it (roleProfileId).', active.name));
    }
    await pctx.serving.chooseRole(active.id, role.id);
    served = await pctx.serving.served(active);
  }
  if (!served || served.kind === 'needsRole') {
    throw new UserFacingError(t('There is no Alibaba Cloud profile to serve. Add one first.'));
  }
  const words = servingConsentWords(door, served, door === 'terminals' ? terminalRevivalStorage(revivalSettings()) : undefined);
  const preapproved = isArgs(args) && args.confirm === true;
  await pctx.consent.ask({ ...words, detail: options.reason ? `${options.reason}\n\n${words.detail}` : words.detail, preapproved });
  await options.afterConsent?.();
  await pctx.serving.open(door);
  pctx.log.info(`[serve] ${door === 'terminals' ? 'new terminals and tasks' : 'debug sessions'} of this workspace get the credentials endpoint (profile "${served.profile.name}")`);
  return served;
}
