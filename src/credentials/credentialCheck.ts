import type { CloudSession } from '../aliyun/clientFactory';
import { AliyunError, policyDocumentFor } from '../aliyun/errors';
import { describeDuration } from '../aliyun/serverClock';
import type { CallerIdentity, Endpoint, RamUser } from '../aliyun/types';
import { t, sentences } from '../util/l10n';
import type { Log } from '../util/log';
import { maskAccessKeyId } from '../util/mask';
import type { Profile } from './profile';

export interface StageResult {
  readonly ok: boolean;
  readonly message: string;
  readonly code?: string;
  readonly requestId?: string;
}

/** Who owns a disabled AccessKey, and which local profile found it (and so may be able to enable it). */
export interface KeyOwner {
  /** The RAM user; undefined when it is the account's own (root) AccessKey. */
  readonly userName?: string;
  readonly accountId?: string;
  /** The profile that listed the key; absent when only an earlier test of this key told us the owner. */
  readonly viaProfileId?: string;
  readonly viaProfileName?: string;
}

/** What a test found; nothing secret, so it may be kept and shown. */
export interface CredentialTestResult {
  readonly profileId: string;
  readonly accessKeyId: string;
  readonly testedAt: string;
  readonly ok: boolean;
  readonly identity?: CallerIdentity;
  readonly identityCheck: StageResult;
  readonly slbCheck?: StageResult;
  /** One paragraph a person can act on: what works, what does not, what to do. */
  readonly summary: string;
  /** The error kind of the first failure, for callers that offer actions. */
  readonly failureKind?: AliyunError['kind'];
  /** The stage that failed first. */
  readonly failedStage?: 'identity' | 'slb';
  /** The host that failed (for network, proxy and TLS problems). */
  readonly endpoint?: string;
  /** Clock skew: Alibaba Cloud's clock minus this computer's, in ms (positive: this clock is behind). */
  readonly clockSkewMs?: number;
  /** No permission: the denied action (`slb:DescribeRegions`), a system policy that grants it, and a custom policy document. */
  readonly deniedAction?: string;
  readonly suggestedPolicy?: string;
  readonly policyDocument?: string;
  /** A disabled key: who owns it. */
  readonly keyOwner?: KeyOwner;
}

export function describeIdentity(identity: CallerIdentity): string {
  switch (identity.identityType) {
    case 'Account':
      return t('the account {0} itself (root AccessKey)', identity.accountId);
    case 'RAMUser': {
      const name = userNameOf(identity) ?? identity.userId ?? identity.principalId;
      return t('RAM user {0} of account {1}', name, identity.accountId);
    }
    case 'AssumedRoleUser': {
      const role = identity.arn.split(':assumed-role/')[1] ?? identity.roleId ?? identity.principalId;
      return t('role session {0} of account {1}', role, identity.accountId);
    }
    default:
      return identity.arn;
  }
}

/** The RAM user name in `acs:ram::<account>:user/<name>`. */
export function userNameOf(identity: CallerIdentity): string | undefined {
  return identity.identityType === 'RAMUser' ? identity.arn.split(':user/')[1] || undefined : undefined;
}

export type TestStage = 'identity' | 'slb' | 'clock' | 'owner';

export interface TestProgress {
  report(stage: TestStage): void;
}

export interface TestOptions {
  readonly progress?: TestProgress;
  /** Measures the clock skew against an endpoint (see aliyun/serverClock.ts); without it the skew is not shown. */
  readonly measureClockSkew?: (endpoint: Endpoint) => Promise<number | undefined>;
  /** Looks for the owner of a disabled key through other profiles (see findKeyOwner). */
  readonly findKeyOwner?: (accessKeyId: string) => Promise<KeyOwner | undefined>;
  /** The last result of this profile: an earlier pass tells who a now disabled key belongs to. */
  readonly previous?: CredentialTestResult;
}

/**
 * Two stages: who the key is (STS GetCallerIdentity, which needs no permission), then whether it
 * may use SLB (DescribeRegions and DescribeLoadBalancers in the profile's region). A failure is
 * explained with what the service's answer lets us find out: the clock skew, the owner of a
 * disabled key, the missing action and a policy that grants it.
 */
export async function testCredentials(profile: Profile, session: CloudSession, options: TestOptions = {}): Promise<CredentialTestResult> {
  const base = { profileId: profile.id, accessKeyId: profile.accessKeyId, testedAt: new Date().toISOString() };
  const key = maskAccessKeyId(profile.accessKeyId);
  options.progress?.report('identity');
  let identity: CallerIdentity;
  try {
    identity = await session.sts.getCallerIdentity();
  } catch (error) {
    const diagnosis = await diagnose(error, profile, session, options, 'sts');
    return {
      ...base, ok: false, identityCheck: stageFailure(error), failedStage: 'identity', ...diagnosis.fields,
      summary: sentences(t('Profile "{0}" ({1}) does not work.', profile.name, key), diagnosis.text),
    };
  }
  const who = describeIdentity(identity);
  const identityStage: StageResult = { ok: true, message: t('The key belongs to {0}.', who) };
  const rootAdvice = identity.identityType === 'Account'
    ? t('This is the account\'s own AccessKey, which can do everything; Alibaba Cloud recommends using a RAM user\'s AccessKey instead.')
    : undefined;

  options.progress?.report('slb');
  try {
    const regions = await session.slb.describeRegions();
    const page = await session.slb.describeLoadBalancers(profile.regionId, 1, 10);
    const slbStage: StageResult = {
      ok: true,
      message: t('SLB works: {0} regions, {1} load balancers in {2}.', regions.length, page.totalCount, profile.regionId),
    };
    return {
      ...base, ok: true, identity, identityCheck: identityStage, slbCheck: slbStage,
      summary: sentences(t('Profile "{0}" works: {1} {2}', profile.name, identityStage.message, slbStage.message), rootAdvice),
    };
  } catch (error) {
    const diagnosis = await diagnose(error, profile, session, options, 'slb');
    return {
      ...base, ok: false, identity, identityCheck: identityStage, slbCheck: stageFailure(error), failedStage: 'slb', ...diagnosis.fields,
      summary: sentences(t('Profile "{0}" is valid ({1}), but SLB does not work for it.', profile.name, who), diagnosis.text, rootAdvice),
    };
  }
}

function stageFailure(error: unknown): StageResult {
  if (error instanceof AliyunError) {
    return { ok: false, message: error.message, code: error.code, requestId: error.requestId };
  }
  return { ok: false, message: t('Unexpected error: {0}', (error as Error)?.name ?? 'Error') };
}

type Diagnosis = { text: string; fields: Partial<CredentialTestResult> };

/** The error's own message plus what we can find out about it. */
async function diagnose(error: unknown, profile: Profile, session: CloudSession, options: TestOptions, product: 'sts' | 'slb'): Promise<Diagnosis> {
  if (!(error instanceof AliyunError)) {
    return { text: stageFailure(error).message, fields: { failureKind: 'unknown' } };
  }
  const fields: Partial<CredentialTestResult> = { failureKind: error.kind, endpoint: error.endpoint };
  const parts = [error.message];
  switch (error.kind) {
    case 'clockSkew': {
      options.progress?.report('clock');
      const skew = await options.measureClockSkew?.(session.endpoint(product, product === 'slb' ? profile.regionId : undefined));
      if (skew === undefined) {
        parts.push(t('(The difference could not be measured: {0} did not send its time.)', error.endpoint));
      } else if (Math.abs(skew) >= 60_000) {
        (fields as { clockSkewMs?: number }).clockSkewMs = skew;
        parts.push(describeSkew(skew, error.endpoint));
      } else {
        // The Date header agrees with us: whatever signed the request had another clock than this one.
        parts.push(t('(The difference could not be measured: the time {0} sends agrees with this computer\'s clock.)', error.endpoint));
      }
      break;
    }
    case 'wrongSecret':
      parts.push(t('Alibaba Cloud knows this AccessKey ID, so only the secret is wrong.'));
      break;
    case 'disabledKey': {
      const owner = await findOwner(profile, options);
      if (owner) {
        (fields as { keyOwner?: KeyOwner }).keyOwner = owner;
        parts.push(describeOwner(owner));
      } else {
        parts.push(t('No other profile on this computer could tell which RAM user owns it; an administrator can find it in the RAM console.'));
      }
      break;
    }
    case 'tokenExpired':
      if (profile.expiration) {
        parts.push(t('It expired at {0}.', new Date(profile.expiration).toLocaleString()));
      }
      break;
    case 'noPermission':
      if (error.deniedAction) {
        Object.assign(fields, {
          deniedAction: error.deniedAction,
          suggestedPolicy: error.suggestedPolicy,
          policyDocument: error.noPermissionType === 'ExplicitDeny' ? undefined : policyDocumentFor(error.deniedAction),
        });
      }
      break;
    case 'throttled':
      parts.push(t('The test was retried and still refused. If it persists, another program may be using this key heavily.'));
      break;
  }
  return { text: sentences(...parts), fields };
}

function describeSkew(skewMs: number, host: string): string {
  const { value, unit } = describeDuration(skewMs);
  const amount = {
    seconds: t('{0} seconds', value),
    minutes: t('{0} minutes', value),
    hours: t('{0} hours', value),
    days: t('{0} days', value),
  }[unit];
  return skewMs > 0
    ? t('This computer\'s clock is {0} behind Alibaba Cloud\'s (measured from the Date header of {1}).', amount, host)
    : t('This computer\'s clock is {0} ahead of Alibaba Cloud\'s (measured from the Date header of {1}).', amount, host);
}

function describeOwner(owner: KeyOwner): string {
  let whose: string;
  if (owner.userName) {
    whose = owner.accountId
      ? t('It belongs to RAM user {0} of account {1}.', owner.userName, owner.accountId)
      : t('It belongs to RAM user {0}.', owner.userName);
  } else {
    whose = t('It is the AccessKey of the account {0} itself (root).', owner.accountId ?? '');
  }
  if (owner.viaProfileName) {
    return sentences(whose, t('Profile "{0}" can see it and may be able to enable it.', owner.viaProfileName));
  }
  return whose;
}

async function findOwner(profile: Profile, options: TestOptions): Promise<KeyOwner | undefined> {
  if (options.findKeyOwner) {
    options.progress?.report('owner');
    try {
      const found = await options.findKeyOwner(profile.accessKeyId);
      if (found) {
        return found;
      }
    } catch {
      // The search is a courtesy; the diagnosis stands without it.
    }
  }
  // An earlier successful test of the same key told us who it is.
  const before = options.previous;
  if (before?.identity && before.accessKeyId === profile.accessKeyId && before.identity.identityType !== 'AssumedRoleUser') {
    return { userName: userNameOf(before.identity), accountId: before.identity.accountId };
  }
  return undefined;
}

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
export async function findKeyOwner(accessKeyId: string, candidates: readonly OwnerSearchCandidate[], options: OwnerSearchOptions = {}): Promise<KeyOwner | undefined> {
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

/** What the result's notification offers; the command turns each into a button. */
export type ResultActionId =
  | 'editProfile' | 'enableKey' | 'copyKeyId' | 'openRamConsole' | 'copyPolicy'
  | 'openDocs' | 'testAgain' | 'openSettings' | 'showLog';

/**
 * The actions worth offering for a result, best first. `available` says which commands of other
 * areas are registered (Edit Profile, Enable AccessKey); without them we fall back to the console.
 */
export function resultActions(result: CredentialTestResult, available: { editProfile: boolean; enableAccessKey: boolean }): ResultActionId[] {
  const edit: ResultActionId[] = available.editProfile ? ['editProfile'] : [];
  if (result.ok) {
    return result.identity?.identityType === 'Account' ? ['openRamConsole'] : [];
  }
  switch (result.failureKind) {
    case 'wrongSecret':
    case 'unknownKey':
    case 'noCredentials':
    case 'tokenInvalid':
    case 'tokenExpired':
      return [...edit, 'openDocs', 'showLog'];
    case 'disabledKey':
      return result.keyOwner?.viaProfileId && available.enableAccessKey
        ? ['enableKey', ...edit, 'showLog']
        : ['copyKeyId', 'openRamConsole', 'showLog'];
    case 'noPermission':
      return [...(result.policyDocument ? ['copyPolicy' as const] : []), 'openRamConsole', 'openDocs'];
    case 'throttled':
    case 'serverError':
    case 'nonceReused':
    case 'clockSkew':
      return ['testAgain', 'showLog'];
    case 'unreachable':
    case 'timeout':
    case 'tls':
    case 'badResponse':
      return ['testAgain', 'openSettings', 'showLog'];
    default:
      return [...edit, 'showLog'];
  }
}
