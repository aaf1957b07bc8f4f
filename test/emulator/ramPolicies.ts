/**
 * RAM 2015-05-01 policies attached to users: ListPoliciesForUser, AttachPolicyToUser,
 * DetachPolicyFromUser. Only system policies exist here; a `Custom` one is never found.
 */
import type { ActionContext, ActionDef, ResponseBody } from './api';
import { Errors } from './errors';
import { SYSTEM_POLICIES } from './policy';
import { namedUser, policiesJson, requireParam } from './ramCommon';
import type { User } from './state';
import { isoSeconds } from './util';

function listPoliciesForUser(ctx: ActionContext): ResponseBody {
  const user = namedUser(ctx, requireParam(ctx, 'UserName'));
  return policiesJson(user.policies, user.policyDates, user.createDate);
}

/**
 * The checks Attach and Detach share, in the order of their error tables. A seed may attach a name
 * the emulator does not know (a warning then); Detach still finds it, so that user can be deleted.
 */
function target(ctx: ActionContext, detach: boolean): { user: User; policyName: string } {
  const policyType = requireParam(ctx, 'PolicyType');
  const policyName = requireParam(ctx, 'PolicyName');
  const userName = requireParam(ctx, 'UserName');
  if (policyType !== 'System' && policyType !== 'Custom') {
    throw Errors.policyTypeInvalid();
  }
  if (!/^[A-Za-z0-9-]+$/.test(policyName)) {
    throw Errors.ramInvalidChars('PolicyName');
  }
  if (policyName.length > 128) {
    throw Errors.ramLength('PolicyName');
  }
  const user = namedUser(ctx, userName);
  const known = Object.prototype.hasOwnProperty.call(SYSTEM_POLICIES, policyName) || (detach && user.policies.includes(policyName));
  if (policyType === 'Custom' || !known) {
    throw Errors.policyNotFound();
  }
  return { user, policyName };
}

function attachPolicyToUser(ctx: ActionContext): ResponseBody {
  const { user, policyName } = target(ctx, false);
  if (user.policies.includes(policyName)) {
    throw Errors.userPolicyExists();
  }
  user.policies.push(policyName);
  user.policyDates.set(policyName, isoSeconds(ctx.nowMs));
  return {};
}

function detachPolicyFromUser(ctx: ActionContext): ResponseBody {
  const { user, policyName } = target(ctx, true);
  const i = user.policies.indexOf(policyName);
  if (i < 0) {
    throw Errors.userPolicyNotFound();
  }
  user.policies.splice(i, 1);
  user.policyDates.delete(policyName);
  return {};
}

export const USER_POLICY_ACTIONS: Readonly<Record<string, ActionDef>> = {
  ListPoliciesForUser: { handler: listPoliciesForUser, authAction: 'ram:ListPoliciesForUser' },
  AttachPolicyToUser: { handler: attachPolicyToUser, authAction: 'ram:AttachPolicyToUser' },
  DetachPolicyFromUser: { handler: detachPolicyFromUser, authAction: 'ram:DetachPolicyFromUser' },
};
