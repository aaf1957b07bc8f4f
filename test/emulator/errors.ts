/**
 * Error answers with the codes, messages and HTTP statuses of the real services
 * (see /work/shared/reference/alibaba-cloud-api.md; guesses are marked there and in README.md).
 */

export interface AccessDeniedDetail {
  AuthAction: string;
  AuthPrincipalType: string;
  AuthPrincipalOwnerId: string;
  AuthPrincipalDisplayName: string;
  PolicyType: string;
  NoPermissionType: 'ImplicitDeny' | 'ExplicitDeny';
  EncodedDiagnosticMessage: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly accessDeniedDetail?: AccessDeniedDetail,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const SIG_PREFIX = 'Specified signature is not matched with our calculation.';

export const Errors = {
  missing: (param: string): ApiError => new ApiError(400, `Missing${param}`, `${param} is mandatory for this action.`),
  incompleteSignature: (detail?: string): ApiError =>
    new ApiError(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards.${detail ? ` ${detail}` : ''}`),
  invalidSignatureMethod: (): ApiError => new ApiError(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.'),
  invalidSignatureVersion: (): ApiError => new ApiError(400, 'InvalidSignatureVersion', 'Specified signature version is not supported.'),
  signatureDoesNotMatch: (stringToSign: string): ApiError =>
    new ApiError(400, 'SignatureDoesNotMatch', `${SIG_PREFIX} server string to sign is:${stringToSign}`),
  accessKeyNotFound: (): ApiError => new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  accessKeyInactive: (): ApiError => new ApiError(400, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.'),
  timestampFormat: (): ApiError => new ApiError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.'),
  timestampExpired: (): ApiError => new ApiError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.'),
  nonceUsed: (): ApiError => new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),
  missingSecurityToken: (): ApiError => new ApiError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.'),
  tokenMismatch: (): ApiError =>
    new ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.'),
  tokenMalformed: (): ApiError => new ApiError(400, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.'),
  tokenExpired: (): ApiError => new ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'),
  apiNotFound: (): ApiError => new ApiError(404, 'InvalidApi.NotFound', 'Specified api is not found,please check your url and method.'),
  invalidVersion: (): ApiError => new ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.'),
  unsupportedMethod: (): ApiError => new ApiError(400, 'UnsupportedHTTPMethod', 'This http method is not supported.'),
  invalidFormat: (): ApiError => new ApiError(400, 'InvalidParameter.Format', 'Specified parameter Format is not valid.'),
  internal: (): ApiError => new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error, exception or failure.'),

  // RAM
  ramNoPermission: (detail: AccessDeniedDetail): ApiError =>
    new ApiError(403, 'NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.', detail),
  ramInvalidChars: (param: string): ApiError =>
    new ApiError(400, `InvalidParameter.${param}.InvalidChars`, `The parameter - "${param}" contains invalid chars.`),
  ramLength: (param: string): ApiError =>
    new ApiError(400, `InvalidParameter.${param}.Length`, `The parameter - "${param}" beyond the length limit.`),
  ramFormat: (param: string): ApiError =>
    new ApiError(400, `InvalidParameter.${param}.Format`, `The format of the parameter - "${param}" is incorrect.`),
  ramInvalidValue: (param: string): ApiError =>
    new ApiError(400, `InvalidParameter.${param}`, `The parameter - "${param}" is invalid.`),
  userNotFound: (): ApiError => new ApiError(404, 'EntityNotExist.User', 'The user does not exist.'),
  accessKeyEntityNotFound: (): ApiError => new ApiError(404, 'EntityNotExist.User.AccessKey', 'The user access key does not exist.'),
  userExists: (): ApiError => new ApiError(409, 'EntityAlreadyExists.User', 'The user does already EXIST.'),
  userLimit: (): ApiError => new ApiError(409, 'LimitExceeded.User', 'The count of users beyond the current limits.'),
  accessKeyLimit: (): ApiError =>
    new ApiError(409, 'LimitExceeded.User.AccessKey', 'The access key count of the user access keys beyond the current limits.'),
  deleteConflictAccessKey: (): ApiError =>
    new ApiError(409, 'DeleteConflict.User.AccessKey', 'The user CAN NOT has any access key while deleting the user.'),
  deleteConflictPolicy: (): ApiError =>
    new ApiError(409, 'DeleteConflict.User.Policy', 'The user CAN NOT has any attached policy while deleting the user.'),
  ramRoleNotFound: (): ApiError => new ApiError(404, 'EntityNotExist.Role', 'The role does not exist.'),
  policyTypeInvalid: (): ApiError => new ApiError(400, 'InvalidParameter.PolicyType', 'The parameter - "PolicyType" is incorrect.'),
  policyNotFound: (): ApiError => new ApiError(404, 'EntityNotExist.Policy', 'The policy does not exist.'),
  userPolicyExists: (): ApiError => new ApiError(409, 'EntityAlreadyExists.User.Policy', 'The user has already been attached this policy.'),
  userPolicyNotFound: (): ApiError => new ApiError(404, 'EntityNotExist.User.Policy', 'The indicate policy of the user does not exist.'),

  // STS AssumeRole (messages from its API reference; ExternalId's is not documented)
  stsRootCaller: (): ApiError => new ApiError(403, 'NoPermission', 'Roles may not be assumed by root accounts.'),
  stsRoleNotFound: (): ApiError => new ApiError(404, 'EntityNotExist.Role', 'The specified Role not exists.'),
  stsInvalid: (what: 'RoleArn' | 'RoleSessionName' | 'DurationSeconds' | 'PolicyGrammar' | 'PolicySize' | 'ExternalId'): ApiError => {
    const messages = {
      RoleArn: 'The parameter RoleArn is wrongly formed.',
      RoleSessionName: 'The parameter RoleSessionName is wrongly formed.',
      DurationSeconds: 'The Min/Max value of DurationSeconds is 15min/1hr.',
      PolicyGrammar: 'The parameter Policy has not passed grammar check.',
      PolicySize: 'The size of Policy must be smaller than 1024 bytes.',
      ExternalId: 'The parameter ExternalId is wrongly formed.',
    };
    return new ApiError(400, `InvalidParameter.${what}`, messages[what]);
  },

  // IMS (the code for a report that is not there yet is the emulator's choice)
  credentialReportNotReady: (inProgress: boolean): ApiError =>
    new ApiError(
      404,
      'EntityNotExist.CredentialReport',
      inProgress ? 'The credential report is being generated. Please try again later.' : 'The credential report does not exist. Call GenerateCredentialReport first.',
    ),
  imsInvalidValue: (param: string): ApiError => new ApiError(400, `InvalidParameter.${param}`, `The parameter ${param} is invalid.`),

  // SLB
  slbForbiddenRam: (detail: AccessDeniedDetail): ApiError =>
    new ApiError(403, 'Forbidden.RAM', "User not authorized to operate on the specified resource, or this API doesn't support RAM.", detail),
  slbInvalidParameter: (param: string): ApiError =>
    new ApiError(400, 'InvalidParameter', `The specified parameter "${param}" is not valid.`),
  slbLoadBalancerNotFound: (): ApiError => new ApiError(400, 'InvalidLoadBalancerId.NotFound', 'LoadBalancerId does not exist.'),
  regionNotFound: (): ApiError => new ApiError(404, 'InvalidRegionId.NotFound', 'The specified RegionId does not exist in our records.'),
};

/** Default code and message for a `status` fault of the given HTTP status. */
export function defaultErrorFor(status: number): { code: string; message: string } {
  switch (status) {
    case 500:
      return { code: 'InternalError', message: 'The request processing has failed due to some unknown error, exception or failure.' };
    case 502:
      return { code: 'BadGateway', message: 'The gateway received an invalid response from the upstream server.' };
    case 503:
      return { code: 'ServiceUnavailable', message: 'The request has failed due to a temporary failure of the server.' };
    case 504:
      return { code: 'GatewayTimeout', message: 'The request has timed out while waiting for the backend service.' };
    default:
      if (status >= 500) {
        return { code: 'InternalError', message: 'The request processing has failed due to some unknown error, exception or failure.' };
      }
      if (status === 403) {
        return { code: 'Forbidden', message: 'User not authorized to operate on the specified resource.' };
      }
      if (status === 429) {
        return { code: 'Throttling', message: 'Request was denied due to flow control.' };
      }
      if (status === 404) {
        return { code: 'InvalidApi.NotFound', message: 'Specified api is not found,please check your url and method.' };
      }
      return { code: 'InvalidParameter', message: 'The specified parameter is not valid.' };
  }
}

export function throttleMessage(code: string): string {
  if (code === 'Throttling.Api') {
    return 'Request was denied due to api flow control.';
  }
  if (code === 'Throttling.User') {
    return 'Request was denied due to user flow control.';
  }
  return 'Request was denied due to flow control.';
}
