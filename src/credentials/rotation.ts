import { AliyunError } from '../aliyun/errors';
import { ACCESS_KEYS_PER_USER, type RamService } from '../aliyun/ramService';
import type { StsService } from '../aliyun/stsService';
import type { AccessKeyInfo, CallerIdentity, Credentials } from '../aliyun/types';
import { t } from '../util/l10n';
import type { Log } from '../util/log';
import { maskAccessKeyId } from '../util/mask';
import { delay } from '../util/retry';
import { isStsAccessKeyId, suffixedName, uniqueProfileName, type Profile, type ProfileSecrets } from './profile';
import type { NewProfile } from './profileStore';
import type { RotationEntry, RotationStep } from './rotationJournal';
import type { DeleteReminder } from './rotationReminders';

/** The ProfileStore operations a rotation uses (its public API). */
export interface RotationProfiles {
  list(): Promise<Profile[]>;
  get(id: string): Promise<Profile | undefined>;
  getSecrets(id: string): Promise<ProfileSecrets | undefined>;
  update(id: string, changes: Partial<Omit<Profile, 'id' | 'createdAt' | 'updatedAt'>>, secrets?: ProfileSecrets): Promise<Profile>;
  add(profile: NewProfile, secrets: ProfileSecrets): Promise<Profile>;
}

export interface RotationJournalStore {
  list(): Promise<RotationEntry[]>;
  get(id: string): Promise<RotationEntry | undefined>;
  put(entry: RotationEntry): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface RotationClients {
  session(credentials: Credentials, regionId: string | undefined): { readonly ram: RamService; readonly sts: StsService };
}

export interface VerifyPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  readonly delayMs: number;
  readonly maxDelayMs: number;
}

/** New keys take a moment to work everywhere: about half a minute of patience in all. */
export const DEFAULT_VERIFY_POLICY: VerifyPolicy = { attempts: 6, delayMs: 1000, maxDelayMs: 8000 };

/** What the user sees while a rotation runs. */
export type RotationProgress =
  | 'checking' | 'deletingInactive' | 'creating' | 'storing' | 'verifying' | 'repointing' | 'disabling'
  | 'deletingOrphans' | 'enablingOld' | 'restoring' | 'deletingNew';

export interface RotationDeps {
  readonly journal: RotationJournalStore;
  readonly profiles: RotationProfiles;
  readonly clients: RotationClients;
  readonly reminders?: { add(reminder: Omit<DeleteReminder, 'remindAt' | 'disabledAt'>): Promise<unknown> };
  readonly log: Log;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly verify?: VerifyPolicy;
  readonly newId?: () => string;
  readonly now?: () => Date;
}

export interface RotationRequest {
  readonly profileId: string;
  /** The profile whose key should sign the RAM calls (e.g. the active administrator), when not the rotated one. */
  readonly managerProfileId?: string;
  /** Confirmed by the user: at the two-key limit, delete this inactive key of the owner first. */
  readonly deleteInactiveKeyId?: string;
}

export interface RunOptions {
  readonly onProgress?: (step: RotationProgress) => void;
  /** Confirmed by the user: delete keys an interrupted create left behind (their secret was never received). */
  readonly deleteOrphans?: boolean;
  readonly verify?: VerifyPolicy;
}

export interface RotationPlan {
  readonly profile: Profile;
  readonly identity: CallerIdentity;
  /** The owner of the key; undefined for the account's own (root) key. */
  readonly userName?: string;
  readonly manager: Profile;
  readonly keys: readonly AccessKeyInfo[];
  readonly atLimit: boolean;
  /** At the limit: the owner's inactive key that could make room. */
  readonly inactiveKey?: AccessKeyInfo;
  /** Other local profiles that hold the old key and will be repointed. */
  readonly otherProfiles: readonly Profile[];
}

export interface RotationResult {
  readonly status: 'done';
  readonly entryId: string;
  readonly profileId: string;
  readonly oldAccessKeyId: string;
  readonly newAccessKeyId: string;
  readonly repointedProfileIds: readonly string[];
  readonly userName?: string;
  /** The profile whose key signed the calls (it can delete the old key later). */
  readonly managerProfileId: string;
}

export interface RollbackResult {
  readonly status: 'rolledBack';
  readonly entryId: string;
  readonly profileId: string;
  readonly oldAccessKeyId: string;
  readonly deletedAccessKeyIds: readonly string[];
  readonly restoredProfileIds: readonly string[];
}

export type RotationErrorCode =
  | 'noProfile' | 'notRotatable' | 'noSecret' | 'identity' | 'notOwner' | 'pending'
  | 'limit' | 'limitInactive' | 'createFailed' | 'createUnknown' | 'orphans'
  | 'journal' | 'verifyFailed' | 'stepFailed' | 'notFound';

/** A rotation failure with a message safe to show; `entryId` is set while the rotation can be resumed. */
export class RotationError extends Error {
  constructor(
    readonly code: RotationErrorCode,
    message: string,
    readonly details: { entryId?: string; step?: RotationStep; inactiveKeyId?: string; orphanKeyIds?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'RotationError';
  }
}

/** The RAM user name in an ARN like `acs:ram::123:user/alice`. */
export function userNameFromArn(arn: string): string | undefined {
  const name = arn.split(':user/')[1];
  return name ? name : undefined;
}

/** A write whose answer was lost may still have happened: look before doing anything again. */
export function outcomeUnknown(error: unknown): boolean {
  return !(error instanceof AliyunError)
    || error.kind === 'timeout' || error.kind === 'unreachable' || error.kind === 'serverError'
    || error.kind === 'badResponse' || error.kind === 'unknown';
}

/** Failures that a freshly made (or re-enabled) key shows until it has reached every server. */
function propagating(error: unknown): boolean {
  return error instanceof AliyunError
    && (error.transient || error.kind === 'unknownKey' || error.kind === 'disabledKey' || error.kind === 'wrongSecret' || error.kind === 'timeout');
}

function messageOf(error: unknown): string {
  return error instanceof AliyunError || error instanceof RotationError ? error.message : t('Unexpected error: {0}', (error as Error)?.name ?? 'Error');
}

/**
 * Rotates the AccessKey of a profile without ever losing a working key or a secret:
 * check the two-key limit, journal the old secret, create the new key (journal its secret at once),
 * store it in the profile, verify it (with retries), repoint every other profile that used the old
 * key, disable (not delete) the old key and ask later to delete it. Every step is journaled in
 * SecretStorage first, so an interrupted rotation can be finished or rolled back later.
 */
export class KeyRotation {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly newId: () => string;
  private readonly now: () => Date;

  constructor(private readonly deps: RotationDeps) {
    this.sleep = deps.sleep ?? delay;
    this.newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
    this.now = deps.now ?? (() => new Date());
  }

  private async credentialsOf(profile: Profile): Promise<Credentials> {
    const secrets = await this.deps.profiles.getSecrets(profile.id);
    if (!secrets) {
      throw new RotationError('noSecret', t('The secret of profile "{0}" is missing from this machine\'s secret storage. Edit the profile and enter it again.', profile.name));
    }
    return { accessKeyId: profile.accessKeyId, accessKeySecret: secrets.accessKeySecret, securityToken: secrets.securityToken };
  }

  private who(userName: string | undefined): string {
    return userName ? t('RAM user {0}', userName) : t('the account (root)');
  }

  /** Who owns the key, who signs the calls, the owner's keys, and whether there is room for another. */
  async plan(request: RotationRequest): Promise<RotationPlan> {
    const { profiles, clients } = this.deps;
    const profile = await profiles.get(request.profileId);
    if (!profile) {
      throw new RotationError('noProfile', t('There is no profile with the id {0}.', request.profileId));
    }
    if (profile.kind !== 'AccessKey' || isStsAccessKeyId(profile.accessKeyId)) {
      throw new RotationError('notRotatable', t('Profile "{0}" holds temporary STS credentials, which expire on their own; there is no AccessKey to rotate.', profile.name));
    }
    const pending = (await this.deps.journal.list()).find((e) => e.oldAccessKeyId === profile.accessKeyId || e.profileId === profile.id);
    if (pending) {
      throw new RotationError('pending', t('A rotation of profile "{0}" is already under way. Finish it or roll it back first.', pending.profileName), { entryId: pending.id, step: pending.step });
    }
    let identity: CallerIdentity;
    try {
      identity = await clients.session(await this.credentialsOf(profile), profile.regionId).sts.getCallerIdentity();
    } catch (error) {
      if (error instanceof RotationError) {
        throw error;
      }
      throw new RotationError('identity', t('The key of profile "{0}" does not work, so it cannot be rotated: {1}', profile.name, messageOf(error)), { cause: error });
    }
    if (identity.identityType === 'AssumedRoleUser') {
      throw new RotationError('notRotatable', t('Profile "{0}" holds temporary STS credentials, which expire on their own; there is no AccessKey to rotate.', profile.name));
    }
    const userName = identity.identityType === 'RAMUser' ? userNameFromArn(identity.arn) : undefined;

    // An administrator of the same account may sign the calls; a root key can only be managed as root.
    let manager = profile;
    if (request.managerProfileId && request.managerProfileId !== profile.id) {
      const candidate = await profiles.get(request.managerProfileId);
      if (candidate && candidate.accessKeyId !== profile.accessKeyId) {
        try {
          const managerIdentity = await clients.session(await this.credentialsOf(candidate), candidate.regionId).sts.getCallerIdentity();
          if (managerIdentity.accountId === identity.accountId && (userName !== undefined || managerIdentity.identityType === 'Account')) {
            manager = candidate;
          }
        } catch {
          // The rotated profile manages its own key then.
        }
      }
    }
    const ram = clients.session(await this.credentialsOf(manager), manager.regionId).ram;
    const keys = await ram.listAccessKeys(userName);
    if (!keys.some((k) => k.accessKeyId === profile.accessKeyId)) {
      throw new RotationError('notOwner', t('The key {0} of profile "{1}" is not among the keys of {2}.', maskAccessKeyId(profile.accessKeyId), profile.name, this.who(userName)));
    }
    const atLimit = keys.length >= ACCESS_KEYS_PER_USER;
    const inactiveKey = keys.find((k) => k.accessKeyId !== profile.accessKeyId && k.status === 'Inactive');
    const otherProfiles = (await profiles.list()).filter((p) => p.id !== profile.id && p.accessKeyId === profile.accessKeyId);
    return { profile, identity, userName, manager, keys, atLimit, inactiveKey, otherProfiles };
  }

  /** Plans, makes room if confirmed, journals the old secret, then runs every step. */
  async start(request: RotationRequest, options: RunOptions = {}): Promise<RotationResult> {
    options.onProgress?.('checking');
    const plan = await this.plan(request);
    const ram = await this.ramOf(plan.manager.id, undefined);
    let keysBefore = plan.keys.map((k) => k.accessKeyId);
    if (plan.atLimit) {
      const who = this.who(plan.userName);
      if (!plan.inactiveKey) {
        throw new RotationError('limit', t('{0} already has two active AccessKeys, the most Alibaba Cloud allows, so no new one can be made. Disable and delete the one not in use, then rotate again.', who));
      }
      if (request.deleteInactiveKeyId !== plan.inactiveKey.accessKeyId) {
        throw new RotationError('limitInactive', t('{0} already has two AccessKeys, the most Alibaba Cloud allows. Delete the inactive key {1} to make room for the new one.', who, plan.inactiveKey.accessKeyId), { inactiveKeyId: plan.inactiveKey.accessKeyId });
      }
      options.onProgress?.('deletingInactive');
      await ram.deleteAccessKey(plan.inactiveKey.accessKeyId, plan.userName);
      this.deps.log.info(`[rotation] deleted inactive key ${maskAccessKeyId(plan.inactiveKey.accessKeyId)} to make room`);
      keysBefore = keysBefore.filter((id) => id !== plan.inactiveKey?.accessKeyId);
    }
    const secrets = await this.credentialsOf(plan.profile);
    const at = this.now().toISOString();
    const entry: RotationEntry = {
      id: this.newId(),
      profileId: plan.profile.id,
      profileName: plan.profile.name,
      regionId: plan.profile.regionId,
      managerProfileId: plan.manager.id,
      accountId: plan.identity.accountId,
      userName: plan.userName,
      oldAccessKeyId: plan.profile.accessKeyId,
      oldAccessKeySecret: secrets.accessKeySecret,
      oldKeyCreatedAt: plan.keys.find((k) => k.accessKeyId === plan.profile.accessKeyId)?.createDate || plan.profile.keyCreatedAt,
      keysBefore,
      step: 'started',
      startedAt: at,
      updatedAt: at,
    };
    try {
      await this.deps.journal.put(entry);
    } catch (error) {
      throw new RotationError('journal', t('The rotation journal could not be written to secret storage ({0}); nothing was changed.', (error as Error).name));
    }
    this.deps.log.info(`[rotation] ${entry.id} started for profile "${entry.profileName}" (${maskAccessKeyId(entry.oldAccessKeyId)})`);
    return this.run(entry, options, true);
  }

  /** Resumes an interrupted rotation from the step its journal entry records. */
  async finish(entryId: string, options: RunOptions = {}): Promise<RotationResult> {
    const entry = await this.deps.journal.get(entryId);
    if (!entry) {
      throw new RotationError('notFound', t('There is no unfinished rotation with the id {0}.', entryId));
    }
    this.deps.log.info(`[rotation] ${entry.id} resumed at step ${entry.step}`);
    return this.run(entry, options, false);
  }

  private async run(start: RotationEntry, options: RunOptions, fresh: boolean): Promise<RotationResult> {
    let entry = start;
    let repointed: string[] = [];
    try {
      if (entry.step === 'started') {
        entry = await this.createStep(entry, options, fresh);
      }
      if (entry.step === 'created') {
        options.onProgress?.('storing');
        entry = await this.storeStep(entry);
      }
      if (entry.step === 'stored') {
        options.onProgress?.('verifying');
        entry = await this.verifyStep(entry, options.verify ?? this.deps.verify ?? DEFAULT_VERIFY_POLICY);
      }
      if (entry.step === 'verified') {
        options.onProgress?.('repointing');
        ({ entry, repointed } = await this.repointStep(entry));
      }
      options.onProgress?.('disabling');
      return await this.disableStep(entry, repointed);
    } catch (error) {
      throw await this.failed(entry, error);
    }
  }

  /** Records the failure in the journal (if the entry is still there) and makes a RotationError of it. */
  private async failed(entry: RotationEntry, error: unknown): Promise<RotationError> {
    const message = messageOf(error);
    const stillThere = await this.deps.journal.get(entry.id).catch(() => undefined);
    if (stillThere) {
      await this.deps.journal.put({ ...stillThere, lastError: message, updatedAt: this.now().toISOString() }).catch(() => undefined);
    }
    this.deps.log.warn(`[rotation] ${entry.id} stopped at step ${stillThere?.step ?? entry.step}: ${error instanceof AliyunError ? error.toLogString() : (error as Error)?.name}`);
    if (error instanceof RotationError) {
      return stillThere && !error.details.entryId ? new RotationError(error.code, error.message, { ...error.details, entryId: entry.id, step: stillThere.step }) : error;
    }
    const resumable = stillThere
      ? ' ' + t('The rotation of profile "{0}" stopped after step "{1}" and can be resumed or rolled back; no key or secret was lost.', entry.profileName, stillThere.step)
      : '';
    return new RotationError('stepFailed', message + resumable, { entryId: stillThere?.id, step: stillThere?.step, cause: error });
  }

  private async save(entry: RotationEntry, changes: Partial<RotationEntry>): Promise<RotationEntry> {
    const next: RotationEntry = { ...entry, ...changes, lastError: undefined, updatedAt: this.now().toISOString() };
    await this.deps.journal.put(next);
    return next;
  }

  /**
   * The RAM service signed by the manager profile's current key (which, when a profile manages its
   * own key, is the new key once it is stored). Without the profile, the journal's keys are used.
   */
  private async ramOf(managerProfileId: string, entry: RotationEntry | undefined): Promise<RamService> {
    const { profiles, clients } = this.deps;
    const manager = (await profiles.get(managerProfileId)) ?? (entry ? await profiles.get(entry.profileId) : undefined);
    if (manager) {
      return clients.session(await this.credentialsOf(manager), manager.regionId).ram;
    }
    if (!entry) {
      throw new RotationError('noProfile', t('There is no profile with the id {0}.', managerProfileId));
    }
    const useNew = entry.step !== 'started' && entry.step !== 'created' && entry.newAccessKeyId && entry.newAccessKeySecret;
    const credentials: Credentials = useNew
      ? { accessKeyId: entry.newAccessKeyId as string, accessKeySecret: entry.newAccessKeySecret as string }
      : { accessKeyId: entry.oldAccessKeyId, accessKeySecret: entry.oldAccessKeySecret };
    return clients.session(credentials, entry.regionId).ram;
  }

  private orphansIn(entry: RotationEntry, keys: readonly AccessKeyInfo[]): string[] {
    return keys.map((k) => k.accessKeyId).filter((id) => !entry.keysBefore.includes(id) && id !== entry.oldAccessKeyId);
  }

  private async createStep(entry: RotationEntry, options: RunOptions, fresh: boolean): Promise<RotationEntry> {
    const ram = await this.ramOf(entry.managerProfileId, entry);
    if (!fresh) {
      // A create may have been cut off: a key that was not there before has a secret nobody received.
      options.onProgress?.('checking');
      const keys = await ram.listAccessKeys(entry.userName);
      const orphans = this.orphansIn(entry, keys);
      if (orphans.length > 0) {
        if (!options.deleteOrphans) {
          throw new RotationError('orphans', t('The interrupted rotation left the AccessKey {0} behind; its secret was never received, so it cannot be used. Allow deleting it to go on.', orphans.join(', ')), { orphanKeyIds: orphans });
        }
        options.onProgress?.('deletingOrphans');
        for (const id of orphans) {
          await ram.deleteAccessKey(id, entry.userName);
          this.deps.log.info(`[rotation] ${entry.id} deleted the orphaned key ${maskAccessKeyId(id)}`);
        }
      } else if (keys.length >= ACCESS_KEYS_PER_USER) {
        await this.deps.journal.remove(entry.id);
        throw new RotationError('limit', t('{0} already has two AccessKeys, the most Alibaba Cloud allows, so no new one can be made. Nothing was changed.', this.who(entry.userName)));
      }
    }

    options.onProgress?.('creating');
    let created;
    try {
      created = await ram.createAccessKey(entry.userName);
    } catch (error) {
      if (!outcomeUnknown(error)) {
        await this.deps.journal.remove(entry.id);
        throw new RotationError('createFailed', t('Creating the new AccessKey failed: {0} Nothing was changed.', messageOf(error)), { cause: error });
      }
      // The key may have been made even though the answer was lost. Never create again blindly: look.
      let keys: AccessKeyInfo[];
      try {
        keys = await ram.listAccessKeys(entry.userName);
      } catch {
        throw new RotationError('createUnknown', t('Creating the new AccessKey did not complete ({0}), and listing the keys to check failed too. Nothing is retried blindly: resume or roll back the rotation once the connection works.', messageOf(error)), { cause: error });
      }
      const orphans = this.orphansIn(entry, keys);
      if (orphans.length === 0) {
        await this.deps.journal.remove(entry.id);
        throw new RotationError('createFailed', t('Creating the new AccessKey failed: {0} No key was made and nothing was changed.', messageOf(error)), { cause: error });
      }
      throw new RotationError('orphans', t('Alibaba Cloud made the AccessKey {0}, but the answer was lost, so its secret is unknown and the key cannot be used. Roll back the rotation to delete it, or resume it to delete it and create another.', orphans.join(', ')), { orphanKeyIds: orphans, cause: error });
    }
    this.deps.log.info(`[rotation] ${entry.id} created ${maskAccessKeyId(created.accessKeyId)}`);
    try {
      return await this.save(entry, { step: 'created', newAccessKeyId: created.accessKeyId, newAccessKeySecret: created.accessKeySecret, newKeyCreatedAt: created.createDate || undefined });
    } catch (error) {
      // The secret would live only in memory: undo the create rather than leave a key nobody can use.
      await ram.deleteAccessKey(created.accessKeyId, entry.userName).catch(() => undefined);
      await this.deps.journal.remove(entry.id).catch(() => undefined);
      throw new RotationError('journal', t('The new key\'s secret could not be written to secret storage ({0}); the new key was deleted again and nothing else changed.', (error as Error).name));
    }
  }

  private async storeStep(entry: RotationEntry): Promise<RotationEntry> {
    const { profiles } = this.deps;
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
    this.deps.log.info(`[rotation] ${entry.id} stored ${maskAccessKeyId(newId)} in profile "${entry.profileName}"`);
    return this.save(entry, { step: 'stored', profileId });
  }

  private async verifyStep(entry: RotationEntry, policy: VerifyPolicy): Promise<RotationEntry> {
    const credentials: Credentials = { accessKeyId: entry.newAccessKeyId as string, accessKeySecret: entry.newAccessKeySecret as string };
    const sts = this.deps.clients.session(credentials, entry.regionId).sts;
    let identity: CallerIdentity;
    try {
      identity = await this.whilePropagating(() => sts.getCallerIdentity(), policy, 'verify');
    } catch (error) {
      throw new RotationError('verifyFailed', t('The new key {0} does not work yet: {1} It is stored in profile "{2}" and the old key still works; resume the rotation to check again, or roll it back.', entry.newAccessKeyId as string, messageOf(error), entry.profileName), { cause: error });
    }
    const sameOwner = identity.accountId === entry.accountId
      && (entry.userName ? identity.identityType === 'RAMUser' && userNameFromArn(identity.arn) === entry.userName : identity.identityType === 'Account');
    if (!sameOwner) {
      throw new RotationError('verifyFailed', t('The new key belongs to {0}, not to the owner of the old key. Roll the rotation back.', identity.arn));
    }
    this.deps.log.info(`[rotation] ${entry.id} verified ${maskAccessKeyId(entry.newAccessKeyId)}`);
    return this.save(entry, { step: 'verified' });
  }

  /** Retries an operation while the failure looks like a key still on its way to every server. */
  private async whilePropagating<T>(op: () => Promise<T>, policy: VerifyPolicy, what: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (error) {
        if (!propagating(error) || attempt >= policy.attempts) {
          throw error;
        }
        const wait = Math.min(policy.maxDelayMs, policy.delayMs * 2 ** (attempt - 1));
        this.deps.log.debug(`[rotation] ${what} attempt ${attempt} failed (${error instanceof AliyunError ? error.code : 'error'}); again in ${wait} ms`);
        await this.sleep(wait);
      }
    }
  }

  private async repointStep(entry: RotationEntry): Promise<{ entry: RotationEntry; repointed: string[] }> {
    const { profiles } = this.deps;
    const newId = entry.newAccessKeyId as string;
    const repointed: string[] = [];
    for (const profile of await profiles.list()) {
      if (profile.accessKeyId === entry.oldAccessKeyId && profile.kind === 'AccessKey') {
        await profiles.update(profile.id, { accessKeyId: newId, keyCreatedAt: entry.newKeyCreatedAt }, { accessKeySecret: entry.newAccessKeySecret as string });
        repointed.push(profile.id);
        this.deps.log.info(`[rotation] ${entry.id} repointed profile "${profile.name}" to ${maskAccessKeyId(newId)}`);
      }
    }
    return { entry: await this.save(entry, { step: 'repointed' }), repointed };
  }

  private async disableStep(entry: RotationEntry, repointed: string[]): Promise<RotationResult> {
    const ram = await this.ramOf(entry.managerProfileId, entry);
    await ram.updateAccessKey(entry.oldAccessKeyId, 'Inactive', entry.userName);
    this.deps.log.info(`[rotation] ${entry.id} disabled the old key ${maskAccessKeyId(entry.oldAccessKeyId)}`);
    await this.deps.reminders?.add({
      accessKeyId: entry.oldAccessKeyId,
      userName: entry.userName,
      accountId: entry.accountId,
      profileId: entry.profileId,
      profileName: entry.profileName,
      managerProfileId: entry.managerProfileId,
    }).catch(() => undefined);
    await this.deps.journal.remove(entry.id);
    this.deps.log.info(`[rotation] ${entry.id} done`);
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

  /**
   * Undoes an interrupted rotation: re-enable the old key if it was disabled, give every profile
   * that holds the new key the old key and secret back, then delete the new key (and any key an
   * interrupted create left behind).
   */
  async rollback(entryId: string, options: RunOptions = {}): Promise<RollbackResult> {
    const entry = await this.deps.journal.get(entryId);
    if (!entry) {
      throw new RotationError('notFound', t('There is no unfinished rotation with the id {0}.', entryId));
    }
    this.deps.log.info(`[rotation] ${entry.id} rolling back from step ${entry.step}`);
    const deleted: string[] = [];
    const restored: string[] = [];
    try {
      if (entry.step === 'repointed') {
        // The disable may have happened even though its answer was lost.
        const ram = await this.ramOf(entry.managerProfileId, entry);
        const old = (await ram.listAccessKeys(entry.userName)).find((k) => k.accessKeyId === entry.oldAccessKeyId);
        if (old?.status === 'Inactive') {
          options.onProgress?.('enablingOld');
          await ram.updateAccessKey(entry.oldAccessKeyId, 'Active', entry.userName);
          this.deps.log.info(`[rotation] ${entry.id} enabled the old key ${maskAccessKeyId(entry.oldAccessKeyId)} again`);
        }
      }
      if (entry.newAccessKeyId) {
        options.onProgress?.('restoring');
        for (const profile of await this.deps.profiles.list()) {
          if (profile.accessKeyId === entry.newAccessKeyId) {
            await this.deps.profiles.update(profile.id, { accessKeyId: entry.oldAccessKeyId, keyCreatedAt: entry.oldKeyCreatedAt }, { accessKeySecret: entry.oldAccessKeySecret });
            restored.push(profile.id);
          }
        }
      }
      // With the old key back in place, the manager (possibly the rotated profile itself) deletes the new one.
      const ram = await this.ramOf(entry.managerProfileId, { ...entry, step: 'started' });
      const keys = await this.whilePropagating(() => ram.listAccessKeys(entry.userName), options.verify ?? this.deps.verify ?? DEFAULT_VERIFY_POLICY, 'rollback');
      // Only what this rotation made: the new key, or (cut off before its answer) keys that were not there before.
      const toDelete = entry.newAccessKeyId
        ? keys.filter((k) => k.accessKeyId === entry.newAccessKeyId).map((k) => k.accessKeyId)
        : this.orphansIn(entry, keys);
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
        this.deps.log.info(`[rotation] ${entry.id} deleted ${maskAccessKeyId(id)}`);
      }
      await this.deps.journal.remove(entry.id);
    } catch (error) {
      const message = messageOf(error);
      await this.deps.journal.put({ ...entry, lastError: message, updatedAt: this.now().toISOString() }).catch(() => undefined);
      throw new RotationError('stepFailed', message + ' ' + t('The rollback of profile "{0}" did not complete; try it again. The old secret is still kept.', entry.profileName), { entryId: entry.id, step: entry.step, cause: error });
    }
    this.deps.log.info(`[rotation] ${entry.id} rolled back`);
    return { status: 'rolledBack', entryId: entry.id, profileId: entry.profileId, oldAccessKeyId: entry.oldAccessKeyId, deletedAccessKeyIds: deleted, restoredProfileIds: restored };
  }
}
