/**
 * The seed file: the public contract (see /work/shared/reference/emulator-contract.md and
 * test/emulator/README.md) plus the optional, backward-compatible additions documented there.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Checker, USER_NAME_RE } from './seedCheck';
import { checkCloudSso } from './seedCloudSso';
import { checkLoadBalancer } from './seedLoadBalancers';
import { checkRoles } from './seedRoles';
import { SeedAccessKey, SeedAccount, SeedError, SeedLimits, SeedStsToken, SeedUser, ValidatedSeed } from './seedTypes';

export * from './seedTypes';
export { SYSTEM_POLICIES } from './policy';

const ACCESS_KEY_FIELDS = ['accessKeyId', 'accessKeySecret', 'status', 'createDate', 'lastUsedDate'] as const;
const USER_FIELDS = ['userName', 'userId', 'displayName', 'comments', 'email', 'mobilePhone', 'createDate', 'updateDate', 'lastLoginDate', 'policies', 'accessKeys', 'mfaActive', 'passwordExist', 'lastLogon'] as const;
const STS_FIELDS = ['accessKeyId', 'accessKeySecret', 'securityToken', 'expiration', 'roleName', 'roleId', 'roleSessionName', 'policies'] as const;
const ACCOUNT_FIELDS = ['accountId', 'rootAccessKeys', 'users', 'loadBalancers', 'stsTokens', 'roles', 'limits'] as const;

/**
 * Checks a parsed seed document and returns it typed. Throws SeedError naming the first problem
 * (with a JSON path such as `accounts[0].users[2].accessKeys[0].status`).
 */
export function validateSeed(raw: unknown, source = 'seed'): ValidatedSeed {
  const c: Checker = new Checker(source);
  const top = c.object(raw, '(top level)', ['accounts', 'cloudSso', '$schema', 'description']);
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
        mfaActive: c.optionalBool(u, 'mfaActive', uw),
        passwordExist: c.optionalBool(u, 'passwordExist', uw),
        lastLogon: c.optionalDate(u, 'lastLogon', uw),
      };
    });
    if (limits?.users !== undefined && users.length > limits.users) {
      c.fail(`${aw}.users`, `has ${users.length} users; "limits.users" is ${limits.users}`);
    }

    const loadBalancers = c.optionalArray(a, 'loadBalancers', aw).map((rawLb, li) => checkLoadBalancer(c, rawLb, `${aw}.loadBalancers[${li}]`, lbIds));

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

    const roles = checkRoles(c, c.optionalArray(a, 'roles', aw), `${aw}.roles`, userNames);

    return { accountId, rootAccessKeys, users, loadBalancers, stsTokens, roles, limits };
  });

  const cloudSso = top.cloudSso === undefined || top.cloudSso === null ? undefined : checkCloudSso(c, top.cloudSso, accountIds);
  return { seed: { accounts, ...(cloudSso ? { cloudSso } : {}) }, warnings: c.warnings };
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
