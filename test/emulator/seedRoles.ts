/**
 * Seed validation of `roles[]` (contract "Roles"): names, ids, session duration, trust, policies.
 */
import { Checker, USER_NAME_RE } from './seedCheck';
import type { SeedRole, SeedTrust } from './seedTypes';

const ROLE_FIELDS = ['roleName', 'roleId', 'description', 'maxSessionDuration', 'createDate', 'updateDate', 'trust', 'policies'] as const;
const TRUST_FIELDS = ['account', 'users', 'roles', 'externalId'] as const;

/**
 * The roles of one account at JSON path `rw`. Trust naming a user or role the account does not have
 * is only a warning: a real trust policy may name principals that do not exist (yet).
 */
export function checkRoles(c: Checker, raw: unknown[], rw: string, userNames: ReadonlySet<string>): SeedRole[] {
  const names = new Set<string>();
  const ids = new Set<string>();
  const roles = raw.map((rawRole, i): SeedRole => {
    const w = `${rw}[${i}]`;
    const r = c.object(rawRole, w, ROLE_FIELDS);
    const roleName = c.requiredString(r, 'roleName', w);
    if (roleName.length > 64 || !USER_NAME_RE.test(roleName)) {
      c.fail(`${w}.roleName`, `must be 1-64 characters from A-Z a-z 0-9 . @ - _ (got ${JSON.stringify(roleName)})`);
    }
    if (names.has(roleName.toLowerCase())) {
      c.fail(`${w}.roleName`, `"${roleName}" appears twice in this account (role names are case-insensitive)`);
    }
    names.add(roleName.toLowerCase());
    const roleId = c.optionalString(r, 'roleId', w);
    if (roleId !== undefined) {
      if (!/^\d{1,32}$/.test(roleId)) {
        c.fail(`${w}.roleId`, `must be a numeric string (got ${JSON.stringify(roleId)})`);
      }
      if (ids.has(roleId)) {
        c.fail(`${w}.roleId`, `"${roleId}" appears twice in this account`);
      }
      ids.add(roleId);
    }
    const description = c.optionalString(r, 'description', w);
    if (description !== undefined && description.length > 1024) {
      c.fail(`${w}.description`, 'must be at most 1024 characters');
    }
    let trust: SeedTrust | undefined;
    if (r.trust !== undefined && r.trust !== null) {
      const tw = `${w}.trust`;
      const t = c.object(r.trust, tw, TRUST_FIELDS);
      const externalId = c.optionalString(t, 'externalId', tw);
      if (externalId !== undefined && (externalId.length < 2 || externalId.length > 1224)) {
        c.fail(`${tw}.externalId`, 'must be 2-1224 characters (as AssumeRole accepts)');
      }
      trust = {
        account: c.optionalBool(t, 'account', tw),
        users: c.nameList(t, 'users', tw),
        roles: c.nameList(t, 'roles', tw),
        externalId,
      };
    }
    return {
      roleName,
      roleId,
      description,
      maxSessionDuration: c.optionalInt(r, 'maxSessionDuration', w, 3600, 43200),
      createDate: c.optionalDate(r, 'createDate', w),
      updateDate: c.optionalDate(r, 'updateDate', w),
      trust,
      policies: c.policies(r, w),
    };
  });
  roles.forEach((role, i) => {
    (role.trust?.users ?? []).forEach((u, j) => {
      if (!userNames.has(u.toLowerCase())) {
        c.warnings.push(`${rw}[${i}].trust.users[${j}] "${u}" is not a user of this account; it can assume nothing here`);
      }
    });
    (role.trust?.roles ?? []).forEach((name, j) => {
      if (!names.has(name.toLowerCase())) {
        c.warnings.push(`${rw}[${i}].trust.roles[${j}] "${name}" is not a role of this account`);
      }
    });
  });
  return roles;
}
