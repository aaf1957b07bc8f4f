/**
 * The seed file's shape: the public contract (see /work/shared/reference/emulator-contract.md and
 * test/emulator/README.md) plus the optional, backward-compatible additions documented there.
 */

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface SeedAccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** Default `Active`. */
  status?: AccessKeyStatus;
  /** Default: the time the seed is loaded. */
  createDate?: string;
  /** Absent means never used. */
  lastUsedDate?: string;
}

export interface SeedUser {
  userName: string;
  /** Numeric string; generated (stable) when left out. */
  userId?: string;
  displayName?: string;
  comments?: string;
  email?: string;
  mobilePhone?: string;
  createDate?: string;
  updateDate?: string;
  lastLoginDate?: string;
  /** System policy names, see SYSTEM_POLICIES. */
  policies?: string[];
  accessKeys?: SeedAccessKey[];
  /** Credential report: an MFA device is bound. Default: FALSE with a password, N/A without. */
  mfaActive?: boolean;
  /** Credential report: the user has a console password (login profile). Default false. */
  passwordExist?: boolean;
  /** Credential report: last console logon; default `lastLoginDate`, else never. */
  lastLogon?: string;
}

export interface SeedListener {
  port: number;
  protocol: string;
  forwardPort?: number;
  listenerForward?: string;
  description?: string;
}

export interface SeedBackendServer {
  serverId: string;
  weight?: number;
  serverIp?: string;
  type?: string;
  vpcId?: string;
  description?: string;
}

export interface SeedTag {
  tagKey: string;
  tagValue: string;
}

export interface SeedLoadBalancer {
  regionId: string;
  loadBalancerId: string;
  loadBalancerName?: string;
  loadBalancerStatus?: string;
  address?: string;
  addressType?: string;
  addressIPVersion?: string;
  networkType?: string;
  vpcId?: string;
  vSwitchId?: string;
  loadBalancerSpec?: string;
  payType?: string;
  internetChargeType?: string;
  bandwidth?: number;
  masterZoneId?: string;
  slaveZoneId?: string;
  resourceGroupId?: string;
  deleteProtection?: string;
  createTime?: string;
  tags?: SeedTag[];
  listeners?: SeedListener[];
  backendServers?: SeedBackendServer[];
}

/** Emulator addition: STS credentials (as AssumeRole would have issued them). */
export interface SeedStsToken {
  /** Must start with `STS.`. */
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** Default: one hour after the seed is loaded. */
  expiration?: string;
  roleName: string;
  /** Numeric string; generated (stable) when left out. */
  roleId?: string;
  /** Default `emulator-session`. */
  roleSessionName?: string;
  /** System policy names the role has. Default none. */
  policies?: string[];
}

/** Who may assume a role (its trust policy). */
export interface SeedTrust {
  /** Every user and role of the role's account (`acs:ram::<id>:root`). Default false. */
  account?: boolean;
  /** RAM users of the same account, by name. */
  users?: string[];
  /** RAM roles of the same account, by name (role chaining). */
  roles?: string[];
  /** The `sts:ExternalId` condition: AssumeRole must pass this `ExternalId`. */
  externalId?: string;
}

/** A RAM role (contract "Roles"). */
export interface SeedRole {
  roleName: string;
  /** Numeric string; generated (stable) when left out. */
  roleId?: string;
  description?: string;
  /** Seconds, 3600–43200; default 3600. */
  maxSessionDuration?: number;
  createDate?: string;
  updateDate?: string;
  /** Default (no `trust` at all): the whole account, as the console's default for a new role. */
  trust?: SeedTrust;
  /** System policy names: the role's permissions. */
  policies?: string[];
}

/** Emulator addition: account limits. */
export interface SeedLimits {
  /** Default 5000 (RAM's current limit). */
  users?: number;
  /** Default 2 (RAM's limit). */
  accessKeysPerUser?: number;
  /** Default 2 (not documented by Alibaba Cloud). */
  rootAccessKeys?: number;
}

export interface SeedAccount {
  accountId: string;
  rootAccessKeys?: SeedAccessKey[];
  users?: SeedUser[];
  loadBalancers?: SeedLoadBalancer[];
  stsTokens?: SeedStsToken[];
  roles?: SeedRole[];
  limits?: SeedLimits;
}

/** An access configuration of the CloudSSO directory (contract "CloudSSO"). */
export interface SeedCloudSsoAccessConfiguration {
  /** `ac-…`, unique in the directory. */
  id: string;
  /** 1-32 letters, digits or `-`; the role it acts as is `AliyunReservedSSO-<name>`. */
  name: string;
  description?: string;
  /** System policy names: what its credentials may do. */
  policies?: string[];
  /** Seconds its credentials live, 900-43200; default 3600. */
  sessionDuration?: number;
}

/** Access configurations a CloudSSO user holds in one account of `accounts[]`. */
export interface SeedCloudSsoAssignment {
  accountId: string;
  /** Access configuration ids (at least one). */
  accessConfigurations: string[];
}

export interface SeedCloudSsoUser {
  /** Signs in on the approval page (case-insensitive); also the session name of its credentials. */
  userName: string;
  password: string;
  assignments?: SeedCloudSsoAssignment[];
}

/** The CloudSSO directory whose sign-in portal the emulator serves (top level: it spans accounts). */
export interface SeedCloudSso {
  directoryId?: string;
  /** Default `app-vaz16tltdxs96audqf35`, the aliyun CLI's public client. */
  clientId?: string;
  accessConfigurations?: SeedCloudSsoAccessConfiguration[];
  users?: SeedCloudSsoUser[];
  /** Emulator addition: the `DisplayName` of an account in the account list; default its id. */
  accountDisplayNames?: Record<string, string>;
  /** Default 600. */
  deviceCodeSeconds?: number;
  /** Default 5. */
  intervalSeconds?: number;
  /** Default 28800 (8 hours). */
  accessTokenSeconds?: number;
  /** Most entries per page of a list, whatever `MaxResults` asks; default 100. */
  pageSize?: number;
}

export interface SeedFile {
  accounts: SeedAccount[];
  cloudSso?: SeedCloudSso;
}

export class SeedError extends Error {
  constructor(readonly source: string, readonly problem: string) {
    super(`invalid seed ${source}: ${problem}`);
    this.name = 'SeedError';
  }
}

export interface ValidatedSeed {
  seed: SeedFile;
  /** Non-fatal findings (unknown fields, unknown policy names). */
  warnings: string[];
}
