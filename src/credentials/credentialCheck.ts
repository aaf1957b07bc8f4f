import { AliyunError } from '../aliyun/errors';
import type { CloudSession } from '../aliyun/clientFactory';
import type { CallerIdentity } from '../aliyun/types';
import { t } from '../util/l10n';
import { maskAccessKeyId } from '../util/mask';
import type { Profile } from './profile';

export interface StageResult {
  readonly ok: boolean;
  readonly message: string;
  readonly code?: string;
  readonly requestId?: string;
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
  /** One paragraph a person can act on. */
  readonly summary: string;
  /** The error kind of the first failure, for callers that offer actions. */
  readonly failureKind?: AliyunError['kind'];
}

export function describeIdentity(identity: CallerIdentity): string {
  switch (identity.identityType) {
    case 'Account':
      return t('the account {0} itself (root AccessKey)', identity.accountId);
    case 'RAMUser': {
      const name = identity.arn.split(':user/')[1] ?? identity.userId ?? identity.principalId;
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

function stageFailure(error: unknown): StageResult {
  if (error instanceof AliyunError) {
    return { ok: false, message: error.message, code: error.code, requestId: error.requestId };
  }
  return { ok: false, message: t('Unexpected error: {0}', (error as Error)?.name ?? 'Error') };
}

export interface TestProgress {
  report(stage: 'identity' | 'slb'): void;
}

/**
 * Two stages: who the key is (STS GetCallerIdentity, which needs no permission), then whether it
 * may use SLB (DescribeRegions and DescribeLoadBalancers in the profile's region).
 */
export async function testCredentials(profile: Profile, session: CloudSession, progress?: TestProgress): Promise<CredentialTestResult> {
  const base = { profileId: profile.id, accessKeyId: profile.accessKeyId, testedAt: new Date().toISOString() };
  progress?.report('identity');
  let identity: CallerIdentity;
  try {
    identity = await session.sts.getCallerIdentity();
  } catch (error) {
    const stage = stageFailure(error);
    return {
      ...base, ok: false, identityCheck: stage,
      summary: t('Profile "{0}" ({1}) does not work. {2}', profile.name, maskAccessKeyId(profile.accessKeyId), stage.message),
      failureKind: error instanceof AliyunError ? error.kind : 'unknown',
    };
  }
  const who = describeIdentity(identity);
  const identityStage: StageResult = { ok: true, message: t('The key belongs to {0}.', who) };
  const rootAdvice = identity.identityType === 'Account'
    ? ' ' + t('This is the account\'s own AccessKey, which can do everything; Alibaba Cloud recommends using a RAM user\'s AccessKey instead.')
    : '';

  progress?.report('slb');
  try {
    const regions = await session.slb.describeRegions();
    const page = await session.slb.describeLoadBalancers(profile.regionId, 1, 10);
    const slbStage: StageResult = {
      ok: true,
      message: t('SLB works: {0} regions, {1} load balancers in {2}.', regions.length, page.totalCount, profile.regionId),
    };
    return {
      ...base, ok: true, identity, identityCheck: identityStage, slbCheck: slbStage,
      summary: t('Profile "{0}" works: {1} {2}', profile.name, identityStage.message, slbStage.message) + rootAdvice,
    };
  } catch (error) {
    const stage = stageFailure(error);
    return {
      ...base, ok: false, identity, identityCheck: identityStage, slbCheck: stage,
      summary: t('Profile "{0}" is valid ({1}), but SLB failed: {2}', profile.name, who, stage.message) + rootAdvice,
      failureKind: error instanceof AliyunError ? error.kind : 'unknown',
    };
  }
}
