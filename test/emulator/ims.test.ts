import * as assert from 'assert';
import * as $Ims from '@alicloud/ims20190815';
import * as $Sts from '@alicloud/sts20150401';
import { REPORT_COLUMNS, REPORT_FRESH_MS, generate, type ReportState } from './credentialReport';
import type { RunningEmulator } from './server';
import { ACCOUNT, Cred, K, UUID_UPPER, assertErrorBody, control, ims, rejects, sts, useEmulator } from './helpers';
import { R, arnOf, rolesSeed } from './roleFixtures';
import type { Account } from './state';

const DOMAIN = `${ACCOUNT}.onaliyun.com`;

function parseCsv(base64: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = Buffer.from(base64, 'base64').toString('utf8').split('\n').filter((l) => l !== '');
  const header = lines[0].split(',');
  return { header, rows: lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v]))) };
}

describe('emulator: IMS 2019-08-15 credential report', () => {
  let emu: RunningEmulator;
  useEmulator((running) => (emu = running), rolesSeed);

  const generateNow = async (cred: Cred = K.root): Promise<void> => {
    await control(emu, 'POST', 'credential-report', { generationMs: 0 });
    assert.strictEqual((await ims(emu, cred).generateCredentialReport()).body?.state, 'COMPLETE');
  };

  it('GenerateCredentialReport: STARTED while it is made (Get → 404), then COMPLETE while fresh', async () => {
    const e0 = await rejects(ims(emu, K.root).getCredentialReport(new $Ims.GetCredentialReportRequest({})), { code: 'EntityNotExist.CredentialReport', statusCode: 404 });
    assertErrorBody(e0, 'EntityNotExist.CredentialReport');
    await control(emu, 'POST', 'credential-report', { generationMs: 300 });
    const started = await ims(emu, K.root).generateCredentialReport();
    assert.strictEqual(started.body?.state, 'STARTED');
    assert.match(started.body?.requestId ?? '', UUID_UPPER);
    assert.strictEqual((await ims(emu, K.alice, { signatureAlgorithm: 'v2' }).generateCredentialReport()).body?.state, 'STARTED');
    const e = await rejects(ims(emu, K.root).getCredentialReport(new $Ims.GetCredentialReportRequest({})), { code: 'EntityNotExist.CredentialReport', statusCode: 404 });
    assert.match(String(e.data?.Message), /being generated/);
    const status = (await control<{ generationMs: number; reports: { accountId: string; generating: boolean }[] }>(emu, 'GET', 'credential-report')).json;
    assert.deepStrictEqual(status, { generationMs: 300, reports: [{ accountId: ACCOUNT, generatedTime: null, generating: true }] });
    await new Promise((r) => setTimeout(r, 350));
    const report = await ims(emu, K.root).getCredentialReport(new $Ims.GetCredentialReportRequest({}));
    assert.match(report.body?.generatedTime ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.strictEqual(report.body?.isTruncated, 'false');
    assert.strictEqual(report.body?.nextToken, undefined);
    assert.strictEqual((await ims(emu, K.root).generateCredentialReport()).body?.state, 'COMPLETE');
    assert.deepStrictEqual((await control(emu, 'DELETE', 'credential-report')).json, { discarded: 1 });
    assert.strictEqual((await ims(emu, K.root).generateCredentialReport()).body?.state, 'STARTED');
  });

  it('Content is base64 CSV with exactly the documented columns: <root> first, then users by UPN', async () => {
    await generateNow();
    const { header, rows } = parseCsv((await ims(emu, K.alice).getCredentialReport(new $Ims.GetCredentialReportRequest({}))).body?.content ?? '');
    assert.deepStrictEqual(header, [...REPORT_COLUMNS]);
    assert.strictEqual(header.length, 28);
    assert.deepStrictEqual(
      rows.map((r) => r.user),
      ['<root>', ...['alice', 'bob', 'carol', 'dave', 'reader', 'nokeys', 'withpolicy', 'assumer', 'boss', 'stranger'].map((u) => `${u}@${DOMAIN}`)],
    );
    const row = (u: string) => rows.find((r) => r.user === (u === '<root>' ? u : `${u}@${DOMAIN}`))!;
    const root = row('<root>');
    assert.deepStrictEqual([root.access_key_1_exist, root.access_key_1_active, root.access_key_1_last_rotated, root.access_key_2_exist], ['TRUE', 'TRUE', '2023-01-01T00:00:00Z', 'FALSE']);
    const assumer = row('assumer');
    assert.deepStrictEqual(
      [assumer.user_last_logon, assumer.password_exist, assumer.password_active, assumer.mfa_active, assumer.access_key_1_exist, assumer.access_key_1_last_used],
      ['2026-10-01T08:00:00Z', 'TRUE', 'TRUE', 'TRUE', 'TRUE', 'N/A'],
    );
    const boss = row('boss');
    assert.deepStrictEqual([boss.password_exist, boss.mfa_active, boss.user_last_logon], ['TRUE', 'FALSE', '-']);
    const dave = row('dave');
    assert.deepStrictEqual([dave.password_exist, dave.password_active, dave.mfa_active], ['FALSE', 'N/A', 'N/A']);
    assert.deepStrictEqual(
      [dave.access_key_1_exist, dave.access_key_1_active, dave.access_key_1_last_rotated, dave.access_key_1_last_used],
      ['TRUE', 'TRUE', '2021-06-01T04:00:00Z', '2022-02-01T10:20:30Z'],
    );
    assert.deepStrictEqual([dave.access_key_2_exist, dave.access_key_2_active, dave.access_key_2_last_used], ['TRUE', 'FALSE', 'N/A']);
    const nokeys = row('nokeys');
    assert.deepStrictEqual([nokeys.access_key_1_exist, nokeys.access_key_1_active, nokeys.access_key_1_last_rotated, nokeys.additional_access_key_3_exist], ['FALSE', 'N/A', 'N/A', 'FALSE']);
    assert.ok(!Buffer.from((await ims(emu, K.root).getCredentialReport(new $Ims.GetCredentialReportRequest({}))).body?.content ?? '', 'base64').toString().includes('LTAI'), 'no AccessKey ids');
  });

  it('pages with MaxItems / NextToken (IsTruncated "true"/"false"); bad values → 400', async () => {
    await generateNow();
    const client = ims(emu, K.root);
    const users: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    for (;;) {
      const res = await client.getCredentialReport(new $Ims.GetCredentialReportRequest({ maxItems: '4', nextToken }));
      pages++;
      const page = parseCsv(res.body?.content ?? '');
      assert.deepStrictEqual(page.header, [...REPORT_COLUMNS], 'every page has the header');
      users.push(...page.rows.map((r) => r.user));
      if (res.body?.isTruncated !== 'true') {
        assert.strictEqual(res.body?.isTruncated, 'false');
        assert.strictEqual(res.body?.nextToken, undefined);
        break;
      }
      nextToken = res.body.nextToken;
    }
    assert.strictEqual(pages, 3);
    assert.strictEqual(users.length, 11);
    for (const maxItems of ['0', '3502', 'x']) {
      await rejects(client.getCredentialReport(new $Ims.GetCredentialReportRequest({ maxItems })), { code: 'InvalidParameter.MaxItems', statusCode: 400 });
    }
    await rejects(client.getCredentialReport(new $Ims.GetCredentialReportRequest({ nextToken: 'nope' })), { code: 'InvalidParameter.NextToken', statusCode: 400 });
  });

  it('permissions: RAM full may generate; RAM read-only may only get; others → 403 NoPermission', async () => {
    await generateNow(K.alice);
    await ims(emu, K.reader).getCredentialReport(new $Ims.GetCredentialReportRequest({}));
    await ims(emu, K.reader).getAccountSecurityPracticeReport();
    const e = await rejects(ims(emu, K.reader).generateCredentialReport(), { code: 'NoPermission', statusCode: 403 });
    assert.strictEqual(e.accessDeniedDetail?.AuthAction, 'ims:GenerateCredentialReport');
    assertErrorBody(e, 'NoPermission');
    assert.strictEqual(e.data?.HostId, 'ims.aliyuncs.com');
    await rejects(ims(emu, K.bob).getCredentialReport(new $Ims.GetCredentialReportRequest({})), { code: 'NoPermission', statusCode: 403 });
    const auditor = (await sts(emu, R.assumer).assumeRole(new $Sts.AssumeRoleRequest({ roleArn: arnOf('auditor'), roleSessionName: 'audit' }))).body?.credentials;
    const cred = { accessKeyId: auditor?.accessKeyId ?? '', accessKeySecret: auditor?.accessKeySecret ?? '', securityToken: auditor?.securityToken };
    await ims(emu, cred).getCredentialReport(new $Ims.GetCredentialReportRequest({}));
    await rejects(ims(emu, cred).generateCredentialReport(), { code: 'NoPermission', statusCode: 403 });
  });

  it('GetAccountSecurityPracticeReport counts users, MFA, old and unused keys', async () => {
    const info = (await ims(emu, K.root).getAccountSecurityPracticeReport()).body?.accountSecurityPracticeInfo;
    const u = info?.accountSecurityPracticeUserInfo;
    assert.deepStrictEqual(
      [u?.rootWithAccessKey, u?.bindMfa, u?.subUser, u?.subUserBindMfa, u?.subUserPwdLevel],
      [1, false, 10, 1, 'low'],
    );
    assert.strictEqual(u?.oldAkNum, 1, 'dave\'s key of 2021');
    assert.strictEqual(u?.subUserWithOldAccessKey, 1);
    assert.ok((u?.unusedAkNum ?? 0) >= 9 && (u?.subUserWithUnusedAccessKey ?? 0) >= 8, JSON.stringify(u));
    assert.ok(typeof info?.score === 'number' && info.score >= 0 && info.score <= 100);
  });

  it('the control body is checked; reset restores the 1000 ms default and forgets reports', async () => {
    assert.strictEqual((await control(emu, 'POST', 'credential-report', { generationMs: -1 })).status, 400);
    await generateNow();
    await control(emu, 'POST', 'reset');
    assert.deepStrictEqual((await control(emu, 'GET', 'credential-report')).json, { generationMs: 1000, reports: [] });
  });
});

describe('credential report freshness (4 hours)', () => {
  it('a report older than 4 hours is made again', () => {
    const account = { accountId: '1', rootKeys: [], userList: [] } as unknown as Account;
    const state: ReportState = {};
    assert.strictEqual(generate(state, account, 1000, 500), 'STARTED');
    assert.strictEqual(generate(state, account, 1400, 500), 'STARTED');
    assert.strictEqual(generate(state, account, 1500, 500), 'COMPLETE');
    assert.strictEqual(generate(state, account, 1500 + REPORT_FRESH_MS - 1, 500), 'COMPLETE');
    assert.strictEqual(generate(state, account, 1500 + REPORT_FRESH_MS, 500), 'STARTED');
    assert.strictEqual(state.ready?.generatedMs, 1500, 'the old report stays readable while the new one is made');
  });
});
