/**
 * The emulator's in-memory cloud: accounts, RAM users, AccessKeys, STS credentials and SLB
 * instances, built from a validated seed with the contract's defaults applied.
 */
import { AccessKeyStatus, SeedAccessKey, SeedFile, SeedLoadBalancer, SYSTEM_POLICIES } from './seed';
import { REGION_IDS } from './regions';
import { isoSeconds, randomDigits, randomString, stableDigits } from './util';

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
  keys: KeyRecord[];
  /** Creation order; ListUsers pages by it. */
  seq: number;
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
  policies: string[];
  account: Account;
}

export interface Listener {
  port: number;
  protocol: string;
  forwardPort: number;
  listenerForward: string;
  description: string;
}

export interface BackendServer {
  serverId: string;
  weight: number;
  serverIp: string;
  type: string;
  vpcId: string;
  description: string;
}

export interface LoadBalancer {
  regionId: string;
  loadBalancerId: string;
  loadBalancerName: string;
  loadBalancerStatus: string;
  address: string;
  addressType: string;
  addressIPVersion: string;
  networkType: string;
  vpcId: string;
  vSwitchId: string;
  loadBalancerSpec: string;
  payType: string;
  internetChargeType: string;
  bandwidth: number;
  masterZoneId: string;
  slaveZoneId: string;
  resourceGroupId: string;
  deleteProtection: string;
  createTime: string;
  createTimeMs: number;
  tags: { tagKey: string; tagValue: string }[];
  listeners: Listener[];
  backendServers: BackendServer[];
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
  limits: Limits;
}

function normDate(value: string | undefined, fallbackMs: number): string {
  return isoSeconds(value ? Date.parse(value) : fallbackMs);
}

function octet(seed: string, i: number): number {
  return (parseInt(stableDigits(`${seed}#${i}`, 3), 10) % 254) + 1;
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
          lastLoginDate: su.lastLoginDate ? normDate(su.lastLoginDate, loadedAtMs) : undefined,
          policies: [...(su.policies ?? [])],
          keys: [],
          seq: account.nextSeq++,
        };
        for (const k of su.accessKeys ?? []) {
          user.keys.push(this.keyFromSeed(k, { kind: 'user', account, user }, loadedAtMs));
        }
        account.users.set(user.userName.toLowerCase(), user);
        account.userList.push(user);
        account.userIds.add(user.userId);
      }
      for (const slb of sa.loadBalancers ?? []) {
        const lb = this.lbFromSeed(slb, loadedAtMs);
        let list = account.lbsByRegion.get(lb.regionId);
        if (!list) {
          list = [];
          account.lbsByRegion.set(lb.regionId, list);
        }
        list.push(lb);
        this.lbById.set(lb.loadBalancerId, { account, lb });
        this.regionIds.add(lb.regionId);
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
          roleId: st.roleId ?? `3${stableDigits(`${account.accountId}/role/${st.roleName}`, 18)}`,
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

  private lbFromSeed(s: SeedLoadBalancer, loadedAtMs: number): LoadBalancer {
    const id = s.loadBalancerId;
    const addressType = s.addressType ?? 'internet';
    const networkType = s.networkType ?? 'vpc';
    const isVpc = networkType === 'vpc';
    const address =
      s.address ??
      (addressType === 'internet'
        ? `47.${octet(id, 1)}.${octet(id, 2)}.${octet(id, 3)}`
        : `192.168.${octet(id, 4)}.${octet(id, 5)}`);
    const createMs = s.createTime ? Date.parse(s.createTime) : loadedAtMs;
    const internetChargeType = s.internetChargeType ?? 'paybytraffic';
    return {
      regionId: s.regionId,
      loadBalancerId: id,
      loadBalancerName: s.loadBalancerName ?? 'auto_named_slb',
      loadBalancerStatus: s.loadBalancerStatus ?? 'active',
      address,
      addressType,
      addressIPVersion: s.addressIPVersion ?? 'ipv4',
      networkType,
      vpcId: s.vpcId ?? (isVpc ? `vpc-${stableDigits(`${s.regionId}/vpc`, 17)}` : ''),
      vSwitchId: s.vSwitchId ?? (isVpc ? `vsw-${stableDigits(`${s.regionId}/vsw`, 17)}` : ''),
      loadBalancerSpec: s.loadBalancerSpec ?? 'slb.s1.small',
      payType: s.payType ?? 'PayOnDemand',
      internetChargeType,
      bandwidth: s.bandwidth ?? (internetChargeType === 'paybytraffic' ? -1 : 5),
      masterZoneId: s.masterZoneId ?? `${s.regionId}-a`,
      slaveZoneId: s.slaveZoneId ?? `${s.regionId}-b`,
      resourceGroupId: s.resourceGroupId ?? `rg-acfm${stableDigits(`${s.regionId}/rg`, 11)}`,
      deleteProtection: s.deleteProtection ?? 'off',
      createTime: isoSeconds(createMs),
      createTimeMs: createMs,
      tags: (s.tags ?? []).map((t) => ({ ...t })),
      listeners: (s.listeners ?? []).map((l) => ({
        port: l.port,
        protocol: l.protocol,
        forwardPort: l.forwardPort ?? 0,
        listenerForward: l.listenerForward ?? 'off',
        description: l.description ?? '',
      })),
      backendServers: (s.backendServers ?? []).map((b, i) => ({
        serverId: b.serverId,
        weight: b.weight ?? 100,
        serverIp: b.serverIp ?? `192.168.${octet(id, 10 + i)}.${octet(b.serverId, 1)}`,
        type: b.type ?? 'ecs',
        vpcId: b.vpcId ?? (isVpc ? `vpc-${stableDigits(`${s.regionId}/vpc`, 17)}` : ''),
        description: b.description ?? '',
      })),
    };
  }

  findUser(account: Account, userName: string): User | undefined {
    return account.users.get(userName.toLowerCase());
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

  addUser(account: Account, fields: Omit<User, 'userId' | 'keys' | 'seq' | 'policies' | 'updateDate'>): User {
    let userId = `2${randomDigits(15)}`;
    while (account.userIds.has(userId)) {
      userId = `2${randomDigits(15)}`;
    }
    const user: User = { ...fields, userId, updateDate: fields.createDate, policies: [], keys: [], seq: account.nextSeq++ };
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
export function indexBySeq(list: readonly User[], seq: number): number {
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

/** Does one of `policies` (system policy names) allow `authAction` (e.g. `ram:ListUsers`)? */
export function policiesAllow(policies: readonly string[], authAction: string): boolean {
  for (const name of policies) {
    for (const pattern of SYSTEM_POLICIES[name] ?? []) {
      if (pattern === '*' || pattern === authAction) {
        return true;
      }
      if (pattern.endsWith('*') && authAction.startsWith(pattern.slice(0, -1))) {
        return true;
      }
    }
  }
  return false;
}
