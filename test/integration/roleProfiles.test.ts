// Role profiles in the real VS Code against the emulator's STS: AssumeRole with a source profile,
// the role's permissions, renewal across an expiry with one AssumeRole for many callers, every
// refusal diagnosed from the emulator's real answer, a three-link chain, and bad input refused.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCredentialsResult } from '../../src/commands/testCredentials';
import type { Profile } from '../../src/credentials/profile';
import type { ExtensionExports } from '../../src/extension';
import { addProfile, control, EXTENSION_ID } from './helpers';
import { accountTree, actionsSince, count, item, ram, requestMark, useProfile } from './ramFixtures';

const ACCOUNT = '3600000000000006';
const KEYS = {
  root: { id: 'LTAI5tRoleRoot0000000001', secret: 'role-secret-root-not-real-000001' },
  dev: { id: 'LTAI5tRoleDev0000000001', secret: 'role-secret-dev-not-real-0000001' },
  auditor: { id: 'LTAI5tRoleAuditor0000001', secret: 'role-secret-auditor-not-real-001' },
  nobody: { id: 'LTAI5tRoleNobody00000001', secret: 'role-secret-nobody-not-real-0001' },
};
const arn = (role: string) => `acs:ram::${ACCOUNT}:role/${role}`;

let n = 0;
async function roleProfile(source: Profile, role: string, extra: Record<string, unknown> = {}): Promise<Profile | undefined> {
  return vscode.commands.executeCommand<Profile | undefined>('alibabaCloud.addProfile', {
    kind: 'RamRole', name: `rp-${role}-${Date.now().toString(36)}-${n++}`, sourceProfileId: source.id, roleArn: arn(role), regionId: 'cn-hangzhou', activate: false, ...extra,
  });
}

const test = (profile: Profile) => vscode.commands.executeCommand<TestCredentialsResult>('alibabaCloud.testCredentials', { profileId: profile.id });
const exportsOf = () => vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID)!.exports!;

describe('role profiles', function () {
  this.timeout(60_000);
  let dev: Profile;
  let auditor: Profile;
  before(async () => {
    dev = await addProfile('rp-src-dev', KEYS.dev.id, KEYS.dev.secret, { regionId: 'cn-hangzhou' });
    auditor = await addProfile('rp-src-auditor', KEYS.auditor.id, KEYS.auditor.secret, { regionId: 'cn-hangzhou' });
  });
  afterEach(() => control('DELETE', 'sts-lifetime'));

  it('assumes the role with the source profile and works with the role\'s permissions', async () => {
    const profile = await roleProfile(dev, 'rp-slb-reader');
    assert.ok(profile?.role, 'a role profile was stored');
    assert.equal(profile.kind, 'RamRole');
    assert.equal(profile.accessKeyId, '', 'it holds no key of its own');
    const result = await test(profile);
    assert.equal(result.ok, true, result.summary);
    assert.equal(result.identity?.identityType, 'AssumedRoleUser');
    assert.match(result.identity?.arn ?? '', /:assumed-role\/rp-slb-reader\//);
    assert.ok(result.sourceCheck?.ok && result.assumeCheck?.ok && result.slbCheck?.ok, 'three stages passed');
    // The RAM view signs with the role: its account line is the role session, and RAM reads work.
    await useProfile(profile);
    const { account } = await accountTree();
    assert.match(String((await item(account)).description), /role session rp-slb-reader\//);
  });

  it('renews before the credentials expire, once for many callers at the same moment', async () => {
    await control('POST', 'sts-lifetime', { seconds: 6 });
    const profile = await roleProfile(dev, 'rp-slb-reader');
    assert.ok(profile);
    const mark = await requestMark();
    const first = await exportsOf().credentialIds(profile.id, 10);
    assert.equal(new Set(first).size, 1, 'one set of credentials for all');
    assert.ok(first[0].startsWith('STS.'));
    assert.equal(count(await actionsSince(mark), 'AssumeRole'), 1, 'one AssumeRole for ten callers');
    // Half of a 6 s life is its renewal point: the next callers get new credentials, again from one AssumeRole.
    await new Promise((r) => setTimeout(r, 3500));
    const mark2 = await requestMark();
    const second = await exportsOf().credentialIds(profile.id, 10);
    assert.equal(new Set(second).size, 1);
    assert.notEqual(second[0], first[0], 'renewed');
    assert.equal(count(await actionsSince(mark2), 'AssumeRole'), 1);
    // Past the first credentials' expiry, the views still work: nothing signs with expired ones.
    await new Promise((r) => setTimeout(r, 3000));
    await useProfile(profile);
    (await ram()).explorer.refresh();
    const { account } = await accountTree();
    assert.match(String((await item(account)).description), /role session rp-slb-reader\//);
  });

  it('follows a three-link chain: key → broker → operator → auditor', async () => {
    const broker = await roleProfile(dev, 'rp-broker');
    const operator = await roleProfile(broker!, 'rp-operator');
    const third = await roleProfile(operator!, 'rp-auditor');
    const result = await test(third!);
    assert.equal(result.assumeCheck?.ok, true, result.summary);
    assert.match(result.identity?.arn ?? '', /:assumed-role\/rp-auditor\//);
  });

  describe('says exactly why a role cannot be assumed', () => {
    const refused = async (source: Profile, role: string, extra: Record<string, unknown> = {}) => {
      const profile = await roleProfile(source, role, extra);
      assert.ok(profile);
      const result = await test(profile);
      assert.equal(result.ok, false);
      assert.equal(result.failedStage, 'assume', result.summary);
      return result;
    };

    it('a root key', async () => {
      const root = await addProfile('rp-src-root', KEYS.root.id, KEYS.root.secret);
      const result = await refused(root, 'rp-open');
      assert.equal(result.roleCause, 'root');
      assert.match(result.summary, /root/);
    });

    it('a role that does not exist', async () => {
      const result = await refused(dev, 'rp-missing');
      assert.equal(result.roleCause, 'unknownRole');
      assert.match(result.summary, /no role named rp-missing/);
    });

    it('a duration above the role\'s maximum, naming the maximum', async () => {
      const result = await refused(auditor, 'rp-slb-reader', { durationSeconds: 7200 });
      assert.equal(result.roleCause, 'duration');
      assert.equal(result.maxSessionDuration, 3600);
    });

    it('a trust policy that does not name the source, with the statement to add', async () => {
      const result = await refused(auditor, 'rp-closed');
      assert.equal(result.roleCause, 'trust');
      assert.ok(result.trustStatement?.includes(`acs:ram::${ACCOUNT}:user/role-auditor`));
      assert.ok(result.actions.includes('copyTrustStatement'));
    });

    it('a missing external ID, and the right one works', async () => {
      const result = await refused(auditor, 'rp-partner');
      assert.equal(result.roleCause, 'externalId');
      const fixed = await roleProfile(auditor, 'rp-partner', { externalId: 'rp-ext-0001' });
      assert.equal((await test(fixed!)).ok, true);
    });

    it('a source without sts:AssumeRole, with the policy that grants it', async () => {
      const nobody = await addProfile('rp-src-nobody', KEYS.nobody.id, KEYS.nobody.secret);
      const result = await refused(nobody, 'rp-open');
      assert.equal(result.roleCause, 'permission');
      assert.equal(result.suggestedPolicy, 'AliyunSTSAssumeRoleAccess');
      assert.ok(result.actions.includes('copyPolicy'));
    });

    it('all three causes when the source may not read RAM', async () => {
      const result = await refused(dev, 'rp-closed');
      assert.equal(result.roleCause, 'unknown');
      assert.match(result.summary, /\(1\).*\(2\).*\(3\)/s);
    });
  });

  it('edits a role profile\'s definition, never into a loop or a key', async () => {
    const first = await roleProfile(dev, 'rp-broker');
    const second = await roleProfile(first!, 'rp-operator');
    const edit = (args: Record<string, unknown>) => vscode.commands.executeCommand<Profile | undefined>('alibabaCloud.editProfile', args);
    const edited = await edit({ profileId: first!.id, durationSeconds: 900, label: 'dev' });
    assert.equal(edited?.role?.durationSeconds, 900);
    assert.equal(edited?.label, 'dev');
    assert.equal(await edit({ profileId: first!.id, sourceProfileId: second!.id }), undefined, 'a chain that comes back to itself');
    assert.equal(await edit({ profileId: first!.id, accessKeySecret: 'x'.repeat(30) }), undefined, 'a role profile holds no key');
    const list = await exportsOf().profiles.list();
    assert.equal(list.find((p) => p.id === first!.id)?.role?.sourceProfileId, dev.id, 'unchanged by the refused edits');
    const after = await test(edited!);
    assert.equal(after.assumeCheck?.ok, true, `still assumes its role after the edit: ${after.summary}`);
    assert.match(after.assumeCheck?.message ?? '', /900/);
  });

  it('refuses bad input with a clear message and stores nothing', async () => {
    const before = (await exportsOf().profiles.list()).length;
    for (const bad of [
      { roleArn: `acs:ram::${ACCOUNT}:user/role-dev` },
      { durationSeconds: 600 },
      { durationSeconds: 50_000 },
      { policy: 'slb:Describe*' },
      { sessionName: 'has space' },
      { sourceProfileId: 'no-such-profile' },
    ]) {
      assert.equal(await roleProfile(dev, 'rp-slb-reader', bad), undefined, JSON.stringify(bad));
    }
    assert.equal((await exportsOf().profiles.list()).length, before);
  });
});
