// Plain, typed results of the Alibaba Cloud calls we make. Nothing here loads the SDK.

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/** Credentials that stop working at `expiration` (STS AssumeRole, CloudSSO). */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** ISO 8601. */
  readonly expiration: string;
}

export interface Endpoint {
  /** host[:port] as the SDK takes it. */
  readonly host: string;
  readonly protocol: 'https' | 'http';
}

export interface ClientOptions {
  readonly credentials: Credentials;
  readonly endpoint: Endpoint;
  readonly regionId?: string;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly userAgent?: string;
}

export type IdentityType = 'Account' | 'RAMUser' | 'AssumedRoleUser';

export interface CallerIdentity {
  readonly identityType: IdentityType;
  readonly accountId: string;
  readonly principalId: string;
  readonly userId?: string;
  readonly roleId?: string;
  readonly arn: string;
}

export interface RamUser {
  readonly userName: string;
  readonly userId: string;
  readonly displayName: string;
  readonly comments?: string;
  readonly email?: string;
  readonly createDate?: string;
  readonly updateDate?: string;
  readonly lastLoginDate?: string;
}

export interface UsersPage {
  readonly users: RamUser[];
  /** Present only when there are more users. */
  readonly marker?: string;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeyInfo {
  readonly accessKeyId: string;
  readonly status: AccessKeyStatus;
  readonly createDate: string;
}

export interface NewAccessKey extends AccessKeyInfo {
  readonly accessKeySecret: string;
}

export interface SlbRegion {
  readonly regionId: string;
  readonly localName: string;
  readonly regionEndpoint: string;
}

export interface LoadBalancer {
  readonly loadBalancerId: string;
  readonly loadBalancerName: string;
  readonly loadBalancerStatus: string;
  readonly address: string;
  readonly addressType: string;
  readonly networkType: string;
  readonly regionId: string;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly loadBalancerSpec?: string;
  readonly payType?: string;
  readonly createTime?: string;
  readonly masterZoneId?: string;
  readonly slaveZoneId?: string;
  readonly addressIPVersion?: string;
  /** `paybytraffic` or `paybybandwidth`. */
  readonly internetChargeType?: string;
  /** Mbit/s; -1 when charged by traffic. */
  readonly bandwidth?: number;
  readonly resourceGroupId?: string;
  readonly deleteProtection?: string;
  readonly tags?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

export interface LoadBalancersPage {
  readonly loadBalancers: LoadBalancer[];
  readonly totalCount: number;
  readonly pageNumber: number;
  readonly pageSize: number;
}

export interface Listener {
  readonly port: number;
  readonly protocol: string;
  /** `on` when HTTP is redirected to another listener (`forwardPort`). */
  readonly forward?: string;
  readonly forwardPort?: number;
  readonly description?: string;
}

export interface BackendServer {
  readonly serverId: string;
  readonly weight: number;
  readonly serverIp?: string;
  readonly type?: string;
  readonly description?: string;
}

export interface LoadBalancerDetail extends LoadBalancer {
  readonly listeners: Listener[];
  readonly backendServers: BackendServer[];
}

/** The raw operations, one per API action; implemented in the SDK chunk. They throw SDK errors as they come. */
export interface RamApi {
  listUsers(marker: string | undefined, maxItems: number): Promise<UsersPage>;
  getUser(userName: string): Promise<RamUser>;
  listAccessKeys(userName?: string): Promise<AccessKeyInfo[]>;
  createAccessKey(userName?: string): Promise<NewAccessKey>;
  updateAccessKey(accessKeyId: string, status: AccessKeyStatus, userName?: string): Promise<void>;
  deleteAccessKey(accessKeyId: string, userName?: string): Promise<void>;
  getAccessKeyLastUsed(accessKeyId: string, userName?: string): Promise<string | undefined>;
  createUser(userName: string, displayName: string): Promise<RamUser>;
  deleteUser(userName: string): Promise<void>;
  attachPolicyToUser(policyType: PolicyType, policyName: string, userName: string): Promise<void>;
  detachPolicyFromUser(policyType: PolicyType, policyName: string, userName: string): Promise<void>;
  listPoliciesForUser(userName: string): Promise<AttachedPolicy[]>;
}

/** `System` policies are Alibaba Cloud's own; `Custom` ones the account's. */
export type PolicyType = 'System' | 'Custom';

export interface StsApi {
  getCallerIdentity(): Promise<CallerIdentity>;
  assumeRole(request: AssumeRoleRequest): Promise<AssumedRole>;
}

export interface AssumeRoleRequest {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds?: number;
  readonly externalId?: string;
  /** A session policy document (JSON): the result may do only what both it and the role allow. */
  readonly policy?: string;
}

/** STS AssumeRole's answer: temporary credentials and who they act as. */
export interface AssumedRole {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** ISO 8601. */
  readonly expiration: string;
  /** `acs:ram::<account>:assumed-role/<RoleName>/<session>`. */
  readonly arn: string;
  readonly assumedRoleId: string;
}

export interface RamRole {
  readonly roleName: string;
  readonly roleId: string;
  readonly arn: string;
  readonly description?: string;
  readonly maxSessionDuration?: number;
  readonly createDate?: string;
  /** The trust policy (JSON), from GetRole only. */
  readonly assumeRolePolicyDocument?: string;
}

export interface RolesPage {
  readonly roles: RamRole[];
  readonly marker?: string;
}

export interface AttachedPolicy {
  readonly policyName: string;
  readonly policyType: string;
}

/** The RAM calls about roles and who may assume them. */
export interface RoleApi {
  listRoles(marker: string | undefined, maxItems: number): Promise<RolesPage>;
  getRole(roleName: string): Promise<RamRole>;
  listPoliciesForUser(userName: string): Promise<AttachedPolicy[]>;
  listPoliciesForRole(roleName: string): Promise<AttachedPolicy[]>;
}

export interface SlbApi {
  /** `acceptLanguage`: `en-US`, `zh-CN` (the service's default) or `ja`, for the regions' local names. */
  describeRegions(acceptLanguage?: string): Promise<SlbRegion[]>;
  describeLoadBalancers(regionId: string, pageNumber: number, pageSize: number): Promise<LoadBalancersPage>;
  describeLoadBalancerAttribute(regionId: string, loadBalancerId: string): Promise<LoadBalancerDetail>;
}

/** `STARTED` while a credential report is being made, `COMPLETE` when a fresh one exists. */
export type CredentialReportState = 'STARTED' | 'COMPLETE' | string;

export interface CredentialReportPage {
  /** The CSV text of this page (decoded from the API's base64); every page starts with the header. */
  readonly csv: string;
  readonly generatedTime: string;
  /** Present only when there are more pages. */
  readonly nextToken?: string;
}

/** GetAccountSecurityPracticeReport's figures; a figure the answer lacks is undefined. */
export interface SecurityPractice {
  readonly score?: number;
  readonly rootWithAccessKey?: number;
  readonly rootBindMfa?: boolean;
  readonly subUsers?: number;
  readonly subUsersWithMfa?: number;
  readonly subUsersWithOldKey?: number;
  readonly subUsersWithUnusedKey?: number;
  readonly oldKeys?: number;
  readonly unusedKeys?: number;
  readonly passwordLevel?: string;
}

/** IMS: the account's credential report and security practice summary. */
export interface ImsApi {
  generateCredentialReport(): Promise<CredentialReportState>;
  getCredentialReport(nextToken: string | undefined, maxItems: number): Promise<CredentialReportPage>;
  getAccountSecurityPracticeReport(): Promise<SecurityPractice>;
}

/** What the SDK chunk (`./sdk`) exports. */
export interface SdkModule {
  createRamApi(options: ClientOptions): RamApi;
  createRoleApi(options: ClientOptions): RoleApi;
  createStsApi(options: ClientOptions): StsApi;
  createSlbApi(options: ClientOptions): SlbApi;
  createImsApi(options: ClientOptions): ImsApi;
}
