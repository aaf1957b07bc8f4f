/**
 * The seed file: the public contract (see /work/shared/reference/emulator-contract.md and
 * test/emulator/README.md) plus the optional, backward-compatible additions documented there.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isRecord } from './util';

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
  limits?: SeedLimits;
}

export interface SeedFile {
  accounts: SeedAccount[];
}

export const SYSTEM_POLICIES: Readonly<Record<string, readonly string[]>> = {
  AdministratorAccess: ['*'],
  AliyunRAMFullAccess: ['ram:*'],
  AliyunRAMReadOnlyAccess: ['ram:Get*', 'ram:List*'],
  AliyunSLBFullAccess: ['slb:*'],
  AliyunSLBReadOnlyAccess: ['slb:Describe*'],
};

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

const USER_NAME_RE = /^[A-Za-z0-9.@_-]+$/;
const REGION_RE = /^[a-z]{2,}(-[a-z0-9]+)+$/;

class Checker {
  readonly warnings: string[] = [];
  constructor(private readonly source: string) {}

  fail(where: string, problem: string): never {
    throw new SeedError(this.source, where ? `${where} ${problem}` : problem);
  }

  object(value: unknown, where: string, known: readonly string[]): Record<string, unknown> {
    if (!isRecord(value)) {
      this.fail(where, 'must be a JSON object');
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        this.warnings.push(`${where}.${key} is not a known field and is ignored`);
      }
    }
    return value;
  }

  requiredString(obj: Record<string, unknown>, key: string, where: string): string {
    const v = obj[key];
    if (typeof v !== 'string' || v.length === 0) {
      this.fail(`${where}.${key}`, v === undefined ? 'is required' : 'must be a non-empty string');
    }
    return v;
  }

  optionalString(obj: Record<string, unknown>, key: string, where: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      return undefined;
    }
    if (typeof v !== 'string') {
      this.fail(`${where}.${key}`, 'must be a string');
    }
    return v;
  }

  optionalEnum<T extends string>(obj: Record<string, unknown>, key: string, where: string, allowed: readonly T[]): T | undefined {
    const v = this.optionalString(obj, key, where);
    if (v === undefined) {
      return undefined;
    }
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (!hit) {
      this.fail(`${where}.${key}`, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(v)})`);
    }
    return hit;
  }

  optionalDate(obj: Record<string, unknown>, key: string, where: string): string | undefined {
    const v = this.optionalString(obj, key, where);
    if (v === undefined || v === '') {
      return undefined;
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v))) {
      this.fail(`${where}.${key}`, `must be an ISO 8601 date-time such as "2024-01-02T03:04:05Z" (got ${JSON.stringify(v)})`);
    }
    return v;
  }

  optionalInt(obj: Record<string, unknown>, key: string, where: string, min: number, max: number): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(`${where}.${key}`, `must be an integer from ${min} to ${max}`);
    }
    return v;
  }

  optionalArray(obj: Record<string, unknown>, key: string, where: string): unknown[] {
    const v = obj[key];
    if (v === undefined || v === null) {
      return [];
    }
    if (!Array.isArray(v)) {
      this.fail(`${where}.${key}`, 'must be an array');
    }
    return v;
  }

  policies(obj: Record<string, unknown>, where: string): string[] | undefined {
    if (obj.policies === undefined) {
      return undefined;
    }
    const list = this.optionalArray(obj, 'policies', where);
    return list.map((p, i) => {
      if (typeof p !== 'string' || p === '') {
        this.fail(`${where}.policies[${i}]`, 'must be a policy name');
      }
      if (!(p in SYSTEM_POLICIES)) {
        this.warnings.push(`${where}.policies[${i}] "${p}" is not a system policy the emulator knows; it grants nothing here`);
      }
      return p;
    });
  }
}

const ACCESS_KEY_FIELDS = ['accessKeyId', 'accessKeySecret', 'status', 'createDate', 'lastUsedDate'] as const;
const USER_FIELDS = ['userName', 'userId', 'displayName', 'comments', 'email', 'mobilePhone', 'createDate', 'updateDate', 'lastLoginDate', 'policies', 'accessKeys'] as const;
const LB_FIELDS = ['regionId', 'loadBalancerId', 'loadBalancerName', 'loadBalancerStatus', 'address', 'addressType', 'addressIPVersion', 'networkType', 'vpcId', 'vSwitchId', 'loadBalancerSpec', 'payType', 'internetChargeType', 'bandwidth', 'masterZoneId', 'slaveZoneId', 'resourceGroupId', 'deleteProtection', 'createTime', 'tags', 'listeners', 'backendServers'] as const;
const STS_FIELDS = ['accessKeyId', 'accessKeySecret', 'securityToken', 'expiration', 'roleName', 'roleId', 'roleSessionName', 'policies'] as const;
const ACCOUNT_FIELDS = ['accountId', 'rootAccessKeys', 'users', 'loadBalancers', 'stsTokens', 'limits'] as const;

/**
 * Checks a parsed seed document and returns it typed. Throws SeedError naming the first problem
 * (with a JSON path such as `accounts[0].users[2].accessKeys[0].status`).
 */
export function validateSeed(raw: unknown, source = 'seed'): ValidatedSeed {
  const c: Checker = new Checker(source);
  const top = c.object(raw, '(top level)', ['accounts', '$schema', 'description']);
  const rawAccounts = top.accounts;
  if (!Array.isArray(rawAccounts)) {
    c.fail('', '"accounts" must be an array');
  }
  if (rawAccounts.length === 0) {
    c.fail('', '"accounts" must contain at least one account');
  }
  const keyIds = new Map<string, string>();
  const lbIds = new Map<string, string>();
  const accountIds = new Set<string>();
  const tokens = new Set<string>();

  const claimKey = (id: string, where: string): void => {
    const prev = keyIds.get(id);
    if (prev) {
      c.fail(where, `"${id}" is already used by ${prev} (AccessKey ids must be unique across the whole seed)`);
    }
    keyIds.set(id, where);
  };

  const accessKey = (value: unknown, where: string): SeedAccessKey => {
    const o = c.object(value, where, ACCESS_KEY_FIELDS);
    const accessKeyId = c.requiredString(o, 'accessKeyId', where);
    if (accessKeyId.startsWith('STS.')) {
      c.fail(`${where}.accessKeyId`, 'must not start with "STS." (put STS credentials in "stsTokens")');
    }
    if (!/^[A-Za-z0-9]+$/.test(accessKeyId)) {
      c.fail(`${where}.accessKeyId`, 'must contain letters and digits only');
    }
    claimKey(accessKeyId, where);
    return {
      accessKeyId,
      accessKeySecret: c.requiredString(o, 'accessKeySecret', where),
      status: c.optionalEnum(o, 'status', where, ['Active', 'Inactive'] as const),
      createDate: c.optionalDate(o, 'createDate', where),
      lastUsedDate: c.optionalDate(o, 'lastUsedDate', where),
    };
  };

  const accounts = rawAccounts.map((rawAccount: unknown, ai: number): SeedAccount => {
    const aw = `accounts[${ai}]`;
    const a = c.object(rawAccount, aw, ACCOUNT_FIELDS);
    const accountId = c.requiredString(a, 'accountId', aw);
    if (!/^\d{1,32}$/.test(accountId)) {
      c.fail(`${aw}.accountId`, `must be a numeric string such as "1234567890123456" (got ${JSON.stringify(accountId)})`);
    }
    if (accountIds.has(accountId)) {
      c.fail(`${aw}.accountId`, `"${accountId}" appears twice`);
    }
    accountIds.add(accountId);

    let limits: SeedLimits | undefined;
    if (a.limits !== undefined) {
      const lw = `${aw}.limits`;
      const l = c.object(a.limits, lw, ['users', 'accessKeysPerUser', 'rootAccessKeys']);
      limits = {
        users: c.optionalInt(l, 'users', lw, 0, 1_000_000),
        accessKeysPerUser: c.optionalInt(l, 'accessKeysPerUser', lw, 0, 100),
        rootAccessKeys: c.optionalInt(l, 'rootAccessKeys', lw, 0, 100),
      };
    }
    const perUser = limits?.accessKeysPerUser ?? 2;
    const perRoot = limits?.rootAccessKeys ?? 2;

    const rootAccessKeys = c.optionalArray(a, 'rootAccessKeys', aw).map((k, i) => accessKey(k, `${aw}.rootAccessKeys[${i}]`));
    if (rootAccessKeys.length > perRoot) {
      c.fail(`${aw}.rootAccessKeys`, `has ${rootAccessKeys.length} keys; the limit is ${perRoot} (raise it with "limits.rootAccessKeys")`);
    }

    const userNames = new Set<string>();
    const userIds = new Set<string>();
    const users = c.optionalArray(a, 'users', aw).map((rawUser, ui): SeedUser => {
      const uw = `${aw}.users[${ui}]`;
      const u = c.object(rawUser, uw, USER_FIELDS);
      const userName = c.requiredString(u, 'userName', uw);
      if (userName.length > 64 || !USER_NAME_RE.test(userName)) {
        c.fail(`${uw}.userName`, `must be 1-64 characters from A-Z a-z 0-9 . @ - _ (got ${JSON.stringify(userName)})`);
      }
      if (userNames.has(userName.toLowerCase())) {
        c.fail(`${uw}.userName`, `"${userName}" appears twice in this account (user names are case-insensitive)`);
      }
      userNames.add(userName.toLowerCase());
      const userId = c.optionalString(u, 'userId', uw);
      if (userId !== undefined) {
        if (!/^\d{1,32}$/.test(userId)) {
          c.fail(`${uw}.userId`, `must be a numeric string (got ${JSON.stringify(userId)})`);
        }
        if (userIds.has(userId)) {
          c.fail(`${uw}.userId`, `"${userId}" appears twice in this account`);
        }
        userIds.add(userId);
      }
      const keys = c.optionalArray(u, 'accessKeys', uw).map((k, ki) => accessKey(k, `${uw}.accessKeys[${ki}]`));
      if (keys.length > perUser) {
        c.fail(`${uw}.accessKeys`, `has ${keys.length} keys; a RAM user may have at most ${perUser} (raise it with "limits.accessKeysPerUser")`);
      }
      return {
        userName,
        userId,
        displayName: c.optionalString(u, 'displayName', uw),
        comments: c.optionalString(u, 'comments', uw),
        email: c.optionalString(u, 'email', uw),
        mobilePhone: c.optionalString(u, 'mobilePhone', uw),
        createDate: c.optionalDate(u, 'createDate', uw),
        updateDate: c.optionalDate(u, 'updateDate', uw),
        lastLoginDate: c.optionalDate(u, 'lastLoginDate', uw),
        policies: c.policies(u, uw),
        accessKeys: keys,
      };
    });
    if (limits?.users !== undefined && users.length > limits.users) {
      c.fail(`${aw}.users`, `has ${users.length} users; "limits.users" is ${limits.users}`);
    }

    const loadBalancers = c.optionalArray(a, 'loadBalancers', aw).map((rawLb, li): SeedLoadBalancer => {
      const lw = `${aw}.loadBalancers[${li}]`;
      const l = c.object(rawLb, lw, LB_FIELDS);
      const regionId = c.requiredString(l, 'regionId', lw);
      if (!REGION_RE.test(regionId)) {
        c.fail(`${lw}.regionId`, `does not look like a region id such as "cn-hangzhou" (got ${JSON.stringify(regionId)})`);
      }
      const loadBalancerId = c.requiredString(l, 'loadBalancerId', lw);
      const prev = lbIds.get(loadBalancerId);
      if (prev) {
        c.fail(`${lw}.loadBalancerId`, `"${loadBalancerId}" is already used by ${prev}`);
      }
      lbIds.set(loadBalancerId, lw);
      const listeners = c.optionalArray(l, 'listeners', lw).map((rawL, i): SeedListener => {
        const w = `${lw}.listeners[${i}]`;
        const o = c.object(rawL, w, ['port', 'protocol', 'forwardPort', 'listenerForward', 'description']);
        const port = c.optionalInt(o, 'port', w, 1, 65535);
        if (port === undefined) {
          c.fail(`${w}.port`, 'is required');
        }
        return {
          port,
          protocol: c.optionalEnum(o, 'protocol', w, ['http', 'https', 'tcp', 'udp'] as const) ?? 'tcp',
          forwardPort: c.optionalInt(o, 'forwardPort', w, 0, 65535),
          listenerForward: c.optionalEnum(o, 'listenerForward', w, ['on', 'off'] as const),
          description: c.optionalString(o, 'description', w),
        };
      });
      const backendServers = c.optionalArray(l, 'backendServers', lw).map((rawB, i): SeedBackendServer => {
        const w = `${lw}.backendServers[${i}]`;
        const o = c.object(rawB, w, ['serverId', 'weight', 'serverIp', 'type', 'vpcId', 'description']);
        return {
          serverId: c.requiredString(o, 'serverId', w),
          weight: c.optionalInt(o, 'weight', w, 0, 100),
          serverIp: c.optionalString(o, 'serverIp', w),
          type: c.optionalEnum(o, 'type', w, ['ecs', 'eni', 'eci'] as const),
          vpcId: c.optionalString(o, 'vpcId', w),
          description: c.optionalString(o, 'description', w),
        };
      });
      const tags = c.optionalArray(l, 'tags', lw).map((rawT, i): SeedTag => {
        const w = `${lw}.tags[${i}]`;
        const o = c.object(rawT, w, ['tagKey', 'tagValue']);
        return { tagKey: c.requiredString(o, 'tagKey', w), tagValue: c.optionalString(o, 'tagValue', w) ?? '' };
      });
      const bandwidth = l.bandwidth;
      if (bandwidth !== undefined && (typeof bandwidth !== 'number' || !Number.isInteger(bandwidth))) {
        c.fail(`${lw}.bandwidth`, 'must be an integer (-1 for pay-by-traffic)');
      }
      return {
        regionId,
        loadBalancerId,
        loadBalancerName: c.optionalString(l, 'loadBalancerName', lw),
        loadBalancerStatus: c.optionalEnum(l, 'loadBalancerStatus', lw, ['active', 'inactive', 'locked'] as const),
        address: c.optionalString(l, 'address', lw),
        addressType: c.optionalEnum(l, 'addressType', lw, ['internet', 'intranet'] as const),
        addressIPVersion: c.optionalEnum(l, 'addressIPVersion', lw, ['ipv4', 'ipv6'] as const),
        networkType: c.optionalEnum(l, 'networkType', lw, ['vpc', 'classic'] as const),
        vpcId: c.optionalString(l, 'vpcId', lw),
        vSwitchId: c.optionalString(l, 'vSwitchId', lw),
        loadBalancerSpec: c.optionalString(l, 'loadBalancerSpec', lw),
        payType: c.optionalEnum(l, 'payType', lw, ['PayOnDemand', 'PrePay'] as const),
        internetChargeType: c.optionalEnum(l, 'internetChargeType', lw, ['paybytraffic', 'paybybandwidth'] as const),
        bandwidth: typeof bandwidth === 'number' ? bandwidth : undefined,
        masterZoneId: c.optionalString(l, 'masterZoneId', lw),
        slaveZoneId: c.optionalString(l, 'slaveZoneId', lw),
        resourceGroupId: c.optionalString(l, 'resourceGroupId', lw),
        deleteProtection: c.optionalEnum(l, 'deleteProtection', lw, ['on', 'off'] as const),
        createTime: c.optionalDate(l, 'createTime', lw),
        tags,
        listeners,
        backendServers,
      };
    });

    const stsTokens = c.optionalArray(a, 'stsTokens', aw).map((rawT, ti): SeedStsToken => {
      const tw = `${aw}.stsTokens[${ti}]`;
      const t = c.object(rawT, tw, STS_FIELDS);
      const accessKeyId = c.requiredString(t, 'accessKeyId', tw);
      if (!accessKeyId.startsWith('STS.')) {
        c.fail(`${tw}.accessKeyId`, `must start with "STS." as real STS AccessKey ids do (got ${JSON.stringify(accessKeyId)})`);
      }
      claimKey(accessKeyId, tw);
      const securityToken = c.requiredString(t, 'securityToken', tw);
      if (tokens.has(securityToken)) {
        c.fail(`${tw}.securityToken`, 'is used by another STS token');
      }
      tokens.add(securityToken);
      const roleId = c.optionalString(t, 'roleId', tw);
      if (roleId !== undefined && !/^\d{1,32}$/.test(roleId)) {
        c.fail(`${tw}.roleId`, 'must be a numeric string');
      }
      const roleName = c.requiredString(t, 'roleName', tw);
      if (!USER_NAME_RE.test(roleName) || roleName.length > 64) {
        c.fail(`${tw}.roleName`, 'must be 1-64 characters from A-Z a-z 0-9 . @ - _');
      }
      return {
        accessKeyId,
        accessKeySecret: c.requiredString(t, 'accessKeySecret', tw),
        securityToken,
        expiration: c.optionalDate(t, 'expiration', tw),
        roleName,
        roleId,
        roleSessionName: c.optionalString(t, 'roleSessionName', tw),
        policies: c.policies(t, tw),
      };
    });

    return { accountId, rootAccessKeys, users, loadBalancers, stsTokens, limits };
  });

  return { seed: { accounts }, warnings: c.warnings };
}

/** Reads, parses and validates a seed file. Errors name the file. */
export function loadSeedFile(file: string): ValidatedSeed {
  const source = `seed file ${path.resolve(file)}`;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SeedError(source, code === 'ENOENT' ? 'the file does not exist' : `cannot be read (${code ?? String(err)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SeedError(source, `is not valid JSON (${jsonErrorText((err as Error).message, text)})`);
  }
  return validateSeed(parsed, source);
}

/**
 * V8's JSON error without the piece of the file it quotes (`Unexpected token 'F', "…" is not
 * valid JSON`): that piece can be a secret typed without quotes. A position becomes line and column.
 */
export function jsonErrorText(message: string, text: string): string {
  const quoted = /^(Unexpected token '.'), .* is not valid JSON$/s.exec(message);
  if (quoted) {
    return quoted[1];
  }
  const at = /^(.*) in JSON at position (\d+)/s.exec(message);
  if (at) {
    const before = text.replace(/^\uFEFF/, '').slice(0, Number(at[2]));
    const line = before.split('\n').length;
    return `${at[1]} at line ${line}, column ${Number(at[2]) - before.lastIndexOf('\n')}`;
  }
  return message.replace(/".*"/s, '…');
}
