import * as assert from 'node:assert/strict';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import { CredentialReportFormatError, parseCredentialReport, reportUserName, splitCsvLine } from '../../src/aliyun/credentialReport';
import { userOwner } from '../../src/aliyun/identity';
import type { ImsService } from '../../src/aliyun/imsService';
import type { CredentialReportPage } from '../../src/aliyun/types';
import type { Profile } from '../../src/credentials/profile';
import { Emitter } from '../../src/util/events';
import { ThrottleGate } from '../../src/util/throttle';
import { DEFAULT_HEALTH_SETTINGS } from '../../src/views/ram/keyHealth';
import { scanAllKeys } from '../../src/views/ram/keyScan';
import { RamExplorerModel } from '../../src/views/ram/ramModel';
import { readCredentialReport, ReportUnavailable, scanFromReport } from '../../src/views/ram/reportScan';
import { securityLines } from '../../src/views/ram/securityLines';
import { marksOfKeys, type UserMarks } from '../../src/views/ram/userMarks';
import { MemoryLog } from './fakes';
import { aliyunError, FakeCloud } from './ramFakes';

const ADMIN = { accessKeyId: 'LTAI5tRepUnitAdmin000001', accessKeySecret: 'unit-secret-report-not-real-001' };
const NOW = new Date('2026-11-30T00:00:00Z');
const HEADER = 'user,user_creation_time,user_last_logon,password_exist,password_active,password_last_changed,password_next_rotation,mfa_active,'
  + ['access_key_1', 'access_key_2', 'additional_access_key_1', 'additional_access_key_2', 'additional_access_key_3']
    .map((k) => `${k}_exist,${k}_active,${k}_last_rotated,${k}_last_used`).join(',');

/** The emulator's way of writing a cloud as a report: `<root>` first, users as UPNs, keys oldest first. */
function csvOf(c: FakeCloud, extra: Record<string, { password?: boolean; mfa?: boolean }> = {}): string[] {
  const slots = (keys: FakeCloud['rootKeys']) => Array.from({ length: 5 }, (_, i) => {
    const k = keys[i];
    return k ? ['TRUE', k.status === 'Active' ? 'TRUE' : 'FALSE', k.createDate, k.lastUsed ?? 'N/A'] : ['FALSE', 'N/A', 'N/A', 'N/A'];
  }).flat().join(',');
  const rows = [`<root>,2020-01-01T00:00:00Z,-,TRUE,TRUE,N/A,N/A,FALSE,${slots(c.rootKeys)}`];
  for (const u of c.users.values()) {
    const e = extra[u.userName] ?? {};
    const mfa = e.mfa === undefined ? (e.password ? 'FALSE' : 'N/A') : e.mfa ? 'TRUE' : 'FALSE';
    rows.push(`${u.userName}@${c.accountId}.onaliyun.com,2025-01-01T00:00:00Z,-,${e.password ? 'TRUE' : 'FALSE'},${e.password ? 'TRUE' : 'N/A'},N/A,N/A,${mfa},${slots(u.keys)}`);
  }
  return rows;
}

/** IMS over a fixed list of rows: Generate answers STARTED `startedFor` times, then pages of `pageSize`. */
function fakeIms(rows: string[], opts: { startedFor?: number; pageSize?: number; generatedTime?: string; refuse?: 'generate' | 'get'; header?: string } = {}) {
  const calls: string[] = [];
  let started = opts.startedFor ?? 0;
  const ims: ImsService = {
    async generateCredentialReport() {
      calls.push('Generate');
      if (opts.refuse === 'generate') {
        throw aliyunError('noPermission', 'NoPermission', 'GenerateCredentialReport');
      }
      return started-- > 0 ? 'STARTED' : 'COMPLETE';
    },
    async getCredentialReport(nextToken?: string): Promise<CredentialReportPage> {
      calls.push('Get');
      if (opts.refuse === 'get') {
        throw aliyunError('noPermission', 'NoPermission', 'GetCredentialReport');
      }
      const size = opts.pageSize ?? 3501;
      const from = nextToken ? Number(nextToken) : 0;
      const page = rows.slice(from, from + size);
      const next = from + size < rows.length ? String(from + size) : undefined;
      return { csv: [opts.header ?? HEADER, ...page].join('\n'), generatedTime: opts.generatedTime ?? '2026-11-29T23:00:00Z', nextToken: next };
    },
    async getAccountSecurityPracticeReport() {
      return {};
    },
  };
  return { ims, calls };
}

function cloud(users: number): FakeCloud {
  const c = new FakeCloud();
  c.addKey(c.addUser('admin', true), ADMIN.accessKeyId, ADMIN.accessKeySecret);
  c.addKey('root', 'LTAI5tRepUnitRoot0000001', 'unit-secret-root-not-real', 'Active', '2023-01-01T00:00:00Z');
  for (let i = 0; i < users; i++) {
    const u = c.addUser(`u${String(i).padStart(4, '0')}`);
    const n = String(i).padStart(8, '0');
    if (i % 5 === 0) {
      continue;
    }
    const fresh = c.addKey(u, `LTAI5tRepFresh${n}00`, `rep-secret-fresh-${i}-not-real`, 'Active', i % 3 === 0 ? '2026-11-28T00:00:00Z' : '2026-10-01T00:00:00Z');
    if (i % 7 !== 0) {
      fresh.lastUsed = i % 2 ? '2026-11-29T00:00:00Z' : '2026-06-01T00:00:00Z';
    }
    if (i % 5 === 2) {
      const old = c.addKey(u, `LTAI5tRepOld${n}0000`, `rep-secret-old-${i}-not-real`, i % 10 === 2 ? 'Inactive' : 'Active', '2025-01-01T00:00:00Z');
      if (i % 4 === 0) {
        old.lastUsed = '2025-02-01T00:00:00Z';
      }
    }
  }
  return c;
}

function modelFor(c: FakeCloud, ims: ImsService): RamExplorerModel {
  const profile: Profile = { id: 'admin', name: 'admin', kind: 'AccessKey', accessKeyId: ADMIN.accessKeyId, regionId: 'cn-hangzhou', source: 'manual', createdAt: '2026-01-01T00:00:00Z' };
  const session = { ...c.session(ADMIN), ims, throttle: new ThrottleGate() } as unknown as CloudSession;
  return new RamExplorerModel(
    { active: async () => ({ profile, session, generation: 0 }), onDidChange: new Emitter<unknown>().event },
    { list: async () => [profile], onDidChange: new Emitter<void>().event },
    new MemoryLog(),
  );
}

const options = { settings: DEFAULT_HEALTH_SETTINGS, now: NOW, log: new MemoryLog(), sleep: async () => undefined };

describe('credential report CSV', () => {
  it('reads rows by column name: users from their UPN, root, booleans, N/A and "-" as no value', () => {
    const c = cloud(3);
    const parsed = parseCredentialReport([HEADER, ...csvOf(c, { u0001: { password: true } })].join('\r\n'));
    assert.equal(parsed.brokenCount, 0);
    assert.deepEqual(parsed.rows.map((r) => r.userName), ['<root>', 'admin', 'u0000', 'u0001', 'u0002']);
    assert.equal(parsed.rows[0].root, true);
    assert.equal(parsed.rows[0].keys.length, 1);
    const u1 = parsed.rows.find((r) => r.userName === 'u0001');
    assert.deepEqual(u1, {
      userName: 'u0001', root: false, passwordExist: true, mfaActive: false, lastLogon: undefined,
      keys: [{ active: true, lastRotated: '2026-10-01T00:00:00Z', lastUsed: '2026-11-29T00:00:00Z' }],
    });
    assert.equal(parsed.rows.find((r) => r.userName === 'u0000')?.mfaActive, undefined, 'N/A is no value');
  });

  it('ignores unknown columns and follows reordered ones', () => {
    const csv = ['extra_column,access_key_1_last_used,user,access_key_1_exist,access_key_1_active,access_key_1_last_rotated,mfa_active,password_exist',
      'x,N/A,bob@1.onaliyun.com,TRUE,FALSE,2024-01-01T00:00:00Z,TRUE,TRUE'].join('\n');
    const [row] = parseCredentialReport(csv).rows;
    assert.deepEqual(row, { userName: 'bob', root: false, passwordExist: true, mfaActive: true, lastLogon: undefined, keys: [{ active: false, lastRotated: '2024-01-01T00:00:00Z', lastUsed: undefined }] });
  });

  it('skips and counts broken lines (wrong field count, open quote, no user) without stopping', () => {
    const csv = [HEADER, ...csvOf(cloud(2)), 'only,three,fields', `"open quote,${'x,'.repeat(27)}x`, `,${'N/A,'.repeat(27)}N/A`, HEADER].join('\n');
    const parsed = parseCredentialReport(csv);
    assert.equal(parsed.rows.length, 4, 'root, admin and two users');
    assert.equal(parsed.brokenCount, 3);
    assert.deepEqual(parsed.brokenLines, [6, 7, 8]);
  });

  it('refuses a text without a header with a clear error', () => {
    assert.throws(() => parseCredentialReport(''), CredentialReportFormatError);
    assert.throws(() => parseCredentialReport('name,age\nbob,3'), /no header line with a "user" column/);
  });

  it('splits quoted fields and names users', () => {
    assert.deepEqual(splitCsvLine('a,"b,c","d ""e"""'), ['a', 'b,c', 'd "e"']);
    assert.equal(reportUserName('alice@1234567890123456.onaliyun.com'), 'alice');
    assert.equal(reportUserName('alice@corp.onaliyun.com'), 'alice');
    assert.equal(reportUserName('<root>'), '<root>');
  });
});

describe('Check All AccessKeys from the credential report', () => {
  it('gives every user the same key marks as the per-user pass on the same data', async () => {
    const c = cloud(120);
    const perUserModel = modelFor(c, fakeIms([]).ims);
    const perUser = await scanAllKeys(perUserModel, options);
    assert.ok(perUser);
    const perUserMarks = new Map<string, UserMarks>();
    for (const userName of c.users.keys()) {
      const owner = userOwner(userName);
      const loaded = perUserModel.loadedKeys(owner);
      assert.ok(loaded?.ok);
      perUserMarks.set(userName, marksOfKeys(loaded.value.map((key) => ({ key, lastUse: perUserModel.knownLastUse(owner, key.accessKeyId) ?? { state: 'loading' } })), DEFAULT_HEALTH_SETTINGS, NOW));
    }
    // Made after the per-user pass, whose own calls mark the admin's key as used.
    const { ims, calls } = fakeIms(csvOf(c), { pageSize: 50 });
    const reportModel = modelFor(c, ims);
    const fromReport = await scanFromReport(reportModel, options);
    assert.ok(fromReport);
    for (const [userName, marks] of perUserMarks) {
      const { noMfa, ...keyMarks } = reportModel.reportMarks(userName) ?? assert.fail(`${userName} has no report marks`);
      assert.equal(noMfa, false);
      assert.deepEqual(keyMarks, marks, userName);
    }
    assert.deepEqual(fromReport.warnings, perUser.warnings);
    assert.equal(fromReport.keys, perUser.keys);
    assert.equal(fromReport.atLimit, perUser.atLimit);
    assert.equal(fromReport.users, perUser.users);
    assert.ok(Object.values(perUser.warnings).every((n) => n > 0), `every kind of warning occurs: ${JSON.stringify(perUser.warnings)}`);
    assert.deepEqual(calls, ['Generate', 'Get', 'Get', 'Get'], '1 + 122 rows in pages of 50');
    assert.equal(fromReport.roundTrips, 4);
    assert.equal(fromReport.root?.keys, 1, 'the <root> row is the account\'s own keys, not a user');
  });

  it('marks users without MFA who can sign in to the console, from the report only', async () => {
    const c = cloud(4);
    const { ims } = fakeIms(csvOf(c, { u0001: { password: true }, u0002: { password: true, mfa: true }, u0003: {} }));
    const model = modelFor(c, ims);
    const result = await scanFromReport(model, options);
    assert.equal(result?.noMfa, 1);
    assert.equal(model.reportMarks('u0001')?.noMfa, true);
    assert.equal(model.reportMarks('u0002')?.noMfa, false);
    assert.equal(model.reportMarks('u0003')?.noMfa, false, 'no password: no console sign-in to protect');
  });

  it('waits while the report is being made, counting the polls apart from the round trips', async () => {
    const { ims, calls } = fakeIms(csvOf(cloud(2)), { startedFor: 3 });
    const slept: number[] = [];
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const report = await readCredentialReport(ims, { ...options, pollMs: 250, sleep: async (ms) => { slept.push(ms); await pause(30); } });
    assert.equal(report.polls, 3);
    assert.deepEqual(slept, [250, 250, 250]);
    assert.deepEqual(calls, ['Generate', 'Generate', 'Generate', 'Generate', 'Get']);
    assert.ok(report.waitedMs >= 85 && report.waitedMs < 1000, `waited ${report.waitedMs} ms, the three pauses take 90`);
    const ready = await readCredentialReport(fakeIms(csvOf(cloud(2))).ims, { ...options, sleep: async () => { await pause(30); } });
    assert.equal(ready.waitedMs, 0, 'a report ready at once is not waited for');
  });

  it('falls back (ReportUnavailable) when generating is refused, the report is too old, unreadable or never ready', async () => {
    const rows = csvOf(cloud(2));
    const reason = async (p: Promise<unknown>) => {
      const error = await p.then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ReportUnavailable, `not a ReportUnavailable: ${String(error)}`);
      return error.reason;
    };
    assert.equal(await reason(readCredentialReport(fakeIms(rows, { refuse: 'generate' }).ims, options)), 'refused');
    assert.equal(await reason(readCredentialReport(fakeIms(rows, { refuse: 'get' }).ims, options)), 'refused');
    assert.equal(await reason(readCredentialReport(fakeIms(rows, { generatedTime: '2026-11-29T19:59:00Z' }).ims, options)), 'stale');
    assert.equal(await reason(readCredentialReport(fakeIms(rows, { header: 'who,what' }).ims, options)), 'unreadable');
    assert.equal(await reason(readCredentialReport(fakeIms(rows, { startedFor: 1000 }).ims, { ...options, maxWaitMs: -1 })), 'notReady');
  });

  it('does not fall back on other errors: they are the check\'s own error', async () => {
    const { ims } = fakeIms([]);
    const failing: ImsService = { ...ims, generateCredentialReport: async () => { throw aliyunError('unreachable', 'ECONNREFUSED'); } };
    await assert.rejects(readCredentialReport(failing, options), (e: Error) => !(e instanceof ReportUnavailable) && /ECONNREFUSED/.test(e.message));
  });
});

describe('Security Summary lines', () => {
  it('says each figure, marks what to act on, and leaves out what the answer lacks', () => {
    const lines = securityLines({ score: 60, rootWithAccessKey: 1, rootBindMfa: false, subUsers: 7, subUsersWithMfa: 1, subUsersWithOldKey: 1, oldKeys: 2, subUsersWithUnusedKey: 0, unusedKeys: 0 });
    assert.deepEqual(lines.map((l) => [l.label, l.warn]), [
      ['The root account has 1 AccessKeys', true],
      ['The root account has no MFA', true],
      ['1 of 7 RAM users have MFA', true],
      ['1 RAM users with old AccessKeys (2 keys)', true],
      ['0 RAM users with unused AccessKeys (0 keys)', false],
    ]);
    assert.deepEqual(securityLines({ rootWithAccessKey: 0 }).map((l) => [l.label, l.warn]), [['The root account has no AccessKey', false]]);
  });
});
