/**
 * RAM 2015-05-01 roles: ListRoles, GetRole (with the trust policy), ListPoliciesForRole.
 */
import type { ActionContext, ActionDef, ResponseBody } from './api';
import { namedRole, pageOf, policiesJson } from './ramCommon';
import { Role, assumeRolePolicyDocument, roleArn } from './roles';

function roleJson(accountId: string, r: Role): ResponseBody {
  return {
    RoleId: r.roleId,
    RoleName: r.roleName,
    Arn: roleArn(accountId, r),
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    CreateDate: r.createDate,
    UpdateDate: r.updateDate,
  };
}

function listRoles(ctx: ActionContext): ResponseBody {
  const account = ctx.caller.account;
  const page = pageOf(ctx, account.roleList, 'ram-roles');
  const body: ResponseBody = { IsTruncated: page.truncated, Roles: { Role: page.items.map((r) => roleJson(account.accountId, r)) } };
  if (page.marker !== undefined) {
    body.Marker = page.marker;
  }
  return body;
}

function getRole(ctx: ActionContext): ResponseBody {
  const role = namedRole(ctx);
  const accountId = ctx.caller.account.accountId;
  return { Role: { ...roleJson(accountId, role), AssumeRolePolicyDocument: assumeRolePolicyDocument(accountId, role) } };
}

function listPoliciesForRole(ctx: ActionContext): ResponseBody {
  const role = namedRole(ctx);
  return policiesJson(role.policies, role.policyDates, role.createDate);
}

export const ROLE_ACTIONS: Readonly<Record<string, ActionDef>> = {
  ListRoles: { handler: listRoles, authAction: 'ram:ListRoles' },
  GetRole: { handler: getRole, authAction: 'ram:GetRole' },
  ListPoliciesForRole: { handler: listPoliciesForRole, authAction: 'ram:ListPoliciesForRole' },
};
