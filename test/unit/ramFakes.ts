// An in-memory Alibaba Cloud account for RAM/rotation unit tests: keys with secrets and statuses,
// the two-key limit, permissions, injected faults and slow key propagation.
import { AliyunError, type ErrorKind } from '../../src/aliyun/errors';
import type { RamService } from '../../src/aliyun/ramService';
import type { StsService } from '../../src/aliyun/stsService';
import type { AccessKeyInfo, AccessKeyStatus, CallerIdentity, Credentials, NewAccessKey, PolicyType, RamUser, UsersPage } from '../../src/aliyun/types';

export interface FakeKey {
  accessKeyId: string;
  secret: string;
  status: AccessKeyStatus;
  createDate: string;
  lastUsed?: string;
  /** Calls with this key fail as unknown this many more times (a new key on its way). */
  propagating?: number;
}

export interface FakeUser {
  userName: string;
  displayName: string;
  admin: boolean;
  keys: FakeKey[];
  policies: string[];
}

/** The system policies the fake knows; any other name is EntityNotExist.Policy. */
export const FAKE_SYSTEM_POLICIES = ['AdministratorAccess', 'AliyunRAMFullAccess', 'AliyunRAMReadOnlyAccess', 'AliyunSLBFullAccess', 'AliyunSLBReadOnlyAccess'];

export interface Fault {
  action: string;
  when: 'before' | 'after';
  kind: ErrorKind;
  code: string;
  times: number;
}

export function aliyunError(kind: ErrorKind, code: string, action = 'Fake'): AliyunError {
  return new AliyunError({ kind, code, message: `${code} (${kind})`, product: 'ram', action, endpoint: 'fake' });
}

export class FakeCloud {
  readonly accountId = '3000000000000000';
  readonly rootKeys: FakeKey[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly calls: string[] = [];
  private faults: Fault[] = [];
  private counter = 0;
  /** Keys made from now on fail this many calls before they work. */
  propagationDelay = 0;

  addUser(userName: string, admin = false, displayName = userName): FakeUser {
    const user: FakeUser = { userName, displayName, admin, keys: [], policies: [] };
    this.users.set(userName, user);
    return user;
  }

  addKey(owner: FakeUser | 'root', accessKeyId: string, secret: string, status: AccessKeyStatus = 'Active', createDate = '2025-01-01T00:00:00Z'): FakeKey {
    const key: FakeKey = { accessKeyId, secret, status, createDate };
    (owner === 'root' ? this.rootKeys : owner.keys).push(key);
    return key;
  }

  fault(action: string, when: 'before' | 'after', kind: ErrorKind = 'serverError', code = 'InternalError', times = 1): void {
    this.faults.push({ action, when, kind, code, times });
  }

  clearFaults(): void {
    this.faults = [];
  }

  keysOf(userName?: string): FakeKey[] {
    return userName === undefined ? this.rootKeys : (this.users.get(userName)?.keys ?? []);
  }

  findKey(accessKeyId: string): { key: FakeKey; user?: FakeUser } | undefined {
    const root = this.rootKeys.find((k) => k.accessKeyId === accessKeyId);
    if (root) {
      return { key: root };
    }
    for (const user of this.users.values()) {
      const key = user.keys.find((k) => k.accessKeyId === accessKeyId);
      if (key) {
        return { key, user };
      }
    }
    return undefined;
  }

  /** Whether these credentials would work right now (no call counted). */
  works(credentials: Credentials): boolean {
    const found = this.findKey(credentials.accessKeyId);
    return !!found && found.key.secret === credentials.accessKeySecret && found.key.status === 'Active';
  }

  private take(action: string, when: 'before' | 'after'): Fault | undefined {
    const fault = this.faults.find((f) => f.action === action && f.when === when);
    if (fault && --fault.times <= 0) {
      this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }

  private authenticate(credentials: Credentials, action: string): { user?: FakeUser } {
    const found = this.findKey(credentials.accessKeyId);
    if (!found) {
      throw aliyunError('unknownKey', 'InvalidAccessKeyId.NotFound', action);
    }
    if (found.key.propagating && found.key.propagating > 0) {
      found.key.propagating--;
      throw aliyunError('unknownKey', 'InvalidAccessKeyId.NotFound', action);
    }
    if (found.key.secret !== credentials.accessKeySecret) {
      throw aliyunError('wrongSecret', 'SignatureDoesNotMatch', action);
    }
    if (found.key.status !== 'Active') {
      throw aliyunError('disabledKey', 'InvalidAccessKeyId.Inactive', action);
    }
    found.key.lastUsed = '2026-01-01T00:00:00Z';
    return { user: found.user };
  }

  /** Runs one call as the API would: authenticate, faults before, permission, the action, faults after. */
  private call<T>(credentials: Credentials, action: string, op: (caller: { user?: FakeUser }) => T, needsRam = true): Promise<T> {
    this.calls.push(action);
    try {
      const before = this.take(action, 'before');
      if (before) {
        throw aliyunError(before.kind, before.code, action);
      }
      const caller = this.authenticate(credentials, action);
      if (needsRam && caller.user && !caller.user.admin) {
        throw aliyunError('noPermission', 'NoPermission', action);
      }
      const result = op(caller);
      const after = this.take(action, 'after');
      if (after) {
        throw aliyunError(after.kind, after.code, action);
      }
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private namedUser(userName: string, action: string): FakeUser {
    const user = this.users.get(userName);
    if (!user) {
      throw aliyunError('notFound', 'EntityNotExist.User', action);
    }
    return user;
  }

  private policyTarget(type: PolicyType, policyName: string, userName: string, action: string): FakeUser {
    const user = this.namedUser(userName, action);
    if (type !== 'System' || !FAKE_SYSTEM_POLICIES.includes(policyName)) {
      throw aliyunError('notFound', 'EntityNotExist.Policy', action);
    }
    return user;
  }

  private owner(caller: { user?: FakeUser }, userName: string | undefined, action: string): FakeKey[] {
    if (userName !== undefined) {
      const user = this.users.get(userName);
      if (!user) {
        throw aliyunError('notFound', 'EntityNotExist.User', action);
      }
      return user.keys;
    }
    return caller.user ? caller.user.keys : this.rootKeys;
  }

  session(credentials: Credentials): { ram: RamService; sts: StsService } {
    const info = (k: FakeKey): AccessKeyInfo => ({ accessKeyId: k.accessKeyId, status: k.status, createDate: k.createDate });
    const ownedKey = (keys: FakeKey[], id: string, action: string) => {
      const key = keys.find((k) => k.accessKeyId === id);
      if (!key) {
        throw aliyunError('notFound', 'EntityNotExist.User.AccessKey', action);
      }
      return key;
    };
    const listUsers = (marker?: string, maxItems = 1000): Promise<UsersPage> => this.call(credentials, 'ListUsers', () => {
      const all = [...this.users.values()];
      const start = marker ? Number(marker) : 0;
      const users: RamUser[] = all.slice(start, start + maxItems).map((u) => ({ userName: u.userName, userId: u.userName, displayName: u.displayName }));
      return { users, marker: start + maxItems < all.length ? String(start + maxItems) : undefined };
    });
    const ram: RamService = {
      listUsers,
      async listAllUsers() {
        const out: RamUser[] = [];
        let marker: string | undefined;
        do {
          const page = await listUsers(marker);
          out.push(...page.users);
          marker = page.marker;
        } while (marker);
        return out;
      },
      getUser: (userName) => this.call(credentials, 'GetUser', () => {
        const u = this.users.get(userName);
        if (!u) {
          throw aliyunError('notFound', 'EntityNotExist.User', 'GetUser');
        }
        return { userName: u.userName, userId: u.userName, displayName: u.displayName };
      }),
      listAccessKeys: (userName) => this.call(credentials, 'ListAccessKeys', (caller) => this.owner(caller, userName, 'ListAccessKeys').map(info)),
      createAccessKey: (userName) => this.call(credentials, 'CreateAccessKey', (caller): NewAccessKey => {
        const keys = this.owner(caller, userName, 'CreateAccessKey');
        if (keys.length >= 2) {
          throw aliyunError('limitExceeded', 'LimitExceeded.User.AccessKey', 'CreateAccessKey');
        }
        this.counter++;
        const key: FakeKey = {
          accessKeyId: `LTAI5tFakeNew${String(this.counter).padStart(11, '0')}`,
          secret: `fake-new-secret-${this.counter}-not-real-000`,
          status: 'Active',
          createDate: '2026-02-01T00:00:00Z',
          propagating: this.propagationDelay,
        };
        keys.push(key);
        return { ...info(key), accessKeySecret: key.secret };
      }),
      updateAccessKey: (id, status, userName) => this.call(credentials, 'UpdateAccessKey', (caller) => {
        ownedKey(this.owner(caller, userName, 'UpdateAccessKey'), id, 'UpdateAccessKey').status = status;
      }),
      deleteAccessKey: (id, userName) => this.call(credentials, 'DeleteAccessKey', (caller) => {
        const keys = this.owner(caller, userName, 'DeleteAccessKey');
        ownedKey(keys, id, 'DeleteAccessKey');
        keys.splice(keys.findIndex((k) => k.accessKeyId === id), 1);
      }),
      getAccessKeyLastUsed: (id, userName) => this.call(credentials, 'GetAccessKeyLastUsed', (caller) =>
        ownedKey(this.owner(caller, userName, 'GetAccessKeyLastUsed'), id, 'GetAccessKeyLastUsed').lastUsed),
      createUser: (userName, displayName) => this.call(credentials, 'CreateUser', (): RamUser => {
        if (this.users.has(userName)) {
          throw aliyunError('conflict', 'EntityAlreadyExists.User', 'CreateUser');
        }
        this.addUser(userName, false, displayName);
        return { userName, userId: userName, displayName };
      }),
      deleteUser: (userName) => this.call(credentials, 'DeleteUser', () => {
        const user = this.namedUser(userName, 'DeleteUser');
        if (user.keys.length > 0 || user.policies.length > 0) {
          throw aliyunError('conflict', user.keys.length > 0 ? 'DeleteConflict.User.AccessKey' : 'DeleteConflict.User.Policy', 'DeleteUser');
        }
        this.users.delete(userName);
      }),
      attachPolicyToUser: (type, policyName, userName) => this.call(credentials, 'AttachPolicyToUser', () => {
        const user = this.policyTarget(type, policyName, userName, 'AttachPolicyToUser');
        if (user.policies.includes(policyName)) {
          throw aliyunError('conflict', 'EntityAlreadyExists.User.Policy', 'AttachPolicyToUser');
        }
        user.policies.push(policyName);
      }),
      detachPolicyFromUser: (type, policyName, userName) => this.call(credentials, 'DetachPolicyFromUser', () => {
        const user = this.policyTarget(type, policyName, userName, 'DetachPolicyFromUser');
        if (!user.policies.includes(policyName)) {
          throw aliyunError('notFound', 'EntityNotExist.User.Policy', 'DetachPolicyFromUser');
        }
        user.policies.splice(user.policies.indexOf(policyName), 1);
      }),
      listPoliciesForUser: (userName) => this.call(credentials, 'ListPoliciesForUser', () =>
        this.namedUser(userName, 'ListPoliciesForUser').policies.map((policyName) => ({ policyName, policyType: 'System' }))),
    };
    const sts: StsService = {
      getCallerIdentity: () => this.call(credentials, 'GetCallerIdentity', (caller): CallerIdentity => caller.user
        ? { identityType: 'RAMUser', accountId: this.accountId, principalId: caller.user.userName, userId: caller.user.userName, arn: `acs:ram::${this.accountId}:user/${caller.user.userName}` }
        : { identityType: 'Account', accountId: this.accountId, principalId: this.accountId, userId: this.accountId, arn: `acs:ram::${this.accountId}:root` }, false),
    };
    return { ram, sts };
  }
}
