/**
 * RAM 2015-05-01: users and AccessKeys (roles: ramRoles.ts; policies of users: ramPolicies.ts).
 */
import { ActionContext, ActionDef, ProductDef, ResponseBody, param } from './api';
import { Errors } from './errors';
import { checkName, namedUser, pageOf, requireParam } from './ramCommon';
import { USER_POLICY_ACTIONS } from './ramPolicies';
import { ROLE_ACTIONS } from './ramRoles';
import type { Account, KeyOwner, KeyRecord, User } from './state';
import { isoSeconds } from './util';

const DISPLAY_NAME_RE = /^[A-Za-z0-9.@_\- \u4e00-\u9fa5]+$/u;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE_RE = /^\d{1,4}-\d{4,20}$/;

function userJson(u: User): ResponseBody {
  return {
    UserName: u.userName,
    UserId: u.userId,
    DisplayName: u.displayName,
    Comments: u.comments,
    Email: u.email,
    MobilePhone: u.mobilePhone,
    CreateDate: u.createDate,
    UpdateDate: u.updateDate,
  };
}

/**
 * Whose keys an AccessKey action is about: `UserName` if given; otherwise the calling RAM user
 * (documented) or, for a root caller, the root account (not documented; the emulator's choice).
 */
function keyOwner(ctx: ActionContext): KeyOwner {
  const name = param(ctx, 'UserName');
  const account = ctx.caller.account;
  if (name !== undefined) {
    return { kind: 'user', account, user: namedUser(ctx, name) };
  }
  switch (ctx.caller.kind) {
    case 'user':
      return { kind: 'user', account, user: ctx.caller.user };
    case 'root':
      return { kind: 'root', account };
    case 'sts':
      throw Errors.missing('UserName');
  }
}

function keysOf(owner: KeyOwner): KeyRecord[] {
  return owner.kind === 'root' ? owner.account.rootKeys : owner.user.keys;
}

function ownedKey(owner: KeyOwner, id: string): KeyRecord {
  const key = keysOf(owner).find((k) => k.accessKeyId === id);
  if (!key) {
    throw Errors.accessKeyEntityNotFound();
  }
  return key;
}

function listUsers(ctx: ActionContext): ResponseBody {
  const page = pageOf(ctx, ctx.caller.account.userList, 'ram-users');
  const body: ResponseBody = { IsTruncated: page.truncated, Users: { User: page.items.map(userJson) } };
  if (page.marker !== undefined) {
    body.Marker = page.marker;
  }
  return body;
}

function getUser(ctx: ActionContext): ResponseBody {
  const user = namedUser(ctx, requireParam(ctx, 'UserName'));
  const json = userJson(user);
  if (user.lastLoginDate) {
    json.LastLoginDate = user.lastLoginDate;
  }
  return { User: json };
}

function createUser(ctx: ActionContext): ResponseBody {
  const userName = requireParam(ctx, 'UserName');
  checkName('UserName', userName);
  const displayName = param(ctx, 'DisplayName');
  if (displayName !== undefined) {
    if (displayName.length > 128) {
      throw Errors.ramLength('DisplayName');
    }
    if (!DISPLAY_NAME_RE.test(displayName)) {
      throw Errors.ramInvalidChars('DisplayName');
    }
  }
  const comments = param(ctx, 'Comments');
  if (comments !== undefined && comments.length > 128) {
    throw Errors.ramLength('Comments');
  }
  const email = param(ctx, 'Email');
  if (email !== undefined && !EMAIL_RE.test(email)) {
    throw Errors.ramFormat('Email');
  }
  const mobile = param(ctx, 'MobilePhone');
  if (mobile !== undefined && !MOBILE_RE.test(mobile)) {
    throw Errors.ramFormat('MobilePhone');
  }
  const account: Account = ctx.caller.account;
  if (ctx.state.findUser(account, userName)) {
    throw Errors.userExists();
  }
  if (account.users.size >= account.limits.users) {
    throw Errors.userLimit();
  }
  const user = ctx.state.addUser(account, {
    userName,
    displayName: displayName ?? userName,
    comments: comments ?? '',
    email: email ?? '',
    mobilePhone: mobile ?? '',
    createDate: isoSeconds(ctx.nowMs),
  });
  return {
    User: {
      UserId: user.userId,
      UserName: user.userName,
      DisplayName: user.displayName,
      Email: user.email,
      MobilePhone: user.mobilePhone,
      Comments: user.comments,
      CreateDate: user.createDate,
    },
  };
}

function deleteUser(ctx: ActionContext): ResponseBody {
  const user = namedUser(ctx, requireParam(ctx, 'UserName'));
  if (user.keys.length > 0) {
    throw Errors.deleteConflictAccessKey();
  }
  if (user.policies.length > 0) {
    throw Errors.deleteConflictPolicy();
  }
  ctx.state.removeUser(ctx.caller.account, user);
  return {};
}

function listAccessKeys(ctx: ActionContext): ResponseBody {
  const owner = keyOwner(ctx);
  return {
    AccessKeys: {
      AccessKey: keysOf(owner).map((k) => ({ AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createDate })),
    },
  };
}

function createAccessKey(ctx: ActionContext): ResponseBody {
  const owner = keyOwner(ctx);
  const limit = owner.kind === 'root' ? owner.account.limits.rootAccessKeys : owner.account.limits.accessKeysPerUser;
  if (keysOf(owner).length >= limit) {
    throw Errors.accessKeyLimit();
  }
  const key = ctx.state.addKey(owner, ctx.nowMs);
  return {
    AccessKey: { AccessKeyId: key.accessKeyId, AccessKeySecret: key.secret, Status: key.status, CreateDate: key.createDate },
  };
}

function updateAccessKey(ctx: ActionContext): ResponseBody {
  const id = requireParam(ctx, 'UserAccessKeyId');
  const status = requireParam(ctx, 'Status');
  if (status !== 'Active' && status !== 'Inactive') {
    throw Errors.ramInvalidValue('Status');
  }
  const key = ownedKey(keyOwner(ctx), id);
  key.status = status;
  return {};
}

function deleteAccessKey(ctx: ActionContext): ResponseBody {
  const id = requireParam(ctx, 'UserAccessKeyId');
  const key = ownedKey(keyOwner(ctx), id);
  ctx.state.removeKey(key);
  return {};
}

function getAccessKeyLastUsed(ctx: ActionContext): ResponseBody {
  const id = requireParam(ctx, 'UserAccessKeyId');
  const key = ownedKey(keyOwner(ctx), id);
  return { AccessKeyLastUsed: key.lastUsedDate ? { LastUsedDate: key.lastUsedDate } : {} };
}

const act = (name: string, handler: (ctx: ActionContext) => ResponseBody): ActionDef => ({ handler, authAction: `ram:${name}` });

export const RAM: ProductDef = {
  product: 'ram',
  code: 'Ram',
  version: '2015-05-01',
  actions: {
    ListUsers: act('ListUsers', listUsers),
    GetUser: act('GetUser', getUser),
    CreateUser: act('CreateUser', createUser),
    DeleteUser: act('DeleteUser', deleteUser),
    ListAccessKeys: act('ListAccessKeys', listAccessKeys),
    CreateAccessKey: act('CreateAccessKey', createAccessKey),
    UpdateAccessKey: act('UpdateAccessKey', updateAccessKey),
    DeleteAccessKey: act('DeleteAccessKey', deleteAccessKey),
    GetAccessKeyLastUsed: act('GetAccessKeyLastUsed', getAccessKeyLastUsed),
    ...USER_POLICY_ACTIONS,
    ...ROLE_ACTIONS,
  },
  hostId: () => 'ram.aliyuncs.com',
  denied: (detail) => Errors.ramNoPermission(detail),
};

