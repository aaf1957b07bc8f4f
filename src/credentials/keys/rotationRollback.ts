import { AliyunError } from '../../aliyun/errors';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { messageOf, type RotationContext } from './rotationContext';
import { RotationError, type RollbackResult, type RunOptions } from './rotationTypes';

/**
 * Undoes an interrupted rotation: re-enable the old key if it was disabled, give every profile
 * that holds the new key the old key and secret back, then delete the new key (and any key an
 * interrupted create left behind).
 */
export async function rollBack(rc: RotationContext, entryId: string, options: RunOptions): Promise<RollbackResult> {
  const { journal, profiles, log } = rc.deps;
  const entry = await journal.get(entryId);
  if (!entry) {
    throw new RotationError('notFound', t('There is no unfinished rotation with the id {0}.', entryId));
  }
  log.info(`[rotation] ${entry.id} rolling back from step ${entry.step}`);
  const deleted: string[] = [];
  const restored: string[] = [];
  try {
    if (entry.step === 'repointed') {
      // The disable may have happened even though its answer was lost.
      const ram = await rc.ramOf(entry.managerProfileId, entry);
      const old = (await ram.listAccessKeys(entry.userName)).find((k) => k.accessKeyId === entry.oldAccessKeyId);
      if (old?.status === 'Inactive') {
        options.onProgress?.('enablingOld');
        await ram.updateAccessKey(entry.oldAccessKeyId, 'Active', entry.userName);
        log.info(`[rotation] ${entry.id} enabled the old key ${maskAccessKeyId(entry.oldAccessKeyId)} again`);
      }
    }
    if (entry.newAccessKeyId) {
      options.onProgress?.('restoring');
      for (const profile of await profiles.list()) {
        if (profile.accessKeyId === entry.newAccessKeyId) {
          await profiles.update(profile.id, { accessKeyId: entry.oldAccessKeyId, keyCreatedAt: entry.oldKeyCreatedAt }, { accessKeySecret: entry.oldAccessKeySecret });
          restored.push(profile.id);
        }
      }
    }
    // With the old key back in place, the manager (possibly the rotated profile itself) deletes the new one.
    const ram = await rc.ramOf(entry.managerProfileId, { ...entry, step: 'started' });
    const keys = await rc.whilePropagating(() => ram.listAccessKeys(entry.userName), rc.verifyPolicy(options.verify), 'rollback');
    // Only what this rotation made: the new key, or (cut off before its answer) keys that were not there before.
    const toDelete = entry.newAccessKeyId
      ? keys.filter((k) => k.accessKeyId === entry.newAccessKeyId).map((k) => k.accessKeyId)
      : rc.orphansIn(entry, keys);
    if (toDelete.length > 0) {
      options.onProgress?.('deletingNew');
    }
    for (const id of toDelete) {
      try {
        await ram.deleteAccessKey(id, entry.userName);
      } catch (error) {
        if (!(error instanceof AliyunError && error.kind === 'notFound')) {
          throw error;
        }
      }
      deleted.push(id);
      log.info(`[rotation] ${entry.id} deleted ${maskAccessKeyId(id)}`);
    }
    await journal.remove(entry.id);
  } catch (error) {
    const message = messageOf(error);
    await journal.put({ ...entry, lastError: message, updatedAt: rc.now().toISOString() }).catch(() => undefined);
    throw new RotationError('stepFailed', message + ' ' + t('The rollback of profile "{0}" did not complete; try it again. The old secret is still kept.', entry.profileName), { entryId: entry.id, step: entry.step, cause: error });
  }
  log.info(`[rotation] ${entry.id} rolled back`);
  return { status: 'rolledBack', entryId: entry.id, profileId: entry.profileId, oldAccessKeyId: entry.oldAccessKeyId, deletedAccessKeyIds: deleted, restoredProfileIds: restored };
}
