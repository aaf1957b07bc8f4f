/**
 * IMS 2019-08-15 (RAM's identity service): the credential report and the account's security
 * practice report. Permissions are `ims:*` actions, which the RAM system policies grant.
 */
import { ActionContext, ActionDef, ProductDef, ResponseBody, param } from './api';
import { ReportState, csvContent, generate, settle } from './credentialReport';
import { Errors } from './errors';

const NINETY_DAYS_MS = 90 * 24 * 3600_000;
const MAX_REPORT_ITEMS = 3501;

function reportState(ctx: ActionContext): ReportState {
  const id = ctx.caller.account.accountId;
  let state = ctx.state.reports.get(id);
  if (!state) {
    state = {};
    ctx.state.reports.set(id, state);
  }
  return state;
}

function generateCredentialReport(ctx: ActionContext): ResponseBody {
  return { State: generate(reportState(ctx), ctx.caller.account, ctx.nowMs, ctx.state.settings.reportGenerationMs) };
}

function getCredentialReport(ctx: ActionContext): ResponseBody {
  const rawMax = param(ctx, 'MaxItems');
  if (rawMax !== undefined && !(/^\d+$/.test(rawMax) && Number(rawMax) >= 1 && Number(rawMax) <= MAX_REPORT_ITEMS)) {
    throw Errors.imsInvalidValue('MaxItems');
  }
  const maxItems = rawMax === undefined ? MAX_REPORT_ITEMS : Number(rawMax);
  const state = reportState(ctx);
  settle(state, ctx.nowMs);
  const report = state.ready;
  if (!report) {
    throw Errors.credentialReportNotReady(state.pending !== undefined);
  }
  let start = 0;
  const token = param(ctx, 'NextToken');
  if (token !== undefined) {
    const m = /^report:(\d+):(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    // A token of an older report does not page through a newer one.
    if (!m || Number(m[1]) !== report.generatedMs || Number(m[2]) > report.rows.length) {
      throw Errors.imsInvalidValue('NextToken');
    }
    start = Number(m[2]);
  }
  const end = Math.min(start + maxItems, report.rows.length);
  const truncated = end < report.rows.length;
  return {
    Content: Buffer.from(csvContent(report.rows.slice(start, end)), 'utf8').toString('base64'),
    GeneratedTime: report.generatedTime,
    // A string, as the API reference and the SDK's model have it.
    IsTruncated: truncated ? 'true' : 'false',
    ...(truncated ? { NextToken: Buffer.from(`report:${report.generatedMs}:${end}`, 'utf8').toString('base64') } : {}),
  };
}

function getAccountSecurityPracticeReport(ctx: ActionContext): ResponseBody {
  const account = ctx.caller.account;
  const users = account.userList;
  const old = (ms: number): boolean => ctx.nowMs - ms > NINETY_DAYS_MS;
  const oldKeys = users.flatMap((u) => u.keys.filter((k) => old(Date.parse(k.createDate))));
  const unusedKeys = users.flatMap((u) => u.keys.filter((k) => k.lastUsedDate === undefined || old(Date.parse(k.lastUsedDate))));
  const withMfa = users.filter((u) => u.mfaActive === true).length;
  const info = {
    RootWithAccessKey: account.rootKeys.length,
    BindMfa: false,
    SubUser: users.length,
    SubUserBindMfa: withMfa,
    SubUserWithOldAccessKey: new Set(oldKeys.map((k) => k.owner)).size,
    SubUserWithUnusedAccessKey: new Set(unusedKeys.map((k) => k.owner)).size,
    OldAkNum: oldKeys.length,
    UnusedAkNum: unusedKeys.length,
    SubUserPwdLevel: 'low',
  };
  // RAM does not publish its formula; this one only moves the way the findings suggest.
  const noMfaShare = users.length === 0 ? 0 : 1 - withMfa / users.length;
  const score = 100 - (info.RootWithAccessKey > 0 ? 20 : 0) - 10 - Math.round(30 * noMfaShare) - (info.OldAkNum > 0 ? 10 : 0) - (info.UnusedAkNum > 0 ? 10 : 0);
  return { AccountSecurityPracticeInfo: { AccountSecurityPracticeUserInfo: info, Score: Math.max(0, score) } };
}

const act = (name: string, handler: (ctx: ActionContext) => ResponseBody): ActionDef => ({ handler, authAction: `ims:${name}` });

export const IMS: ProductDef = {
  product: 'ims',
  code: 'Ims',
  version: '2019-08-15',
  actions: {
    GenerateCredentialReport: act('GenerateCredentialReport', generateCredentialReport),
    GetCredentialReport: act('GetCredentialReport', getCredentialReport),
    GetAccountSecurityPracticeReport: act('GetAccountSecurityPracticeReport', getAccountSecurityPracticeReport),
  },
  hostId: () => 'ims.aliyuncs.com',
  denied: (detail) => Errors.ramNoPermission(detail),
};
