import type { CloudSession } from '../aliyun/clientFactory';
import { AliyunError } from '../aliyun/errors';
import { userNameOf } from '../aliyun/identity';
import type { RamUser } from '../aliyun/types';
import type { Log } from '../util/log';
import { maskAccessKeyId } from '../util/mask';
import type { CredentialTestResult, FoundOwner } from './credentialCheck';
import type { Profile } from './profile';

// The courtesy search a failed test makes for the owner of a disabled key, through the person's other profiles.

/** A profile that may be able to look up (and enable) someone else's key. */
export interface OwnerSearchCandidate {
  readonly profileId: string;
  readonly profileName: string;
  session(): Promise<CloudSession | undefined>;
}

export interface OwnerSearchOptions {
  /** Users whose keys are listed per profile, at most (a courtesy search, not an audit). */
  readonly maxUsers?: number;
  readonly parallelism?: number;
  readonly log?: Log;
}

/**
 * Which RAM user owns an AccessKey, asked through other profiles in turn: first the profile's own
 * keys (a root profile sees the root keys), then ListUsers and ListAccessKeys per user. A profile
 * without RAM permission is skipped. The profile that finds the key is named in the result.
 */
export async function findKeyOwner(accessKeyId: string, candidates: readonly OwnerSearchCandidate[], options: OwnerSearchOptions = {}): Promise<FoundOwner | undefined> {
  const maxUsers = options.maxUsers ?? 1000;
  const parallelism = options.parallelism ?? 8;
  for (const candidate of candidates) {
    const session = await candidate.session().catch(() => undefined);
    if (!session) {
      continue;
    }
    const via = { viaProfileId: candidate.profileId, viaProfileName: candidate.profileName };
    try {
      const own = await session.ram.listAccessKeys();
      if (own.some((k) => k.accessKeyId === accessKeyId)) {
        const identity = await session.sts.getCallerIdentity();
        return { userName: userNameOf(identity), accountId: identity.accountId, ...via };
      }
    } catch {
      // A role session cannot list "its own" keys; the user search below may still work.
    }
    let users: RamUser[];
    try {
      users = (await session.ram.listAllUsers()).slice(0, maxUsers);
    } catch (error) {
      options.log?.debug(`[test] profile "${candidate.profileName}" cannot list RAM users (${error instanceof AliyunError ? error.code : 'error'})`);
      continue;
    }
    const userName = await firstMatch(users, parallelism, async (user) => {
      const keys = await session.ram.listAccessKeys(user.userName);
      return keys.some((k) => k.accessKeyId === accessKeyId) ? user.userName : undefined;
    });
    if (userName) {
      const accountId = await session.sts.getCallerIdentity().then((i) => i.accountId, () => undefined);
      options.log?.info(`[test] profile "${candidate.profileName}" found ${maskAccessKeyId(accessKeyId)} under RAM user ${userName}`);
      return { userName, accountId, ...via };
    }
  }
  return undefined;
}

/** Runs `fn` over `items`, at most `limit` at once, and stops starting new ones after the first hit or a permission error. */
async function firstMatch<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R | undefined>): Promise<R | undefined> {
  let found: R | undefined;
  let stop = false;
  let next = 0;
  const worker = async () => {
    while (!stop && next < items.length) {
      const item = items[next++];
      try {
        const result = await fn(item);
        if (result !== undefined && found === undefined) {
          found = result;
          stop = true;
        }
      } catch (error) {
        if (error instanceof AliyunError && (error.kind === 'noPermission' || error.kind === 'throttled')) {
          stop = true;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return found;
}

export interface CandidateProfile {
  readonly profile: Profile;
  readonly last?: CredentialTestResult;
}

/**
 * The profiles worth asking about someone else's key, best first: those last seen working in the
 * same account, then any that last worked (most recent first), then untested ones. Profiles with
 * the same AccessKey, or whose last test failed, are left out.
 */
export function orderOwnerCandidates(tested: Profile, others: readonly CandidateProfile[], previous?: CredentialTestResult, max = 8): Profile[] {
  const account = previous?.accessKeyId === tested.accessKeyId ? previous.identity?.accountId : undefined;
  const usable = others.filter((c) => c.profile.id !== tested.id && c.profile.accessKeyId !== tested.accessKeyId
    && (!c.last || c.last.accessKeyId !== c.profile.accessKeyId || c.last.identityCheck.ok));
  const rank = (c: CandidateProfile): number => {
    const last = c.last && c.last.accessKeyId === c.profile.accessKeyId ? c.last : undefined;
    if (last?.identity && account && last.identity.accountId === account) {
      return 0;
    }
    return last?.identityCheck.ok ? 1 : 2;
  };
  return [...usable]
    .sort((a, b) => rank(a) - rank(b) || (b.last?.testedAt ?? '').localeCompare(a.last?.testedAt ?? ''))
    .slice(0, max)
    .map((c) => c.profile);
}
