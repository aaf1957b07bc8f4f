// Check All AccessKeys from the account's credential report, against the emulator's IMS
// (seeds/credentialReport.json): the same key marks as the per-user pass, MFA marks from the
// report only, and the per-user pass when the profile may not generate the report.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { summaryText, type CheckAllResult } from '../../src/commands/ram/checkAllKeys';
import type { Profile } from '../../src/credentials/profile';
import type { UserMarks } from '../../src/views/ram/userMarks';
import { addProfile, control } from './helpers';
import { accountTree, actionsSince, childByLabel, children, count, item, labels, ram, requestMark, useProfile } from './ramFixtures';

const USERS = ['rep-admin', 'rep-reader', 'rep-old', 'rep-inactive', 'rep-nomfa', 'rep-mfa', 'rep-nokeys'];

async function checkAll(args: Record<string, unknown>): Promise<CheckAllResult> {
  await vscode.commands.executeCommand('alibabaCloud.ram.refresh');
  const result = await vscode.commands.executeCommand<CheckAllResult>('alibabaCloud.ram.checkAllKeys', { quiet: true, withMarks: true, ...args });
  assert.ok(result, 'Check All AccessKeys returned nothing');
  return result;
}

describe('Check All AccessKeys from the credential report', () => {
  let admin: Profile;
  let reader: Profile;

  before(async () => {
    await ram();
    admin = await addProfile('rep-admin', 'LTAI5tRepAdmin0000000001', 'rep-secret-admin-not-real-00001');
    reader = await addProfile('rep-reader', 'LTAI5tRepReader000000001', 'rep-secret-reader-not-real-0001');
  });
  beforeEach(async () => {
    await control('DELETE', 'credential-report');
    await control('POST', 'credential-report', { generationMs: 300 });
  });
  after(async () => {
    await control('POST', 'credential-report', { generationMs: 1000 });
  });

  it('marks every user as the per-user pass does, in a few calls, plus users without MFA', async () => {
    await useProfile(admin);
    const perUser = await checkAll({ method: 'perUser' });
    assert.equal(perUser.users, USERS.length);
    const mark = await requestMark();
    const fromReport = await checkAll({});
    assert.equal('source' in fromReport && fromReport.source, 'report', `fell back: ${JSON.stringify(fromReport.fallback)}`);
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'ListAccessKeys') + count(actions, 'GetAccessKeyLastUsed'), 0, `no per-user calls: ${actions.join(', ')}`);
    assert.equal(count(actions, 'GetCredentialReport'), 1);
    assert.ok(count(actions, 'GenerateCredentialReport') >= 2, 'asked again while the report was being made');
    assert.ok('polls' in fromReport && fromReport.polls >= 1);
    assert.deepEqual(Object.keys(fromReport.marks ?? {}).sort(), [...USERS].sort());
    for (const user of USERS) {
      const marks: UserMarks | undefined = fromReport.marks?.[user];
      assert.ok(marks, `no report marks for ${user}`);
      const noMfa: boolean | undefined = marks.noMfa;
      const keyMarks: Omit<UserMarks, 'noMfa'> = { keys: marks.keys, atLimit: marks.atLimit, warnings: marks.warnings, concerns: marks.concerns };
      assert.deepEqual(keyMarks, perUser.marks?.[user], `${user}: the report's marks differ from the per-user pass`);
      assert.equal(noMfa, user === 'rep-nomfa', `${user}: MFA mark`);
      assert.equal(perUser.marks?.[user]?.noMfa, undefined, `${user}: the per-user pass knows nothing of MFA`);
    }
    assert.deepEqual(fromReport.warnings, perUser.warnings);
    assert.ok(Object.values(perUser.warnings).every((n) => n > 0), `the seed earns every mark: ${JSON.stringify(perUser.warnings)}`);
    assert.equal(fromReport.atLimit, 1);

    const { users } = await accountTree();
    const noMfaRow = await item(await childByLabel(users, 'rep-nomfa'));
    assert.match(String(noMfaRow.description), /no MFA/);
    assert.match(String(noMfaRow.tooltip), /no MFA device/);
    const old = await item(await childByLabel(users, 'rep-old'));
    assert.match(String(old.description), /⚠.*2 keys \(the limit\)/);
    const withMfa = await item(await childByLabel(users, 'rep-mfa'));
    assert.doesNotMatch(String(withMfa.description), /MFA|⚠/);
  });

  it('falls back to the per-user pass, saying why, when the profile may not generate the report', async () => {
    await useProfile(reader);
    const mark = await requestMark();
    const result = await checkAll({});
    assert.equal(result.fallback?.reason, 'refused');
    assert.ok(!('source' in result), 'the per-user pass ran');
    assert.equal(result.users, USERS.length);
    assert.equal(result.usersFailed, 0);
    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'GenerateCredentialReport'), 1, 'a refusal is not retried');
    assert.equal(count(actions, 'ListAccessKeys'), USERS.length);
    assert.match(summaryText(result, { keyAgeWarningDays: 90, unusedKeyWarningDays: 90 }), /may not generate the credential report/);
  });

  it('shows the Security Summary under the account, and says so when the profile may not read it', async () => {
    await useProfile(admin);
    await vscode.commands.executeCommand('alibabaCloud.ram.refresh');
    const account = (await children())[0];
    const summary = await childByLabel(account, 'Security Summary');
    const lines = await labels(await children(summary));
    assert.ok(lines.some((l) => /^Security score: \d+$/.test(l)), lines.join(' | '));
    assert.ok(lines.includes('The root account has 1 AccessKeys'), lines.join(' | '));
    assert.ok(lines.includes(`1 of ${USERS.length} RAM users have MFA`), lines.join(' | '));
    assert.ok(lines.some((l) => /^\d+ RAM users with old AccessKeys \(2 keys\)$/.test(l)), lines.join(' | '));

    const none = await addProfile('rep-nomfa', 'LTAI5tRepNoMfa0000000001', 'rep-secret-nomfa-not-real-00001');
    await useProfile(none);
    const denied = await childByLabel((await children())[0], 'Security Summary');
    assert.deepEqual(await labels(await children(denied)), ['This profile may not read the security summary (ims:GetAccountSecurityPracticeReport).']);
  });
});

