/**
 * RAM 2015-05-01: users and AccessKeys.
 */
import { ActionContext, ProductDef, ResponseBody, param } from './api';
import { Errors } from './errors';
import { Account, KeyOwner, KeyRecord, User, indexBySeq } from './state';
import { isoSeconds } from './util';

const USER_NAME_RE = /^[A-Za-z0-9.@_-]+$/;
const DISPLAY_NAME_RE = /^[A-Za-z0-9.@_\- \u4e00-\u9fa5]+$/u;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE_RE = /^\d{1,4}-\d{4,20}$/;

function checkUserName(name: string): void {
  if (!USER_NAME_RE.test(name)) {
    throw Errors.ramInvalidChars('UserName');
  }
  if (name.length > 64) {
    throw Errors.ramLength('UserName');
  }
}

function requireParam(ctx: ActionContext, name: string): string {
  const v = param(ctx, name);
  if (v === undefined) {
    throw Errors.missing(name);
  }
  return v;
}

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

/** A named user of the caller's account, or EntityNotExist.User. */
function namedUser(ctx: ActionContext, name: string): User {
  checkUserName(name);
  const user = ctx.state.findUser(ctx.caller.account, name);
  if (!user) {
    throw Errors.userNotFound();
  }
  return user;
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

function encodeMarker(seq: number): string {
  return Buffer.from(`ram-users:${seq}`, 'utf8').toString('base64');
}

function decodeMarker(marker: string): number {
  const m = /^ram-users:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  if (!m) {
    throw Errors.ramInvalidValue('Marker');
  }
  return Number(m[1]);
}

function listUsers(ctx: ActionContext): ResponseBody {
  const rawMax = param(ctx, 'MaxItems');
  let maxItems = 100;
  if (rawMax !== undefined) {
    if (!/^\d+$/.test(rawMax) || Number(rawMax) < 1 || Number(rawMax) > 1000) {
      throw Errors.ramInvalidValue('MaxItems');
    }
    maxItems = Number(rawMax);
  }
  const marker = param(ctx, 'Marker');
  const list: readonly User[] = ctx.caller.account.userList;
  const start = marker === undefined ? 0 : indexBySeq(list, decodeMarker(marker));
  const end = Math.min(start + maxItems, list.length);
  const users: ResponseBody[] = new Array<ResponseBody>(end - start);
  for (let i = start; i < end; i++) {
    users[i - start] = userJson(list[i]);
  }
  const truncated = end < list.length;
  const body: ResponseBody = { IsTruncated: truncated, Users: { User: users } };
  if (truncated) {
    body.Marker = encodeMarker(list[end].seq);
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
  checkUserName(userName);
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

const act = (name: string, handler: (ctx: ActionContext) => ResponseBody) => ({ handler, authAction: `ram:${name}` });

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
  },
  hostId: () => 'ram.aliyuncs.com',
  denied: (detail) => Errors.ramNoPermission(detail),
};

