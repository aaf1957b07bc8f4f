import { userNameOf } from '../../aliyun/identity';
import { ACCESS_KEYS_PER_USER } from '../../aliyun/ramService';
import type { CallerIdentity } from '../../aliyun/types';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { isStsAccessKeyId, type Profile } from '../profile';
import { messageOf, ownerText, RotationContext } from './rotationContext';
import { rollBack } from './rotationRollback';
import { runSteps } from './rotationSteps';
import {
  RotationError, type RollbackResult, type RotationDeps, type RotationEntry, type RotationPlan, type RotationRequest,
  type RotationResult, type RunOptions,
} from './rotationTypes';

/**
 * Rotates the AccessKey of a profile without ever losing a working key or a secret:
 * check the two-key limit, journal the old secret, create the new key (journal its secret at once),
 * store it in the profile, verify it (with retries), repoint every other profile that used the old
 * key, disable (not delete) the old key and ask later to delete it. Every step is journaled in
 * SecretStorage first, so an interrupted rotation can be finished or rolled back later. The steps
 * are in rotationSteps.ts, the way back in rotationRollback.ts.
 */
export class KeyRotation {
  private readonly rc: RotationContext;

  constructor(deps: RotationDeps) {
    this.rc = new RotationContext(deps);
  }

  /** Who owns the key, who signs the calls, the owner's keys, and whether there is room for another. */
  async plan(request: RotationRequest): Promise<RotationPlan> {
    const { profiles, sessions, journal } = this.rc.deps;
    const profile = await profiles.get(request.profileId);
    if (!profile) {
      throw new RotationError('noProfile', t('There is no profile with the id {0}.', request.profileId));
    }
    if (profile.kind !== 'AccessKey' || isStsAccessKeyId(profile.accessKeyId)) {
      throw new RotationError('notRotatable', t('Profile "{0}" holds temporary STS credentials, which expire on their own; there is no AccessKey to rotate.', profile.name));
    }
    const pending = (await journal.list()).find((e) => e.oldAccessKeyId === profile.accessKeyId || e.profileId === profile.id);
    if (pending) {
      throw new RotationError('pending', t('A rotation of profile "{0}" is already under way. Finish it or roll it back first.', pending.profileName), { entryId: pending.id, step: pending.step });
    }
    const { session } = await sessions.forProfile(profile);
    let identity: CallerIdentity;
    try {
      identity = await session.sts.getCallerIdentity();
    } catch (error) {
      throw new RotationError('identity', t('The key of profile "{0}" does not work, so it cannot be rotated: {1}', profile.name, messageOf(error)), { cause: error });
    }
    if (identity.identityType === 'AssumedRoleUser') {
      throw new RotationError('notRotatable', t('Profile "{0}" holds temporary STS credentials, which expire on their own; there is no AccessKey to rotate.', profile.name));
    }
    const userName = userNameOf(identity);
    const manager = await this.manager(profile, identity, userName, request.managerProfileId);
    const ram = manager === profile ? session.ram : (await sessions.forProfile(manager)).session.ram;
    const keys = await ram.listAccessKeys(userName);
    if (!keys.some((k) => k.accessKeyId === profile.accessKeyId)) {
      throw new RotationError('notOwner', t('The key {0} of profile "{1}" is not among the keys of {2}.', maskAccessKeyId(profile.accessKeyId), profile.name, ownerText(userName)));
    }
    const atLimit = keys.length >= ACCESS_KEYS_PER_USER;
    const inactiveKey = keys.find((k) => k.accessKeyId !== profile.accessKeyId && k.status === 'Inactive');
    const otherProfiles = (await profiles.list()).filter((p) => p.id !== profile.id && p.accessKeyId === profile.accessKeyId);
    return { profile, identity, userName, manager, keys, atLimit, inactiveKey, otherProfiles };
  }

  /** An administrator of the same account may sign the calls; a root key can only be managed as root. */
  private async manager(profile: Profile, identity: CallerIdentity, userName: string | undefined, managerProfileId: string | undefined): Promise<Profile> {
    if (!managerProfileId || managerProfileId === profile.id) {
      return profile;
    }
    const candidate = await this.rc.deps.profiles.get(managerProfileId);
    if (!candidate || candidate.accessKeyId === profile.accessKeyId) {
      return profile;
    }
    try {
      const managerIdentity = await (await this.rc.deps.sessions.forProfile(candidate)).session.sts.getCallerIdentity();
      if (managerIdentity.accountId === identity.accountId && (userName !== undefined || managerIdentity.identityType === 'Account')) {
        return candidate;
      }
    } catch {
      // The rotated profile manages its own key then.
    }
    return profile;
  }

  /** Plans, makes room if confirmed, journals the old secret, then runs every step. */
  async start(request: RotationRequest, options: RunOptions = {}): Promise<RotationResult> {
    const { sessions, journal, log } = this.rc.deps;
    options.onProgress?.('checking');
    const plan = await this.plan(request);
    const ram = await this.rc.ramOf(plan.manager.id, undefined);
    let keysBefore = plan.keys.map((k) => k.accessKeyId);
    if (plan.atLimit) {
      const who = ownerText(plan.userName);
      if (!plan.inactiveKey) {
        throw new RotationError('limit', t('{0} already has two active AccessKeys, the most Alibaba Cloud allows, so no new one can be made. Disable and delete the one not in use, then rotate again.', who));
      }
      if (request.deleteInactiveKeyId !== plan.inactiveKey.accessKeyId) {
        throw new RotationError('limitInactive', t('{0} already has two AccessKeys, the most Alibaba Cloud allows. Delete the inactive key {1} to make room for the new one.', who, plan.inactiveKey.accessKeyId), { inactiveKeyId: plan.inactiveKey.accessKeyId });
      }
      options.onProgress?.('deletingInactive');
      await ram.deleteAccessKey(plan.inactiveKey.accessKeyId, plan.userName);
      log.info(`[rotation] deleted inactive key ${maskAccessKeyId(plan.inactiveKey.accessKeyId)} to make room`);
      keysBefore = keysBefore.filter((id) => id !== plan.inactiveKey?.accessKeyId);
    }
    const old = await sessions.credentials(plan.profile);
    const at = this.rc.now().toISOString();
    const entry: RotationEntry = {
      id: this.rc.newId(),
      profileId: plan.profile.id,
      profileName: plan.profile.name,
      regionId: plan.profile.regionId,
      managerProfileId: plan.manager.id,
      accountId: plan.identity.accountId,
      userName: plan.userName,
      oldAccessKeyId: plan.profile.accessKeyId,
      oldAccessKeySecret: old.accessKeySecret,
      oldKeyCreatedAt: plan.keys.find((k) => k.accessKeyId === plan.profile.accessKeyId)?.createDate || plan.profile.keyCreatedAt,
      keysBefore,
      step: 'started',
      startedAt: at,
      updatedAt: at,
    };
    try {
      await journal.put(entry);
    } catch (error) {
      throw new RotationError('journal', t('The rotation journal could not be written to secret storage ({0}); nothing was changed.', (error as Error).name));
    }
    log.info(`[rotation] ${entry.id} started for profile "${entry.profileName}" (${maskAccessKeyId(entry.oldAccessKeyId)})`);
    return runSteps(this.rc, entry, options, true);
  }

  /** Resumes an interrupted rotation from the step its journal entry records. */
  async finish(entryId: string, options: RunOptions = {}): Promise<RotationResult> {
    const entry = await this.rc.deps.journal.get(entryId);
    if (!entry) {
      throw new RotationError('notFound', t('There is no unfinished rotation with the id {0}.', entryId));
    }
    this.rc.deps.log.info(`[rotation] ${entry.id} resumed at step ${entry.step}`);
    return runSteps(this.rc, entry, options, false);
  }

  /** Undoes an interrupted rotation (see rotationRollback.ts). */
  rollback(entryId: string, options: RunOptions = {}): Promise<RollbackResult> {
    return rollBack(this.rc, entryId, options);
  }
}
