/**
 * STS 2015-04-01: GetCallerIdentity (no permission needed) and AssumeRole (assumeRole.ts).
 */
import { ActionContext, ProductDef, ResponseBody } from './api';
import { assumeRole } from './assumeRole';
import { Errors } from './errors';

function getCallerIdentity(ctx: ActionContext): ResponseBody {
  const c = ctx.caller;
  const accountId = c.account.accountId;
  switch (c.kind) {
    case 'root':
      return { IdentityType: 'Account', AccountId: accountId, PrincipalId: accountId, UserId: accountId, Arn: `acs:ram::${accountId}:root` };
    case 'user':
      return {
        IdentityType: 'RAMUser',
        AccountId: accountId,
        PrincipalId: c.user.userId,
        UserId: c.user.userId,
        Arn: `acs:ram::${accountId}:user/${c.user.userName}`,
      };
    case 'sts':
      return {
        IdentityType: 'AssumedRoleUser',
        AccountId: accountId,
        PrincipalId: `${c.cred.roleId}:${c.cred.roleSessionName}`,
        RoleId: c.cred.roleId,
        Arn: `acs:ram::${accountId}:assumed-role/${c.cred.roleName}/${c.cred.roleSessionName}`,
      };
  }
}

export const STS: ProductDef = {
  product: 'sts',
  code: 'Sts',
  version: '2015-04-01',
  actions: {
    GetCallerIdentity: { handler: getCallerIdentity },
    AssumeRole: { handler: assumeRole, authAction: 'sts:AssumeRole', required: ['RoleArn', 'RoleSessionName'] },
  },
  hostId: () => 'sts.aliyuncs.com',
  denied: (detail) => Errors.ramNoPermission(detail),
};
