// Test Credentials for a CloudSSO profile: the sign-in, the portal's temporary credentials, then
// who they are and whether they may use SLB, as any profile is tested.
import type { CloudSsoPortal } from '../../aliyun/cloudSsoPortal';
import type { TemporaryCredentials } from '../../aliyun/types';
import { sentences, t } from '../../util/l10n';
import { testProfile, type CredentialTestResult, type StageResult, type TestOptions } from '../credentialCheck';
import type { CloudSsoDefinition, Profile } from '../profile';
import type { SessionFactory } from '../profileSessions';
import { accessConfigurationAdvice, describeAssignment, diagnoseCloudSso, diagnoseNoSignIn, type CloudSsoDiagnosis } from './cloudSsoDiagnosis';
import { hostOf, type CloudSsoSignIns } from './signIns';

export interface CloudSsoTestInput {
  readonly profile: Profile & { readonly sso: CloudSsoDefinition };
  readonly signIns: Pick<CloudSsoSignIns, 'current'>;
  readonly portal: (signInUrl: string) => Pick<CloudSsoPortal, 'cloudCredentials'>;
  readonly clients: SessionFactory;
  readonly now?: () => number;
}

/**
 * Three stages: a working sign-in on this computer, credentials from the portal for the profile's
 * account and access configuration (every refusal diagnosed, naming the portal step), then the
 * credentials' identity and SLB. The credentials are used for the test only.
 */
export async function testCloudSsoProfile(input: CloudSsoTestInput, options: TestOptions = {}): Promise<CredentialTestResult> {
  const { profile } = input;
  const sso = profile.sso;
  const url = sso.signInUrl.trim();
  const host = hostOf(url);
  const { account, accessConfiguration } = describeAssignment(sso);
  const base = { profileId: profile.id, accessKeyId: '', testedAt: new Date().toISOString() };
  const notWorking = t('Profile "{0}" (CloudSSO, account {1}, access configuration {2}) does not work.', profile.name, account, accessConfiguration);
  const failure = (diagnosis: CloudSsoDiagnosis, stages: Partial<CredentialTestResult>): CredentialTestResult => {
    const stage: StageResult = { ok: false, message: diagnosis.text };
    return {
      ...base, ok: false, identityCheck: stage, ...stages, ...diagnosis.fields,
      ...(diagnosis.fields.failedStage === 'signIn' ? { signInCheck: stage } : { cloudSsoCheck: stage }),
      summary: sentences(notWorking, diagnosis.text),
    };
  };

  options.progress?.report('signIn');
  const { signIn, token } = await input.signIns.current(url);
  if (!token) {
    return failure(diagnoseNoSignIn(sso, signIn?.expiresAt, (input.now ?? Date.now)()), {});
  }
  const signInCheck: StageResult = signIn
    ? { ok: true, message: t('Signed in to CloudSSO at {0} until {1}.', host, new Date(signIn.expiresAt).toLocaleString()) }
    : { ok: true, message: t('Signed in to CloudSSO at {0}.', host) };

  options.progress?.report('cloudSso');
  let credentials: TemporaryCredentials;
  try {
    credentials = await input.portal(url).cloudCredentials(token, sso.accountId, sso.accessConfigurationId);
  } catch (error) {
    return failure(diagnoseCloudSso(error, sso), { signInCheck });
  }
  const cloudSsoCheck: StageResult = { ok: true, message: t('CloudSSO gives credentials for account {0} with access configuration {1}.', account, accessConfiguration) };

  const session = input.clients.session(
    { accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret, securityToken: credentials.securityToken }, profile.regionId,
  );
  const inner = await testProfile(profile, session, options);
  const advice = !inner.ok && inner.failureKind === 'noPermission' ? accessConfigurationAdvice(sso, inner.deniedAction, inner.suggestedPolicy) : undefined;
  return {
    ...inner, ...base, signInCheck, cloudSsoCheck,
    summary: sentences(signInCheck.message, cloudSsoCheck.message, inner.summary, advice),
  };
}
