import type { CloudSession } from '../../aliyun/clientFactory';
import { AliyunError } from '../../aliyun/errors';
import { describeIdentity } from '../../aliyun/identity';
import type { CallerIdentity } from '../../aliyun/types';
import { sentences, t } from '../../util/l10n';
import { testProfile, type CredentialTestResult, type StageResult, type TestOptions } from '../credentialCheck';
import type { Profile, RoleDefinition } from '../profile';
import type { SessionFactory } from '../profileSessions';
import { diagnoseAssumeRole } from './roleDiagnosis';

export interface RoleTestInput {
  readonly profile: Profile & { readonly role: RoleDefinition };
  readonly source: Profile;
  /** The source's session; undefined with the reason when even that could not be made (a broken chain, a missing secret). */
  readonly sourceSession: CloudSession | { readonly error: unknown };
  readonly clients: SessionFactory;
}

function failed(error: unknown): StageResult {
  return error instanceof AliyunError
    ? { ok: false, message: error.message, code: error.code, requestId: error.requestId }
    : { ok: false, message: error instanceof Error ? error.message : String(error) };
}

/**
 * Three stages: who the source profile is, whether it may assume the role (every refusal diagnosed),
 * then the role's own identity and SLB, as any profile is tested. The assumed credentials are used
 * for the test only.
 */
export async function testRoleProfile(input: RoleTestInput, options: TestOptions = {}): Promise<CredentialTestResult> {
  const { profile, source } = input;
  const role = profile.role;
  const roleName = role.roleArn.split('/').pop() ?? role.roleArn;
  const base = { profileId: profile.id, accessKeyId: '', testedAt: new Date().toISOString() };
  const notWorking = t('Profile "{0}" (role {1}) does not work.', profile.name, roleName);

  options.progress?.report('source');
  let identity: CallerIdentity;
  const session = 'error' in input.sourceSession ? undefined : input.sourceSession;
  try {
    if (!session) {
      throw (input.sourceSession as { error: unknown }).error;
    }
    identity = await session.sts.getCallerIdentity();
  } catch (error) {
    const stage = failed(error);
    return {
      ...base, ok: false, failedStage: 'source', sourceCheck: stage, identityCheck: stage, failureKind: error instanceof AliyunError ? error.kind : 'unknown',
      summary: sentences(notWorking, t('Its source profile "{0}" does not work: {1}', source.name, stage.message), t('Test "{0}" to see why.', source.name)),
    };
  }
  const sourceCheck: StageResult = { ok: true, message: t('Source profile "{0}" is {1}.', source.name, describeIdentity(identity)) };

  options.progress?.report('assume');
  let assumed;
  try {
    assumed = await session.roles.assumeRole({
      roleArn: role.roleArn, roleSessionName: role.sessionName, durationSeconds: role.durationSeconds, externalId: role.externalId, policy: role.policy,
    });
  } catch (error) {
    const diagnosis = await diagnoseAssumeRole(error, role, identity, session.roles);
    const stage = failed(error);
    return {
      ...base, ok: false, failedStage: 'assume', sourceCheck, assumeCheck: stage, identityCheck: stage, ...diagnosis.fields,
      summary: sentences(notWorking, diagnosis.text),
    };
  }
  const assumeCheck: StageResult = { ok: true, message: t('It may assume role {0} (for {1} seconds).', roleName, role.durationSeconds) };

  const roleSession = input.clients.session(
    { accessKeyId: assumed.accessKeyId, accessKeySecret: assumed.accessKeySecret, securityToken: assumed.securityToken }, profile.regionId,
  );
  const inner = await testProfile(profile, roleSession, options);
  return {
    ...inner, ...base, sourceCheck, assumeCheck,
    summary: sentences(sourceCheck.message, assumeCheck.message, inner.summary),
  };
}
