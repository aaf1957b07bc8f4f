import type { ApiCaller } from './call';
import { allPages } from './paging';
import type { AccessKeyInfo, AccessKeyStatus, AttachedPolicy, NewAccessKey, PolicyType, RamApi, RamUser, UsersPage } from './types';

/** The largest page ListUsers allows. */
export const LIST_USERS_MAX_ITEMS = 1000;

/** Alibaba Cloud allows two AccessKeys per RAM user (and per account). */
export const ACCESS_KEYS_PER_USER = 2;

export interface RamService {
  listUsers(marker?: string, maxItems?: number): Promise<UsersPage>;
  /** Every user, page after page (the Marker makes them sequential); `onPage` sees each page as it lands. */
  listAllUsers(onPage?: (users: readonly RamUser[]) => void): Promise<RamUser[]>;
  getUser(userName: string): Promise<RamUser>;
  /** Without a user name: the caller's own keys. */
  listAccessKeys(userName?: string): Promise<AccessKeyInfo[]>;
  /** Never retried: on failure, list the keys to see whether one was made. */
  createAccessKey(userName?: string): Promise<NewAccessKey>;
  updateAccessKey(accessKeyId: string, status: AccessKeyStatus, userName?: string): Promise<void>;
  deleteAccessKey(accessKeyId: string, userName?: string): Promise<void>;
  getAccessKeyLastUsed(accessKeyId: string, userName?: string): Promise<string | undefined>;
  /** Never retried: a lost answer may have made the user (look with getUser). */
  createUser(userName: string, displayName: string): Promise<RamUser>;
  /** Refused while the user has AccessKeys or policies. */
  deleteUser(userName: string): Promise<void>;
  attachPolicyToUser(policyType: PolicyType, policyName: string, userName: string): Promise<void>;
  detachPolicyFromUser(policyType: PolicyType, policyName: string, userName: string): Promise<void>;
  listPoliciesForUser(userName: string): Promise<AttachedPolicy[]>;
}

export class AliyunRamService implements RamService {
  constructor(private readonly api: () => RamApi, private readonly caller: ApiCaller) {}

  listUsers(marker?: string, maxItems = LIST_USERS_MAX_ITEMS): Promise<UsersPage> {
    return this.caller.read('ListUsers', () => this.api().listUsers(marker, maxItems));
  }

  listAllUsers(onPage?: (users: readonly RamUser[]) => void): Promise<RamUser[]> {
    return allPages(async (marker) => {
      const page = await this.listUsers(marker);
      return { items: page.users, marker: page.marker };
    }, onPage);
  }

  getUser(userName: string): Promise<RamUser> {
    return this.caller.read('GetUser', () => this.api().getUser(userName));
  }

  listAccessKeys(userName?: string): Promise<AccessKeyInfo[]> {
    return this.caller.read('ListAccessKeys', () => this.api().listAccessKeys(userName));
  }

  createAccessKey(userName?: string): Promise<NewAccessKey> {
    return this.caller.write('CreateAccessKey', () => this.api().createAccessKey(userName));
  }

  updateAccessKey(accessKeyId: string, status: AccessKeyStatus, userName?: string): Promise<void> {
    // Setting a status is idempotent, but it is still a write: we let the caller decide.
    return this.caller.write('UpdateAccessKey', () => this.api().updateAccessKey(accessKeyId, status, userName));
  }

  deleteAccessKey(accessKeyId: string, userName?: string): Promise<void> {
    return this.caller.write('DeleteAccessKey', () => this.api().deleteAccessKey(accessKeyId, userName));
  }

  getAccessKeyLastUsed(accessKeyId: string, userName?: string): Promise<string | undefined> {
    return this.caller.read('GetAccessKeyLastUsed', () => this.api().getAccessKeyLastUsed(accessKeyId, userName));
  }

  createUser(userName: string, displayName: string): Promise<RamUser> {
    return this.caller.write('CreateUser', () => this.api().createUser(userName, displayName));
  }

  deleteUser(userName: string): Promise<void> {
    return this.caller.write('DeleteUser', () => this.api().deleteUser(userName));
  }

  attachPolicyToUser(policyType: PolicyType, policyName: string, userName: string): Promise<void> {
    return this.caller.write('AttachPolicyToUser', () => this.api().attachPolicyToUser(policyType, policyName, userName));
  }

  detachPolicyFromUser(policyType: PolicyType, policyName: string, userName: string): Promise<void> {
    return this.caller.write('DetachPolicyFromUser', () => this.api().detachPolicyFromUser(policyType, policyName, userName));
  }

  listPoliciesForUser(userName: string): Promise<AttachedPolicy[]> {
    return this.caller.read('ListPoliciesForUser', () => this.api().listPoliciesForUser(userName));
  }
}
