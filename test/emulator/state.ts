/**
 * The emulator's in-memory cloud: accounts, RAM users, roles, AccessKeys, STS credentials and SLB
 * instances, built from a validated seed with the contract's defaults applied.
 */
import * as crypto from 'crypto';
import type { ReportState } from './credentialReport';
import type { PolicyDocument } from './policy';
import { REGION_IDS } from './regions';
import { Role, defaultRoleId, roleFromSeed } from './roles';
import type { AccessKeyStatus, SeedAccessKey, SeedFile } from './seedTypes';
import { LoadBalancer, loadBalancerFromSeed } from './slbState';
import { isoSeconds, randomDigits, randomString, stableDigits } from './util';

export type { BackendServer, Listener, LoadBalancer } from './slbState';

export interface KeyRecord {
  accessKeyId: string;
  secret: string;
  status: AccessKeyStatus;
  createDate: string;
  lastUsedDate?: string;
  owner: KeyOwner;
}

export type KeyOwner = { kind: 'root'; account: Account } | { kind: 'user'; account: Account; user: User };

export interface User {
  userName: string;
  userId: string;
  displayName: string;
  comments: string;
  email: string;
  mobilePhone: string;
  createDate: string;
  updateDate: string;
  lastLoginDate?: string;
  policies: string[];
  /** When each policy was attached (ListPoliciesForUser). */
  policyDates: Map<string, string>;
  keys: KeyRecord[];
  /** Creation order; ListUsers pages by it. */
  seq: number;
  /** Credential report fields (seed only). */
  mfaActive?: boolean;
  passwordExist?: boolean;
  lastLogon?: string;
}

export interface StsCredential {
  accessKeyId: string;
  secret: string;
  securityToken: string;
  expirationMs: number;
  expiration: string;
  roleName: string;
  roleId: string;
  roleSessionName: string;
  /** System policies of the role (a copy made when the credentials were issued). */
  policies: string[];
  /** AssumeRole's `Policy`: the credentials may do only what it allows too. */
  sessionPolicy?: PolicyDocument;
  account: Account;
}

export interface Limits {
  users: number;
  accessKeysPerUser: number;
  rootAccessKeys: number;
}

export interface Account {
  accountId: string;
  rootKeys: KeyRecord[];
  /** Keyed by lower-case user name (RAM user names are case-insensitive). */
  users: Map<string, User>;
  /** Users in creation order (ascending seq). */
  userList: User[];
  userIds: Set<string>;
  nextSeq: number;
  lbsByRegion: Map<string, LoadBalancer[]>;
  stsCredentials: StsCredential[];
  /** Keyed by lower-case role name (role names are case-insensitive). */
  roles: Map<string, Role>;
  /** Roles in seed order. */
  roleList: Role[];
  limits: Limits;
}

/** Settings the control API changes; a reset restores these defaults. */
export interface Settings {
  /** Temporary credentials issued from now on expire after this many seconds instead of DurationSeconds. */
  stsLifetimeSeconds?: number;
  /** How long a credential report is "being made" (GenerateCredentialReport answers STARTED meanwhile). */
  reportGenerationMs: number;
}

export const DEFAULT_REPORT_GENERATION_MS = 1000;

function normDate(value: string | undefined, fallbackMs: number): string {
  return isoSeconds(value ? Date.parse(value) : fallbackMs);
}

export class EmulatorState {
  readonly accounts: Account[] = [];
  /** Every permanent AccessKey (root and RAM user) by id. */
  readonly keys = new Map<string, KeyRecord>();
  /** STS credentials by AccessKey id and by token. */
  readonly sts = new Map<string, StsCredential>();
  readonly tokens = new Map<string, StsCredential>();
  readonly lbById = new Map<string, { account: Account; lb: LoadBalancer }>();
  /** Built-in regions plus any region a seeded load balancer lives in. */
  readonly regionIds = new Set<string>(REGION_IDS);
  readonly settings: Settings = { reportGenerationMs: DEFAULT_REPORT_GENERATION_MS };
  /** Credential reports by account id. */
  readonly reports = new Map<string, ReportState>();

  /**
   * `secrets` collects every AccessKey secret and security token this state loads or issues; the
   * server hands each state (after a reset too) the same set, so it outlives deleted keys.
   */
  constructor(seed: SeedFile, loadedAtMs: number, readonly secrets: Set<string> = new Set()) {
    for (const sa of seed.accounts) {
      const account: Account = {
        accountId: sa.accountId,
        rootKeys: [],
        users: new Map(),
        userList: [],
        userIds: new Set(),
        nextSeq: 1,
        lbsByRegion: new Map(),
        stsCredentials: [],
        roles: new Map(),
        roleList: [],
        limits: {
          users: sa.limits?.users ?? 5000,
          accessKeysPerUser: sa.limits?.accessKeysPerUser ?? 2,
          rootAccessKeys: sa.limits?.rootAccessKeys ?? 2,
        },
      };
      this.accounts.push(account);
      for (const k of sa.rootAccessKeys ?? []) {
        account.rootKeys.push(this.keyFromSeed(k, { kind: 'root', account }, loadedAtMs));
      }
      for (const su of sa.users ?? []) {
        const createDate = normDate(su.createDate, loadedAtMs);
        const user: User = {
          userName: su.userName,
          userId: su.userId ?? this.stableUserId(account, su.userName),
          displayName: su.displayName ?? su.userName,
          comments: su.comments ?? '',
          email: su.email ?? '',
          mobilePhone: su.mobilePhone ?? '',
          createDate,
          updateDate: su.updateDate ? normDate(su.updateDate, loadedAtMs) : createDate,
          lastLoginDate: su.lastLoginDate || su.lastLogon ? normDate(su.lastLoginDate ?? su.lastLogon, loadedAtMs) : undefined,
          policies: [...(su.policies ?? [])],
          policyDates: new Map((su.policies ?? []).map((p) => [p, createDate])),
          keys: [],
          seq: account.nextSeq++,
          mfaActive: su.mfaActive,
          passwordExist: su.passwordExist,
          lastLogon: su.lastLogon || su.lastLoginDate ? normDate(su.lastLogon ?? su.lastLoginDate, loadedAtMs) : undefined,
        };
        for (const k of su.accessKeys ?? []) {
          user.keys.push(this.keyFromSeed(k, { kind: 'user', account, user }, loadedAtMs));
        }
        account.users.set(user.userName.toLowerCase(), user);
        account.userList.push(user);
        account.userIds.add(user.userId);
      }
      for (const slb of sa.loadBalancers ?? []) {
        const lb = loadBalancerFromSeed(slb, loadedAtMs);
        let list = account.lbsByRegion.get(lb.regionId);
        if (!list) {
          list = [];
          account.lbsByRegion.set(lb.regionId, list);
        }
        list.push(lb);
        this.lbById.set(lb.loadBalancerId, { account, lb });
        this.regionIds.add(lb.regionId);
      }
      for (const sr of sa.roles ?? []) {
        const role = roleFromSeed(account.accountId, sr, account.roleList.length + 1, loadedAtMs, new Set(account.roleList.map((r) => r.roleId)));
        account.roles.set(role.roleName.toLowerCase(), role);
        account.roleList.push(role);
      }
      for (const st of sa.stsTokens ?? []) {
        const expirationMs = st.expiration ? Date.parse(st.expiration) : loadedAtMs + 3600_000;
        const cred: StsCredential = {
          accessKeyId: st.accessKeyId,
          secret: st.accessKeySecret,
          securityToken: st.securityToken,
          expirationMs,
          expiration: isoSeconds(expirationMs),
          roleName: st.roleName,
          roleId: st.roleId ?? account.roles.get(st.roleName.toLowerCase())?.roleId ?? defaultRoleId(account.accountId, st.roleName),
          roleSessionName: st.roleSessionName ?? 'emulator-session',
          policies: [...(st.policies ?? [])],
          account,
        };
        account.stsCredentials.push(cred);
        this.secrets.add(cred.secret).add(cred.securityToken);
        this.sts.set(cred.accessKeyId, cred);
        this.tokens.set(cred.securityToken, cred);
      }
    }
  }

  private stableUserId(account: Account, userName: string): string {
    let id = `2${stableDigits(`${account.accountId}/user/${userName}`, 15)}`;
    while (account.userIds.has(id)) {
      id = `2${stableDigits(`${id}+`, 15)}`;
    }
    return id;
  }

  private keyFromSeed(k: SeedAccessKey, owner: KeyOwner, loadedAtMs: number): KeyRecord {
    const rec: KeyRecord = {
      accessKeyId: k.accessKeyId,
      secret: k.accessKeySecret,
      status: k.status ?? 'Active',
      createDate: normDate(k.createDate, loadedAtMs),
      lastUsedDate: k.lastUsedDate ? normDate(k.lastUsedDate, loadedAtMs) : undefined,
      owner,
    };
    this.secrets.add(rec.secret);
    this.keys.set(rec.accessKeyId, rec);
    return rec;
  }

  findUser(account: Account, userName: string): User | undefined {
    return account.users.get(userName.toLowerCase());
  }

  findRole(account: Account, roleName: string): Role | undefined {
    return account.roles.get(roleName.toLowerCase());
  }

  /** Temporary credentials of `role` (AssumeRole): `STS.` id, secret and a long opaque token. */
  issueStsCredential(
    account: Account,
    role: Role,
    fields: { roleSessionName: string; expirationMs: number; sessionPolicy?: PolicyDocument },
  ): StsCredential {
    let accessKeyId = `STS.NU${randomString(22)}`;
    while (this.sts.has(accessKeyId) || this.keys.has(accessKeyId)) {
      accessKeyId = `STS.NU${randomString(22)}`;
    }
    const cred: StsCredential = {
      accessKeyId,
      secret: randomString(44),
      // Real tokens are long base64 text (`CAIS…`), with `+`, `/` and `=` that signing must encode.
      securityToken: `CAIS${crypto.randomBytes(270).toString('base64')}`,
      expirationMs: fields.expirationMs,
      expiration: isoSeconds(fields.expirationMs),
      roleName: role.roleName,
      roleId: role.roleId,
      roleSessionName: fields.roleSessionName,
      policies: [...role.policies],
      sessionPolicy: fields.sessionPolicy,
      account,
    };
    account.stsCredentials.push(cred);
    this.secrets.add(cred.secret).add(cred.securityToken);
    this.sts.set(cred.accessKeyId, cred);
    this.tokens.set(cred.securityToken, cred);
    return cred;
  }

  /** A new AccessKey id that looks real (LTAI + 20 alphanumerics) and is unique. */
  newAccessKeyId(): string {
    for (;;) {
      const id = `LTAI${randomString(20)}`;
      if (!this.keys.has(id) && !this.sts.has(id)) {
        return id;
      }
    }
  }

  newSecret(): string {
    return randomString(30);
  }

  addKey(owner: KeyOwner, nowMs: number): KeyRecord {
    const rec: KeyRecord = {
      accessKeyId: this.newAccessKeyId(),
      secret: this.newSecret(),
      status: 'Active',
      createDate: isoSeconds(nowMs),
      owner,
    };
    this.secrets.add(rec.secret);
    this.keys.set(rec.accessKeyId, rec);
    if (owner.kind === 'root') {
      owner.account.rootKeys.push(rec);
    } else {
      owner.user.keys.push(rec);
    }
    return rec;
  }

  removeKey(rec: KeyRecord): void {
    this.keys.delete(rec.accessKeyId);
    const list = rec.owner.kind === 'root' ? rec.owner.account.rootKeys : rec.owner.user.keys;
    const i = list.indexOf(rec);
    if (i >= 0) {
      list.splice(i, 1);
    }
  }

  addUser(account: Account, fields: Omit<User, 'userId' | 'keys' | 'seq' | 'policies' | 'policyDates' | 'updateDate'>): User {
    let userId = `2${randomDigits(15)}`;
    while (account.userIds.has(userId)) {
      userId = `2${randomDigits(15)}`;
    }
    const user: User = { ...fields, userId, updateDate: fields.createDate, policies: [], policyDates: new Map(), keys: [], seq: account.nextSeq++ };
    account.users.set(user.userName.toLowerCase(), user);
    account.userList.push(user);
    account.userIds.add(userId);
    return user;
  }

  removeUser(account: Account, user: User): void {
    account.users.delete(user.userName.toLowerCase());
    account.userIds.delete(user.userId);
    const i = indexBySeq(account.userList, user.seq);
    if (i < account.userList.length && account.userList[i] === user) {
      account.userList.splice(i, 1);
    }
  }
}

/** First index in `list` (ascending seq) whose seq >= `seq`. */
export function indexBySeq(list: readonly { seq: number }[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].seq < seq) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
