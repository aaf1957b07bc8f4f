// Why a CloudSSO profile does not work, in the person's words, with the step that failed and
// the fix: sign in again, switch to an assignment they have, fix the sign-in URL, or ask for the
// policy the access configuration lacks.
import type { CloudSsoError, CloudSsoErrorKind } from '../../aliyun/cloudSsoPortal';
import { sentences, t } from '../../util/l10n';
import type { CredentialTestResult } from '../credentialCheck';
import type { CloudSsoDefinition } from '../profile';
import { SignInExpiredError } from './cloudSsoCredentials';
import { hostOf } from './signIns';

export interface CloudSsoDiagnosis {
  readonly text: string;
  readonly fields: Partial<CredentialTestResult>;
}

/** The account and access configuration as the person knows them: names when known, else the IDs. */
export function describeAssignment(sso: CloudSsoDefinition): { account: string; accessConfiguration: string } {
  return {
    account: sso.accountName ? `${sso.accountName} (${sso.accountId})` : sso.accountId,
    accessConfiguration: sso.accessConfigurationName ? `${sso.accessConfigurationName} (${sso.accessConfigurationId})` : sso.accessConfigurationId,
  };
}

/** By name: the portal's module loads only when a portal is used. */
function isPortalError(error: unknown): error is CloudSsoError {
  return (error as Error | undefined)?.name === 'CloudSsoError' && typeof (error as CloudSsoError).kind === 'string';
}

/** The AliyunError kind that best matches a portal failure, for the parts of the result that read it. */
function failureKindOf(kind: CloudSsoErrorKind): CredentialTestResult['failureKind'] {
  switch (kind) {
    case 'signInExpired':
      return 'noCredentials';
    case 'notAssigned':
      return 'noPermission';
    case 'unreachable':
      return 'unreachable';
    case 'throttled':
      return 'throttled';
    case 'malformed':
      return 'badResponse';
    default:
      return 'unknown';
  }
}

/** No working sign-in on this computer: never signed in here, signed out, or ended at `endedAt`. */
export function diagnoseNoSignIn(sso: CloudSsoDefinition, endedAt: string | undefined, now: number = Date.now()): CloudSsoDiagnosis {
  const host = hostOf(sso.signInUrl);
  const ended = endedAt !== undefined && !Number.isNaN(Date.parse(endedAt));
  const text = ended && Date.parse(endedAt) <= now
    ? t('Your CloudSSO sign-in at {0} ended at {1}.', host, new Date(endedAt).toLocaleString())
    : ended
      ? t('Your CloudSSO sign-in at {0} ends within a minute, at {1}.', host, new Date(endedAt).toLocaleString())
      : t('You are not signed in to CloudSSO at {0} on this computer.', host);
  return {
    text: sentences(text, t('Sign In Again: after the sign-in in the browser the profile works as it is.')),
    fields: { failedStage: 'signIn', cloudSsoCause: 'signInExpired', failureKind: 'noCredentials', endpoint: host },
  };
}

/**
 * A failure while getting the credentials from the portal: CloudSsoError names the step and the
 * answer; here each kind gets its fix. SignInExpiredError means the token was refused or ended.
 */
export function diagnoseCloudSso(error: unknown, sso: CloudSsoDefinition): CloudSsoDiagnosis {
  const host = hostOf(sso.signInUrl);
  const { account, accessConfiguration } = describeAssignment(sso);
  if (error instanceof SignInExpiredError) {
    return {
      text: sentences(error.message, t('Sign In Again: after the sign-in in the browser the profile works as it is.')),
      fields: { failedStage: 'cloudSso', cloudSsoCause: 'signInExpired', failureKind: 'noCredentials', endpoint: host },
    };
  }
  if (!isPortalError(error)) {
    return {
      text: t('Getting the temporary credentials from CloudSSO failed: {0}', error instanceof Error ? error.name : 'error'),
      fields: { failedStage: 'cloudSso', cloudSsoCause: 'other', failureKind: 'unknown', endpoint: host },
    };
  }
  const fields: Partial<CredentialTestResult> = {
    failedStage: 'cloudSso', cloudSsoCause: error.kind, cloudSsoStep: error.step, failureKind: failureKindOf(error.kind), endpoint: host,
  };
  let fix: string | undefined;
  switch (error.kind) {
    case 'signInExpired':
      fix = t('The portal no longer accepts the sign-in this computer holds (it ended early, or was revoked). Sign In Again: after the sign-in in the browser the profile works as it is.');
      break;
    case 'notAssigned':
      fix = t('This profile uses account {0} with access configuration {1}. Switch CloudSSO Account… lists the assignments you have; or ask your CloudSSO administrator to assign this one to you.', account, accessConfiguration);
      break;
    case 'unreachable':
      fix = t('Nothing reached the portal, so nothing is known about the sign-in. Check the network or proxy (http.proxy), then test again; if it keeps failing, check the sign-in URL ({0}).', sso.signInUrl);
      break;
    case 'wrongUrl':
      fix = t('The sign-in URL of this profile is {0}: the CloudSSO console shows the right one on its overview page. Edit the profile to correct it.', sso.signInUrl);
      break;
    case 'throttled':
      fix = t('Test again in a minute.');
      break;
  }
  return { text: sentences(error.message, fix), fields };
}

/**
 * The access configuration lets the credentials in but not to `deniedAction`: the fix is in
 * CloudSSO, not RAM (a RAM change to the provisioned role is undone at the next provisioning).
 */
export function accessConfigurationAdvice(sso: CloudSsoDefinition, deniedAction: string | undefined, suggestedPolicy: string | undefined): string {
  const { account, accessConfiguration } = describeAssignment(sso);
  const action = deniedAction ?? t('this action');
  return suggestedPolicy
    ? t('Access configuration {0} does not allow {1} in account {2}. A CloudSSO administrator adds the system policy {3} (or a custom policy that allows {1}: Copy Policy) to access configuration {0} and provisions it to the account again; or Switch CloudSSO Account… to an access configuration that allows it.', accessConfiguration, action, account, suggestedPolicy)
    : t('Access configuration {0} does not allow {1} in account {2}. A CloudSSO administrator adds a policy that allows it to access configuration {0} and provisions it to the account again; or Switch CloudSSO Account… to an access configuration that allows it.', accessConfiguration, action, account);
}
