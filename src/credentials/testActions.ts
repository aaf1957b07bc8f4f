// What Test Credentials offers with a result: the actions that fix what failed, best first.
import type { CredentialTestResult } from './credentialCheck';

/** What the result's notification offers; the command turns each into a button. */
export type ResultActionId =
  | 'editProfile' | 'enableKey' | 'copyKeyId' | 'openRamConsole' | 'copyPolicy' | 'copyTrustStatement' | 'testSource'
  | 'openDocs' | 'testAgain' | 'openSettings' | 'showLog' | 'signInAgain' | 'switchCloudSso' | 'createRamUser';

/** Which commands of other areas are registered: Edit Profile, Enable AccessKey, Create RAM User and AccessKey, and CloudSSO's Sign In Again and Switch. */
export interface AvailableActions {
  readonly editProfile: boolean;
  readonly enableAccessKey: boolean;
  readonly createRamUser?: boolean;
  readonly cloudSso?: boolean;
}

/** A CloudSSO profile whose sign-in or portal failed: sign in again, switch, or fix the URL, as the cause says. */
function cloudSsoActions(result: CredentialTestResult, edit: ResultActionId[], sso: boolean): ResultActionId[] {
  switch (result.cloudSsoCause) {
    case 'signInExpired':
      return [...(sso ? ['signInAgain' as const] : []), 'showLog'];
    case 'notAssigned':
      return [...(sso ? ['switchCloudSso' as const] : []), ...edit, 'showLog'];
    case 'unreachable':
    case 'throttled':
      return ['testAgain', 'openSettings', 'showLog'];
    case 'wrongUrl':
      return [...edit, 'openSettings', 'showLog'];
    default:
      return ['testAgain', ...edit, 'showLog'];
  }
}

/**
 * The actions worth offering for a result, best first. `available` says which commands of other
 * areas are registered; without them we fall back to the console.
 */
export function resultActions(result: CredentialTestResult, available: AvailableActions): ResultActionId[] {
  const edit: ResultActionId[] = available.editProfile ? ['editProfile'] : [];
  if (result.ok) {
    return result.identity?.identityType === 'Account' ? [...(available.createRamUser ? ['createRamUser' as const] : []), 'openRamConsole'] : [];
  }
  if (result.failedStage === 'signIn' || result.failedStage === 'cloudSso') {
    return cloudSsoActions(result, edit, available.cloudSso === true);
  }
  if (result.cloudSsoCheck && result.failureKind === 'noPermission') {
    // The access configuration lacks it: an administrator adds the policy there, or another one has it.
    return [...(result.policyDocument ? ['copyPolicy' as const] : []), ...(available.cloudSso ? ['switchCloudSso' as const] : []), 'openDocs'];
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
