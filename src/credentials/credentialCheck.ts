import type { CloudSession } from '../aliyun/clientFactory';
import { AliyunError, policyDocumentFor } from '../aliyun/errors';
import { describeDuration } from '../aliyun/serverClock';
import { describeIdentity, userNameOf } from '../aliyun/identity';
import type { CallerIdentity, Endpoint } from '../aliyun/types';
import { t, sentences } from '../util/l10n';
import { maskAccessKeyId } from '../util/mask';
import type { Profile } from './profile';

export interface StageResult {
  readonly ok: boolean;
  readonly message: string;
  readonly code?: string;
  readonly requestId?: string;
}

/** Who owns a disabled AccessKey, and which local profile found it (and so may be able to enable it). */
export interface FoundOwner {
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
  readonly failedStage?: 'source' | 'assume' | 'identity' | 'slb';
  /** The host that failed (for network, proxy and TLS problems). */
  readonly endpoint?: string;
  /** Clock skew: Alibaba Cloud's clock minus this computer's, in ms (positive: this clock is behind). */
  readonly clockSkewMs?: number;
  /** No permission: the denied action (`slb:DescribeRegions`), a system policy that grants it, and a custom policy document. */
  readonly deniedAction?: string;
  readonly suggestedPolicy?: string;
  readonly policyDocument?: string;
  /** A disabled key: who owns it. */
  readonly keyOwner?: FoundOwner;
  /** Role profiles: the source profile's identity check and the AssumeRole stage. */
  readonly sourceCheck?: StageResult;
  readonly assumeCheck?: StageResult;
  /** Why AssumeRole was refused, as far as could be told. */
  readonly roleCause?: 'root' | 'unknownRole' | 'duration' | 'sessionName' | 'policy' | 'trust' | 'externalId' | 'permission' | 'unknown';
  /** A trust-policy statement that names the source, for the role's owner to add. */
  readonly trustStatement?: string;
  readonly maxSessionDuration?: number;
}

export type TestStage = 'source' | 'assume' | 'identity' | 'slb' | 'clock' | 'owner';

export interface TestProgress {
  report(stage: TestStage): void;
}

export interface TestOptions {
  readonly progress?: TestProgress;
  /** Measures the clock skew against an endpoint (see aliyun/serverClock.ts); without it the skew is not shown. */
  readonly measureClockSkew?: (endpoint: Endpoint) => Promise<number | undefined>;
  /** Looks for the owner of a disabled key through other profiles (see findKeyOwner). */
  readonly findKeyOwner?: (accessKeyId: string) => Promise<FoundOwner | undefined>;
  /** The last result of this profile: an earlier pass tells who a now disabled key belongs to. */
  readonly previous?: CredentialTestResult;
}

/**
 * Two stages: who the key is (STS GetCallerIdentity, which needs no permission), then whether it
 * may use SLB (DescribeRegions and DescribeLoadBalancers in the profile's region). A failure is
 * explained with what the service's answer lets us find out: the clock skew, the owner of a
 * disabled key, the missing action and a policy that grants it.
 */
export async function testProfile(profile: Profile, session: CloudSession, options: TestOptions = {}): Promise<CredentialTestResult> {
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
        (fields as { keyOwner?: FoundOwner }).keyOwner = owner;
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

function describeOwner(owner: FoundOwner): string {
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

async function findOwner(profile: Profile, options: TestOptions): Promise<FoundOwner | undefined> {
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

/** What the result's notification offers; the command turns each into a button. */
export type ResultActionId =
  | 'editProfile' | 'enableKey' | 'copyKeyId' | 'openRamConsole' | 'copyPolicy' | 'copyTrustStatement' | 'testSource'
  | 'openDocs' | 'testAgain' | 'openSettings' | 'showLog' | 'createRamUser';

/**
 * The actions worth offering for a result, best first. `available` says which commands of other
 * areas are registered (Edit Profile, Enable AccessKey, Create RAM User and AccessKey); without them
 * we fall back to the console.
 */
export function resultActions(result: CredentialTestResult, available: { editProfile: boolean; enableAccessKey: boolean; createRamUser?: boolean }): ResultActionId[] {
  const edit: ResultActionId[] = available.editProfile ? ['editProfile'] : [];
  if (result.ok) {
    return result.identity?.identityType === 'Account' ? [...(available.createRamUser ? ['createRamUser' as const] : []), 'openRamConsole'] : [];
  }
  if (result.failedStage === 'source') {
    return ['testSource', ...edit, 'showLog'];
  }
  if (result.failedStage === 'assume' && result.roleCause) {
    return [
      ...(result.trustStatement ? ['copyTrustStatement' as const] : []),
      ...(result.policyDocument ? ['copyPolicy' as const] : []),
      ...edit, 'openRamConsole',
    ];
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
