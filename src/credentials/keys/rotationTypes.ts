import type { RamService } from '../../aliyun/ramService';
import type { StsService } from '../../aliyun/stsService';
import type { AccessKeyInfo, CallerIdentity, Credentials } from '../../aliyun/types';
import { SafeError } from '../../util/errors';
import type { Log } from '../../util/log';
import type { Profile, ProfileSecrets } from '../profile';
import type { NewProfile, ProfileChanges } from '../profileStore';
import type { DeleteReminder } from './rotationReminders';

/**
 * Where a rotation stands. Each step is written before the next begins, so after a crash the
 * journal says exactly what has happened:
 * - `started`: the old secret is saved; nothing changed in the cloud (a create may have been cut off).
 * - `created`: the new key exists and its secret is saved here.
 * - `stored`: the rotated profile holds the new key.
 * - `verified`: the new key works (STS GetCallerIdentity).
 * - `repointed`: every other local profile that used the old key holds the new one.
 * The rotation ends by disabling the old key, after which the entry is removed.
 */
export type RotationStep = 'started' | 'created' | 'stored' | 'verified' | 'repointed';

export const ROTATION_STEPS: readonly RotationStep[] = ['started', 'created', 'stored', 'verified', 'repointed'];

/** One unfinished rotation, as the journal keeps it. */
export interface RotationEntry {
  readonly id: string;
  readonly profileId: string;
  readonly profileName: string;
  readonly regionId: string;
  /** The profile whose key signs the RAM calls (the rotated profile itself, or an administrator's). */
  readonly managerProfileId: string;
  readonly accountId: string;
  /** The RAM user who owns the key; absent for the account's own (root) key. */
  readonly userName?: string;
  readonly oldAccessKeyId: string;
  /** Secret: this entry lives only in SecretStorage. */
  readonly oldAccessKeySecret: string;
  /** The owner's keys before the create: a key outside this list was made by this rotation. */
  readonly keysBefore: readonly string[];
  /** The old key's creation date (the profile shows the key's age), restored on rollback. */
  readonly oldKeyCreatedAt?: string;
  readonly newAccessKeyId?: string;
  readonly newAccessKeySecret?: string;
  readonly newKeyCreatedAt?: string;
  readonly step: RotationStep;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** The last failure, as shown to the user (no secret in it). */
  readonly lastError?: string;
}

/** What may be shown or returned: the entry without its secrets. */
export type RotationSummary = Omit<RotationEntry, 'oldAccessKeySecret' | 'newAccessKeySecret'> & { readonly hasNewSecret: boolean };

export function summarize(entry: RotationEntry): RotationSummary {
  const rest: Record<string, unknown> = { ...entry };
  delete rest.oldAccessKeySecret;
  delete rest.newAccessKeySecret;
  return { ...(rest as Omit<RotationEntry, 'oldAccessKeySecret' | 'newAccessKeySecret'>), hasNewSecret: !!entry.newAccessKeySecret };
}

/** The ProfileStore operations a rotation uses (its public API). */
export interface RotationProfiles {
  list(): Promise<Profile[]>;
  get(id: string): Promise<Profile | undefined>;
  update(id: string, changes: ProfileChanges, secrets?: ProfileSecrets): Promise<Profile>;
  add(profile: NewProfile, secrets: ProfileSecrets): Promise<Profile>;
}

export interface RotationJournalStore {
  list(): Promise<RotationEntry[]>;
  get(id: string): Promise<RotationEntry | undefined>;
  put(entry: RotationEntry): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The services a rotation calls. */
export interface RotationSession {
  readonly ram: RamService;
  readonly sts: StsService;
}

/** Sessions of profiles (ProfileSessions): what they sign with, and the services signed so. */
export interface RotationSessions {
  credentials(profile: Profile): Promise<Credentials>;
  forProfile(profile: Profile): Promise<{ readonly session: RotationSession }>;
}

/** Sessions of keys no profile holds (the journal's old or new key). */
export interface RotationClients {
  session(credentials: Credentials, regionId: string | undefined): RotationSession;
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
  readonly sessions: RotationSessions;
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
  | 'noProfile' | 'notRotatable' | 'identity' | 'notOwner' | 'pending'
  | 'limit' | 'limitInactive' | 'createFailed' | 'createUnknown' | 'orphans'
  | 'journal' | 'verifyFailed' | 'stepFailed' | 'notFound';

/** A rotation failure with a message safe to show; `entryId` is set while the rotation can be resumed. */
export class RotationError extends SafeError {
  constructor(
    readonly code: RotationErrorCode,
    message: string,
    readonly details: { entryId?: string; step?: RotationStep; inactiveKeyId?: string; orphanKeyIds?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'RotationError';
  }
}
