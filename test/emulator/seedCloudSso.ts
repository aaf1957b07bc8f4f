/**
 * Seed validation of the top-level `cloudSso` directory (contract "CloudSSO"): access
 * configurations, users and their assignments, whose account ids must be accounts of the seed.
 */
import { Checker, USER_NAME_RE } from './seedCheck';
import type { SeedCloudSso, SeedCloudSsoAccessConfiguration, SeedCloudSsoAssignment, SeedCloudSsoUser } from './seedTypes';
import { isRecord } from './util';

const FIELDS = [
  'directoryId',
  'clientId',
  'accessConfigurations',
  'users',
  'accountDisplayNames',
  'deviceCodeSeconds',
  'intervalSeconds',
  'accessTokenSeconds',
  'pageSize',
] as const;
const AC_FIELDS = ['id', 'name', 'description', 'policies', 'sessionDuration'] as const;
const USER_FIELDS = ['userName', 'password', 'assignments'] as const;
const ASSIGNMENT_FIELDS = ['accountId', 'accessConfigurations'] as const;

const AC_ID_RE = /^ac-[A-Za-z0-9_-]{1,64}$/;
// CloudSSO's rule for access configuration names; it also keeps `AliyunReservedSSO-<name>` a valid role name.
const AC_NAME_RE = /^[A-Za-z0-9-]{1,32}$/;

function accessConfiguration(c: Checker, raw: unknown, w: string, ids: Set<string>): SeedCloudSsoAccessConfiguration {
  const o = c.object(raw, w, AC_FIELDS);
  const id = c.requiredString(o, 'id', w);
  if (!AC_ID_RE.test(id)) {
    c.fail(`${w}.id`, `must be "ac-" and letters, digits, "-" or "_" such as "ac-readonly01" (got ${JSON.stringify(id)})`);
  }
  if (ids.has(id)) {
    c.fail(`${w}.id`, `"${id}" appears twice`);
  }
  ids.add(id);
  const name = c.requiredString(o, 'name', w);
  if (!AC_NAME_RE.test(name)) {
    c.fail(`${w}.name`, `must be 1-32 letters, digits or "-" (got ${JSON.stringify(name)})`);
  }
  const description = c.optionalString(o, 'description', w);
  if (description !== undefined && description.length > 1024) {
    c.fail(`${w}.description`, 'must be at most 1024 characters');
  }
  return { id, name, description, policies: c.policies(o, w), sessionDuration: c.optionalInt(o, 'sessionDuration', w, 900, 43200) };
}

function assignment(c: Checker, raw: unknown, w: string, accountIds: ReadonlySet<string>, acIds: ReadonlySet<string>): SeedCloudSsoAssignment {
  const o = c.object(raw, w, ASSIGNMENT_FIELDS);
  const accountId = c.requiredString(o, 'accountId', w);
  if (!accountIds.has(accountId)) {
    c.fail(`${w}.accountId`, `"${accountId}" is not an account of this seed ("accounts[].accountId")`);
  }
  const list = c.nameList(o, 'accessConfigurations', w) ?? [];
  if (list.length === 0) {
    c.fail(`${w}.accessConfigurations`, 'must name at least one access configuration');
  }
  list.forEach((id, i) => {
    if (!acIds.has(id)) {
      c.fail(`${w}.accessConfigurations[${i}]`, `"${id}" is not an id of "cloudSso.accessConfigurations"`);
    }
  });
  return { accountId, accessConfigurations: [...new Set(list)] };
}

function user(c: Checker, raw: unknown, w: string, names: Set<string>, accountIds: ReadonlySet<string>, acIds: ReadonlySet<string>): SeedCloudSsoUser {
  const o = c.object(raw, w, USER_FIELDS);
  const userName = c.requiredString(o, 'userName', w);
  // The user name becomes the session name of the credentials, which STS limits to these characters.
  if (userName.length > 64 || !USER_NAME_RE.test(userName)) {
    c.fail(`${w}.userName`, `must be 1-64 characters from A-Z a-z 0-9 . @ - _ (got ${JSON.stringify(userName)})`);
  }
  if (names.has(userName.toLowerCase())) {
    c.fail(`${w}.userName`, `"${userName}" appears twice (user names are case-insensitive)`);
  }
  names.add(userName.toLowerCase());
  const password = c.requiredString(o, 'password', w);
  const seen = new Set<string>();
  const assignments = c.optionalArray(o, 'assignments', w).map((a, i) => {
    const one = assignment(c, a, `${w}.assignments[${i}]`, accountIds, acIds);
    if (seen.has(one.accountId)) {
      c.fail(`${w}.assignments[${i}].accountId`, `"${one.accountId}" appears twice for this user (list all its access configurations in one assignment)`);
    }
    seen.add(one.accountId);
    return one;
  });
  return { userName, password, assignments };
}

/** `cloudSso` at JSON path `cloudSso`; `accountIds` are the seed's accounts. */
export function checkCloudSso(c: Checker, raw: unknown, accountIds: ReadonlySet<string>): SeedCloudSso {
  const w = 'cloudSso';
  const o = c.object(raw, w, FIELDS);
  const acIds = new Set<string>();
  const accessConfigurations = c.optionalArray(o, 'accessConfigurations', w).map((a, i) => accessConfiguration(c, a, `${w}.accessConfigurations[${i}]`, acIds));
  const names = new Set<string>();
  const users = c.optionalArray(o, 'users', w).map((u, i) => user(c, u, `${w}.users[${i}]`, names, accountIds, acIds));
  let accountDisplayNames: Record<string, string> | undefined;
  if (o.accountDisplayNames !== undefined && o.accountDisplayNames !== null) {
    const dw = `${w}.accountDisplayNames`;
    if (!isRecord(o.accountDisplayNames)) {
      c.fail(dw, 'must be a JSON object of account id → display name');
    }
    accountDisplayNames = {};
    for (const id of Object.keys(o.accountDisplayNames)) {
      if (!accountIds.has(id)) {
        c.fail(`${dw}.${id}`, `"${id}" is not an account of this seed ("accounts[].accountId")`);
      }
      accountDisplayNames[id] = c.requiredString(o.accountDisplayNames, id, dw);
    }
  }
  const clientId = c.optionalString(o, 'clientId', w);
  if (clientId === '') {
    c.fail(`${w}.clientId`, 'must be a non-empty string');
  }
  return {
    directoryId: c.optionalString(o, 'directoryId', w),
    clientId,
    accessConfigurations,
    users,
    accountDisplayNames,
    deviceCodeSeconds: c.optionalInt(o, 'deviceCodeSeconds', w, 1, 86400),
    intervalSeconds: c.optionalInt(o, 'intervalSeconds', w, 1, 600),
    accessTokenSeconds: c.optionalInt(o, 'accessTokenSeconds', w, 1, 604800),
    pageSize: c.optionalInt(o, 'pageSize', w, 1, 100),
  };
}
