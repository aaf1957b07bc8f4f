import { AliyunError } from '../../aliyun/errors';
import { userNameOf } from '../../aliyun/identity';
import type { RoleService } from '../../aliyun/roleService';
import { parseTrust, principalOf, trusts, trustStatementFor, type RoleTrust } from '../../aliyun/roleTrust';
import type { CallerIdentity } from '../../aliyun/types';
import { sentences, t } from '../../util/l10n';
import type { CredentialTestResult } from '../credentialCheck';
import type { RoleDefinition } from '../profile';

/** System policies that allow sts:AssumeRole. */
const GRANTS_ASSUME_ROLE = new Set(['AliyunSTSAssumeRoleAccess', 'AdministratorAccess']);

export interface AssumeDiagnosis {
  readonly text: string;
  readonly fields: Partial<CredentialTestResult>;
}

/** What the source may read about the role and itself; each answer is undefined when it may not. */
interface Findings {
  readonly trust?: RoleTrust;
  readonly maxSessionDuration?: number;
  /** True: its policies (all system ones) do not allow sts:AssumeRole. False: they do. Undefined: cannot tell. */
  readonly lacksPermission?: boolean;
}

function roleNameOf(roleArn: string): string {
  return roleArn.split('/').pop() ?? roleArn;
}

async function investigate(role: RoleDefinition, identity: CallerIdentity, ram: RoleService): Promise<Findings> {
  const roleName = roleNameOf(role.roleArn);
  const found = await ram.getRole(roleName).catch(() => undefined);
  const assumedRole = /:assumed-role\/([^/]+)\//.exec(identity.arn)?.[1];
  const policies = identity.identityType === 'RAMUser'
    ? await ram.listPoliciesForUser(userNameOf(identity) ?? '').catch(() => undefined)
    : assumedRole ? await ram.listPoliciesForRole(assumedRole).catch(() => undefined) : undefined;
  const lacksPermission = policies === undefined
    ? undefined
    : policies.some((p) => p.policyType === 'System' && GRANTS_ASSUME_ROLE.has(p.policyName))
      ? false
      // A custom policy may allow it: then we cannot tell from here.
      : policies.some((p) => p.policyType !== 'System') ? undefined : true;
  return { trust: parseTrust(found?.assumeRolePolicyDocument), maxSessionDuration: found?.maxSessionDuration, lacksPermission };
}

function permissionFix(role: RoleDefinition): Partial<CredentialTestResult> {
  return {
    deniedAction: 'sts:AssumeRole',
    suggestedPolicy: 'AliyunSTSAssumeRoleAccess',
    policyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role.roleArn }] }, null, 2),
  };
}

/**
 * Why STS refused AssumeRole, and what to do. STS answers the same NoPermission to a caller without
 * sts:AssumeRole, to one the trust policy does not name, and to a wrong or missing external ID;
 * where the source may read RAM, GetRole and the caller's policies tell them apart.
 */
export async function diagnoseAssumeRole(error: unknown, role: RoleDefinition, identity: CallerIdentity, ram: RoleService): Promise<AssumeDiagnosis> {
  if (!(error instanceof AliyunError)) {
    return { text: t('AssumeRole failed: {0}', error instanceof Error ? error.name : 'error'), fields: { failureKind: 'unknown' } };
  }
  const roleName = roleNameOf(role.roleArn);
  const base: Partial<CredentialTestResult> = { failureKind: error.kind, endpoint: error.endpoint };
  const code = error.code ?? '';
  if (code === 'NoPermission' && (identity.identityType === 'Account' || /root/i.test(error.serviceMessage ?? ''))) {
    return { text: t('Alibaba Cloud does not let the account itself (root) assume a role. Use a RAM user\'s AccessKey as the source of this profile: create a RAM user with AliyunSTSAssumeRoleAccess and an AccessKey, then edit the profile.'), fields: { ...base, roleCause: 'root' } };
  }
  if (code.startsWith('EntityNotExist.Role')) {
    return { text: t('Account {0} has no role named {1}. Check the role ARN (Edit Profile), or pick the role from the RAM view.', role.roleArn.split(':')[3] ?? '', roleName), fields: { ...base, roleCause: 'unknownRole' } };
  }
  if (code.startsWith('InvalidParameter.DurationSeconds')) {
    const found = await ram.getRole(roleName).catch(() => undefined);
    return {
      text: found?.maxSessionDuration
        ? t('Role {0} allows sessions of at most {1} seconds; this profile asks for {2}. Edit the profile and choose at most {1}.', roleName, found.maxSessionDuration, role.durationSeconds)
        : t('Role {0} does not allow sessions of {1} seconds (at least 900, at most the role\'s maximum). Edit the profile and choose a shorter duration.', roleName, role.durationSeconds),
      fields: { ...base, roleCause: 'duration', maxSessionDuration: found?.maxSessionDuration },
    };
  }
  if (code.startsWith('InvalidParameter.RoleSessionName')) {
    return { text: t('STS does not accept the session name "{0}": 2 to 64 letters, digits and . @ _ -. Edit the profile.', role.sessionName), fields: { ...base, roleCause: 'sessionName' } };
  }
  if (code.startsWith('InvalidParameter.PolicyGrammar')) {
    return { text: t('STS does not accept the session policy of this profile as a policy document. Edit the profile and fix or remove it.'), fields: { ...base, roleCause: 'policy' } };
  }
  if (code !== 'NoPermission') {
    return { text: error.message, fields: base };
  }

  const found = await investigate(role, identity, ram);
  const who = principalOf(identity) ?? identity.arn;
  const statement = trustStatementFor(identity, role.externalId);
  const causes: string[] = [];
  const fields: { -readonly [K in keyof CredentialTestResult]?: CredentialTestResult[K] } = { ...base };
  if (found.trust && !trusts(found.trust, identity)) {
    causes.push(t('The trust policy of role {0} does not name {1}; it trusts {2}. Add the statement on the clipboard (Copy Trust Statement) to the role\'s trust policy.', roleName, who, found.trust.principals.join(', ') || t('no RAM principal')));
    Object.assign(fields, { roleCause: 'trust', trustStatement: statement });
  }
  if (found.trust?.externalId !== undefined && found.trust.externalId !== role.externalId) {
    causes.push(role.externalId
      ? t('Role {0} asks for another external ID than this profile passes. Edit the profile and enter the external ID the role\'s owner gave you.', roleName)
      : t('Role {0} asks for an external ID, and this profile passes none. Edit the profile and enter the external ID the role\'s owner gave you.', roleName));
    fields.roleCause ??= 'externalId';
  }
  if (found.lacksPermission === true) {
    causes.push(t('{0} may not call sts:AssumeRole: attach the system policy AliyunSTSAssumeRoleAccess to it (or Copy Policy for a custom policy that allows just this role).', who));
    Object.assign(fields, permissionFix(role));
    fields.roleCause ??= 'permission';
  }
  if (causes.length > 0) {
    return { text: sentences(t('STS refused to let {0} assume role {1}.', who, roleName), ...causes), fields };
  }
  // Nothing could be told apart: say all three, with their fixes.
  return {
    text: sentences(
      t('STS refused to let {0} assume role {1}, for one of three reasons that it does not tell apart:', who, roleName),
      t('(1) {0} may not call sts:AssumeRole: attach AliyunSTSAssumeRoleAccess;', who),
      t('(2) the role\'s trust policy does not name {0}: add the statement on the clipboard (Copy Trust Statement);', who),
      t('(3) the role asks for an external ID that this profile does not pass: edit the profile.'),
      t('A profile that may read RAM (AliyunRAMReadOnlyAccess) tells which.'),
    ),
    fields: { ...fields, roleCause: 'unknown', trustStatement: statement, ...permissionFix(role) },
  };
}
