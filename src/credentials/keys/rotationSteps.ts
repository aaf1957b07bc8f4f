import { AliyunError, outcomeUnknown } from '../../aliyun/errors';
import { userNameOf } from '../../aliyun/identity';
import { ACCESS_KEYS_PER_USER } from '../../aliyun/ramService';
import type { AccessKeyInfo, CallerIdentity, Credentials, NewAccessKey } from '../../aliyun/types';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { suffixedName, uniqueProfileName, type ProfileSecrets } from '../profile';
import { messageOf, ownerText, type RotationContext } from './rotationContext';
import { RotationError, type RotationEntry, type RotationResult, type RunOptions, type VerifyPolicy } from './rotationTypes';

/**
 * Runs a journaled rotation from the step its entry records to the end: create, store, verify,
 * repoint, disable. `fresh`: the entry was just written, so no create can have been cut off.
 */
export async function runSteps(rc: RotationContext, start: RotationEntry, options: RunOptions, fresh: boolean): Promise<RotationResult> {
  let entry = start;
  let repointed: string[] = [];
  try {
    if (entry.step === 'started') {
      entry = await createStep(rc, entry, options, fresh);
    }
    if (entry.step === 'created') {
      options.onProgress?.('storing');
      entry = await storeStep(rc, entry);
    }
    if (entry.step === 'stored') {
      options.onProgress?.('verifying');
      entry = await verifyStep(rc, entry, rc.verifyPolicy(options.verify));
    }
    if (entry.step === 'verified') {
      options.onProgress?.('repointing');
      ({ entry, repointed } = await repointStep(rc, entry));
    }
    options.onProgress?.('disabling');
    return await disableStep(rc, entry, repointed);
  } catch (error) {
    throw await failed(rc, entry, error);
  }
}

/** Records the failure in the journal (if the entry is still there) and makes a RotationError of it. */
async function failed(rc: RotationContext, entry: RotationEntry, error: unknown): Promise<RotationError> {
  const { journal, log } = rc.deps;
  const message = messageOf(error);
  const stillThere = await journal.get(entry.id).catch(() => undefined);
  if (stillThere) {
    await journal.put({ ...stillThere, lastError: message, updatedAt: rc.now().toISOString() }).catch(() => undefined);
  }
  log.warn(`[rotation] ${entry.id} stopped at step ${stillThere?.step ?? entry.step}: ${error instanceof AliyunError ? error.toLogString() : (error as Error)?.name}`);
  if (error instanceof RotationError) {
    return stillThere && !error.details.entryId ? new RotationError(error.code, error.message, { ...error.details, entryId: entry.id, step: stillThere.step }) : error;
  }
  const resumable = stillThere
    ? ' ' + t('The rotation of profile "{0}" stopped after step "{1}" and can be resumed or rolled back; no key or secret was lost.', entry.profileName, stillThere.step)
    : '';
  return new RotationError('stepFailed', message + resumable, { entryId: stillThere?.id, step: stillThere?.step, cause: error });
}

async function createStep(rc: RotationContext, entry: RotationEntry, options: RunOptions, fresh: boolean): Promise<RotationEntry> {
  const { journal, log } = rc.deps;
  const ram = await rc.ramOf(entry.managerProfileId, entry);
  if (!fresh) {
    // A create may have been cut off: a key that was not there before has a secret nobody received.
    options.onProgress?.('checking');
    const keys = await ram.listAccessKeys(entry.userName);
    const orphans = rc.orphansIn(entry, keys);
    if (orphans.length > 0) {
      if (!options.deleteOrphans) {
        throw new RotationError('orphans', t('The interrupted rotation left the AccessKey {0} behind; its secret was never received, so it cannot be used. Allow deleting it to go on.', orphans.join(', ')), { orphanKeyIds: orphans });
      }
      options.onProgress?.('deletingOrphans');
      for (const id of orphans) {
        await ram.deleteAccessKey(id, entry.userName);
        log.info(`[rotation] ${entry.id} deleted the orphaned key ${maskAccessKeyId(id)}`);
      }
    } else if (keys.length >= ACCESS_KEYS_PER_USER) {
      await journal.remove(entry.id);
      throw new RotationError('limit', t('{0} already has two AccessKeys, the most Alibaba Cloud allows, so no new one can be made. Nothing was changed.', ownerText(entry.userName)));
    }
  }

  options.onProgress?.('creating');
  let created: NewAccessKey;
  try {
    created = await ram.createAccessKey(entry.userName);
  } catch (error) {
    if (!outcomeUnknown(error)) {
      await journal.remove(entry.id);
      throw new RotationError('createFailed', t('Creating the new AccessKey failed: {0} Nothing was changed.', messageOf(error)), { cause: error });
    }
    // The key may have been made even though the answer was lost. Never create again blindly: look.
    let keys: AccessKeyInfo[];
    try {
      keys = await ram.listAccessKeys(entry.userName);
    } catch {
      throw new RotationError('createUnknown', t('Creating the new AccessKey did not complete ({0}), and listing the keys to check failed too. Nothing is retried blindly: resume or roll back the rotation once the connection works.', messageOf(error)), { cause: error });
    }
    const orphans = rc.orphansIn(entry, keys);
    if (orphans.length === 0) {
      await journal.remove(entry.id);
      throw new RotationError('createFailed', t('Creating the new AccessKey failed: {0} No key was made and nothing was changed.', messageOf(error)), { cause: error });
    }
    throw new RotationError('orphans', t('Alibaba Cloud made the AccessKey {0}, but the answer was lost, so its secret is unknown and the key cannot be used. Roll back the rotation to delete it, or resume it to delete it and create another.', orphans.join(', ')), { orphanKeyIds: orphans, cause: error });
  }
  log.info(`[rotation] ${entry.id} created ${maskAccessKeyId(created.accessKeyId)}`);
  try {
    return await rc.save(entry, { step: 'created', newAccessKeyId: created.accessKeyId, newAccessKeySecret: created.accessKeySecret, newKeyCreatedAt: created.createDate || undefined });
  } catch (error) {
    // The secret would live only in memory: undo the create rather than leave a key nobody can use.
    await ram.deleteAccessKey(created.accessKeyId, entry.userName).catch(() => undefined);
    await journal.remove(entry.id).catch(() => undefined);
    throw new RotationError('journal', t('The new key\'s secret could not be written to secret storage ({0}); the new key was deleted again and nothing else changed.', (error as Error).name));
  }
}

async function storeStep(rc: RotationContext, entry: RotationEntry): Promise<RotationEntry> {
  const { profiles, log } = rc.deps;
  const newId = entry.newAccessKeyId as string;
  const secrets: ProfileSecrets = { accessKeySecret: entry.newAccessKeySecret as string };
  const profile = await profiles.get(entry.profileId);
  let profileId = entry.profileId;
  if (profile && (profile.accessKeyId === entry.oldAccessKeyId || profile.accessKeyId === newId)) {
    await profiles.update(profile.id, { accessKeyId: newId, keyCreatedAt: entry.newKeyCreatedAt }, secrets);
  } else {
    // The profile was removed or now holds another key: keep that, and save the new key as its own profile.
    const taken = (await profiles.list()).map((p) => p.name);
    const name = uniqueProfileName(taken, (n) => (n === 1 ? entry.profileName : suffixedName(entry.profileName, ` (${n})`)));
    const added = await profiles.add({ name, kind: 'AccessKey', accessKeyId: newId, regionId: entry.regionId, source: 'created', keyCreatedAt: entry.newKeyCreatedAt }, secrets);
    profileId = added.id;
  }
  log.info(`[rotation] ${entry.id} stored ${maskAccessKeyId(newId)} in profile "${entry.profileName}"`);
  return rc.save(entry, { step: 'stored', profileId });
}

async function verifyStep(rc: RotationContext, entry: RotationEntry, policy: VerifyPolicy): Promise<RotationEntry> {
  const credentials: Credentials = { accessKeyId: entry.newAccessKeyId as string, accessKeySecret: entry.newAccessKeySecret as string };
  const sts = rc.deps.clients.session(credentials, entry.regionId).sts;
  let identity: CallerIdentity;
  try {
    identity = await rc.whilePropagating(() => sts.getCallerIdentity(), policy, 'verify');
  } catch (error) {
    throw new RotationError('verifyFailed', t('The new key {0} does not work yet: {1} It is stored in profile "{2}" and the old key still works; resume the rotation to check again, or roll it back.', entry.newAccessKeyId as string, messageOf(error), entry.profileName), { cause: error });
  }
  const sameOwner = identity.accountId === entry.accountId
    && (entry.userName ? userNameOf(identity) === entry.userName : identity.identityType === 'Account');
  if (!sameOwner) {
    throw new RotationError('verifyFailed', t('The new key belongs to {0}, not to the owner of the old key. Roll the rotation back.', identity.arn));
  }
  rc.deps.log.info(`[rotation] ${entry.id} verified ${maskAccessKeyId(entry.newAccessKeyId)}`);
  return rc.save(entry, { step: 'verified' });
}

async function repointStep(rc: RotationContext, entry: RotationEntry): Promise<{ entry: RotationEntry; repointed: string[] }> {
  const { profiles, log } = rc.deps;
  const newId = entry.newAccessKeyId as string;
  const repointed: string[] = [];
  for (const profile of await profiles.list()) {
    if (profile.accessKeyId === entry.oldAccessKeyId && profile.kind === 'AccessKey') {
      await profiles.update(profile.id, { accessKeyId: newId, keyCreatedAt: entry.newKeyCreatedAt }, { accessKeySecret: entry.newAccessKeySecret as string });
      repointed.push(profile.id);
      log.info(`[rotation] ${entry.id} repointed profile "${profile.name}" to ${maskAccessKeyId(newId)}`);
    }
  }
  return { entry: await rc.save(entry, { step: 'repointed' }), repointed };
}

async function disableStep(rc: RotationContext, entry: RotationEntry, repointed: string[]): Promise<RotationResult> {
  const { journal, reminders, log } = rc.deps;
  const ram = await rc.ramOf(entry.managerProfileId, entry);
  await ram.updateAccessKey(entry.oldAccessKeyId, 'Inactive', entry.userName);
  log.info(`[rotation] ${entry.id} disabled the old key ${maskAccessKeyId(entry.oldAccessKeyId)}`);
  await reminders?.add({
    accessKeyId: entry.oldAccessKeyId,
    userName: entry.userName,
    accountId: entry.accountId,
    profileId: entry.profileId,
    profileName: entry.profileName,
    managerProfileId: entry.managerProfileId,
  }).catch(() => undefined);
  await journal.remove(entry.id);
  log.info(`[rotation] ${entry.id} done`);
  return {
    status: 'done',
    entryId: entry.id,
    profileId: entry.profileId,
    oldAccessKeyId: entry.oldAccessKeyId,
    newAccessKeyId: entry.newAccessKeyId as string,
    repointedProfileIds: repointed,
    userName: entry.userName,
    managerProfileId: entry.managerProfileId,
  };
}
