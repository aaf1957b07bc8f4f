// Role profiles imported from the aliyun CLI and the credentials file, exported back as
// ChainableRamRoleArn and imported again, and a source key rotated under its role profiles, all
// against the emulator's STS (seed part seeds/roles-import.json).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CredentialTestResult } from '../../src/credentials/credentialCheck';
import type { RotationResult } from '../../src/credentials/keys/rotationTypes';
import type { Profile } from '../../src/credentials/profile';
import type { ExportResult } from '../../src/commands/profiles/exportProfile';
import type { ImportReport } from '../../src/commands/profiles/importProfiles';
import { maskAccessKeyId } from '../../src/util/mask';
import { activateExtension, control } from './helpers';
import { copyFixtures, listProfiles, removeTemp, run, uniqueName } from './profilesFixtures';
import { ram } from './ramFixtures';
import { lastSeq, requestsSince } from './slbFixtures';

export const roleImport = {
  accountId: '3400000000000004',
  dev: { id: 'LTAI5tRoleImpDev00000001', secret: 'roleimp-secret-dev-not-real-0001' },
  rotor: { id: 'LTAI5tRoleImpRotor000001', secret: 'roleimp-secret-rotor-not-real-01' },
};
const ARN = (role: string) => `acs:ram::${roleImport.accountId}:role/${role}`;

/** Profiles made here, removed after each test: role profiles first, then their sources. */
const made: string[] = [];
const keep = (...ids: string[]) => made.push(...ids);
async function removeMade(): Promise<void> {
  const all = await listProfiles();
  const ordered = [...made].sort((a, b) => Number(all.find((p) => p.id === b)?.kind === 'RamRole') - Number(all.find((p) => p.id === a)?.kind === 'RamRole'));
  for (const id of ordered) {
    await run('deleteProfile', { profileId: id, confirm: true });
  }
  made.length = 0;
}

async function importFrom(args: Record<string, unknown>): Promise<ImportReport> {
  const report = await run<ImportReport>('importProfiles', { confirm: true, ...args });
  assert.ok(report, 'the import failed');
  keep(...report.imported.map((i) => i.profileId));
  return report;
}

async function addKey(prefix: string, key: { id: string; secret: string }): Promise<Profile> {
  const profile = await run<Profile>('addProfile', { name: uniqueName(prefix), accessKeyId: key.id, accessKeySecret: key.secret, regionId: 'cn-hangzhou', activate: false });
  assert.ok(profile);
  keep(profile.id);
  return profile;
}

async function addRole(name: string, source: Profile, role: string, extra: Record<string, unknown> = {}): Promise<Profile> {
  const profile = await run<Profile>('addProfile', { kind: 'RamRole', name, sourceProfileId: source.id, roleArn: ARN(role), activate: false, ...extra });
  assert.ok(profile?.role, `role profile ${name} was not added`);
  keep(profile.id);
  return profile;
}

const byId = async (id: string) => (await listProfiles()).find((p) => p.id === id) as Profile;
/** Without the members that are undefined, as stored. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Tests the profile and says which role session it signed in as. */
async function assumed(profile: Profile): Promise<string> {
  const result = await run<CredentialTestResult>('testCredentials', { profileId: profile.id });
  assert.equal(result?.identity?.identityType, 'AssumedRoleUser', `"${profile.name}" did not assume its role: ${result?.summary}`);
  return (result.identity.arn ?? '').replace(/^acs:ram::\d+:assumed-role\//, '');
}

describe('Profiles: role profiles imported, exported and rotated', function () {
  this.timeout(60_000);
  let dir: string;
  const file = (...parts: string[]) => path.join(dir, ...parts);
  before(activateExtension);
  beforeEach(() => {
    dir = copyFixtures();
  });
  afterEach(async () => {
    removeTemp(dir);
    await removeMade();
    await control('DELETE', 'sts-lifetime');
  });

  it('imports RamRoleArn and ChainableRamRoleArn profiles from the aliyun CLI, in any order, and they assume their roles', async () => {
    const config = file('roles', 'config.json');
    const before = fs.readFileSync(config);
    const report = await importFrom({ source: 'aliyun-cli', path: config, select: ['audit'], conflict: 'rename' });
    // "audit" is listed before its source "deploy", whose key becomes a profile of its own.
    assert.deepEqual(report.imported.map((i) => [i.name, i.from]), [['audit', 'audit'], ['deploy (key)', 'deploy'], ['deploy', 'deploy']]);
    assert.deepEqual(report.notImportable.map((n) => n.name), ['loop-a', 'loop-b', 'orphan', 'user-arn', 'too-long', 'on-ecs-source', 'ecs']);
    assert.deepEqual(plain(report.found.find((f) => f.name === 'audit')), { name: 'audit', kind: 'RamRole', accessKeyId: '', regionId: 'cn-shanghai', role: ARN('ri-auditor'), sourceProfile: 'deploy' });
    const [audit, key, deploy] = await Promise.all(report.imported.map((i) => byId(i.profileId)));
    assert.deepEqual(plain(audit.role), { roleArn: ARN('ri-auditor'), sourceProfileId: deploy.id, sessionName: 'audit-session', durationSeconds: 1800, externalId: 'ri-ext-123' });
    assert.deepEqual([deploy.role?.sourceProfileId, deploy.role?.durationSeconds, key.kind, key.accessKeyId], [key.id, 900, 'AccessKey', roleImport.dev.id]);
    assert.deepEqual([audit.accessKeyId, audit.source, audit.regionId], ['', 'aliyun-cli:audit', 'cn-shanghai']);
    assert.equal(await assumed(audit), 'ri-auditor/audit-session', 'the chain key → ri-deployer → ri-auditor works, external id included');
    assert.equal(await assumed(deploy), 'ri-deployer/deploy-session');
    assert.ok(fs.readFileSync(config).equals(before), 'the file changed without being asked');
  });

  it('a key-plus-role entry reuses the profile that already holds its key', async () => {
    const mine = await addKey('ri-mine', roleImport.dev);
    const report = await importFrom({ source: 'aliyun-cli', path: file('roles', 'config.json'), select: ['deploy'], conflict: 'rename' });
    assert.deepEqual(report.imported.map((i) => i.name), ['deploy']);
    assert.equal((await byId(report.imported[0].profileId)).role?.sourceProfileId, mine.id);
    assert.equal((await listProfiles()).filter((p) => p.accessKeyId === roleImport.dev.id).length, 1, 'a second copy of the key was stored');
  });

  it('imports type = ram_role_arn from the credentials file with its session policy, and refuses a bad one storing nothing', async () => {
    const report = await importFrom({ source: 'credentials-file', path: file('roles', 'credentials'), select: 'all', conflict: 'rename' });
    assert.deepEqual(report.imported.map((i) => i.name), ['ri-ini (key)', 'ri-ini']);
    assert.deepEqual(report.notImportable.map((n) => [n.name, n.mode]), [['bad-policy', 'ram_role_arn']]);
    assert.match(report.notImportable[0].reason, /^its policy is not valid\. The session policy is not JSON/);
    const role = await byId(report.imported[1].profileId);
    assert.equal(role.role?.policy, '{"Version":"1","Statement":[{"Effect":"Allow","Action":"slb:Describe*","Resource":"*"}]}');
    assert.equal(await assumed(role), 'ri-deployer/ini-session');
    assert.ok(!(await listProfiles()).some((p) => p.name.startsWith('bad-policy')), 'the bad entry stored something');
  });

  it('refuses loops, missing sources, other ARNs and durations out of range with a clear reason, storing nothing', async () => {
    const before = (await listProfiles()).map((p) => p.id);
    const report = await importFrom({ source: 'aliyun-cli', path: file('roles', 'config.json'), select: ['loop-a', 'orphan', 'user-arn', 'too-long'], conflict: 'replace' });
    assert.deepEqual(report.imported, []);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.name, s.reason]));
    assert.match(reasons['loop-a'], /go round in a loop \(loop-a → loop-b → loop-a\)/);
    assert.match(reasons.orphan, /its source profile "gone" is not in the file/);
    assert.match(reasons['user-arn'], /its ram_role_arn is not valid\. A role ARN looks like/);
    assert.match(reasons['too-long'], /its expired_seconds is 86400\./);
    assert.deepEqual((await listProfiles()).map((p) => p.id), before);
  });

  it('exports a role profile as ChainableRamRoleArn with its sources, and imports it back', async () => {
    const dev = await addKey('ri-dev', roleImport.dev);
    const deploy = await addRole(uniqueName('ri-deploy'), dev, 'ri-deployer', { sessionName: 'deploy-session', durationSeconds: 900, regionId: 'cn-hangzhou' });
    const audit = await addRole(uniqueName('ri-audit'), deploy, 'ri-auditor', { sessionName: 'audit-session', durationSeconds: 1800, externalId: 'ri-ext-123', regionId: 'cn-shanghai' });
    const target = file('new-home', '.aliyun', 'config.json');
    const result = await run<ExportResult>('exportProfile', { profileId: audit.id, path: target, cliProfileName: 'audit', confirm: true });
    assert.deepEqual(result?.sources, [
      { profileName: deploy.name, cliProfileName: deploy.name, action: 'add' },
      { profileName: dev.name, cliProfileName: dev.name, action: 'add' },
    ]);
    assert.equal(fs.statSync(target).mode & 0o777, 0o600);
    const text = fs.readFileSync(target, 'utf8');
    assert.equal(text.split(roleImport.dev.secret).length, 2, 'the secret is written once');
    const written = JSON.parse(text).profiles;
    assert.deepEqual(written.map((p: Record<string, unknown>) => [p.name, p.mode, p.source_profile ?? '']), [
      ['audit', 'ChainableRamRoleArn', deploy.name], [deploy.name, 'ChainableRamRoleArn', dev.name], [dev.name, 'AK', ''],
    ]);
    assert.deepEqual([written[0].ram_role_arn, written[0].ram_session_name, written[0].expired_seconds, written[0].external_id], [ARN('ri-auditor'), 'audit-session', 1800, 'ri-ext-123']);

    // Back in: the chain comes along, and the key is the profile that holds it already.
    const report = await importFrom({ source: 'aliyun-cli', path: target, select: ['audit'], conflict: 'rename' });
    assert.deepEqual(report.imported.map((i) => [i.name, i.from]), [['audit', 'audit'], [`${deploy.name} (2)`, deploy.name]]);
    const [again, deployAgain] = await Promise.all(report.imported.map((i) => byId(i.profileId)));
    assert.deepEqual(plain(again.role), plain({ ...audit.role, sourceProfileId: deployAgain.id }));
    assert.deepEqual(plain(deployAgain.role), plain(deploy.role), 'the same role, assumed with the same key profile');
    assert.equal(await assumed(again), 'ri-auditor/audit-session');

    // A second export finds everything it needs in the CLI already: no secret is written again.
    const second = await run<ExportResult>('exportProfile', { profileId: again.id, path: target, cliProfileName: 'audit-2', confirm: true });
    assert.deepEqual(second?.sources, [{ profileName: deployAgain.name, cliProfileName: deploy.name, action: 'reused' }]);
    assert.equal(fs.readFileSync(target, 'utf8').split(roleImport.dev.secret).length, 2);
  });

  it('rotating the key at the end of a chain keeps its role profiles working', async () => {
    // Short lives, so the role profiles assume their roles again after the rotation.
    await control('POST', 'sts-lifetime', { seconds: 4 });
    const rotor = await addKey('ri-rotor', roleImport.rotor);
    const deploy = await addRole(uniqueName('ri-rot-deploy'), rotor, 'ri-deployer', { sessionName: 'rot-deploy', regionId: 'cn-hangzhou' });
    const audit = await addRole(uniqueName('ri-rot-audit'), deploy, 'ri-auditor', { sessionName: 'rot-audit', externalId: 'ri-ext-123', regionId: 'cn-hangzhou' });
    assert.equal(await assumed(audit), 'ri-auditor/rot-audit');
    const model = (await ram()).explorer.model;
    assert.deepEqual((await model.holdersOf(roleImport.rotor.id)).map((h) => [h.profile.id, h.via.map((p) => p.id)]), [
      [rotor.id, []], [deploy.id, [rotor.id]], [audit.id, [deploy.id, rotor.id]],
    ], 'the role profiles use the key through their sources');

    // Rotate from the role profile: the key its chain ends at is the one replaced.
    const result = await vscode.commands.executeCommand<RotationResult>('alibabaCloud.ram.rotateAccessKey', { profileId: audit.id, confirm: true, verifyAttempts: 2, verifyDelayMs: 50 });
    assert.equal(result?.status, 'done');
    assert.deepEqual([result.profileId, result.oldAccessKeyId], [rotor.id, roleImport.rotor.id]);
    assert.equal((await byId(rotor.id)).accessKeyId, result.newAccessKeyId);
    assert.deepEqual([(await byId(deploy.id)).role?.sourceProfileId, (await byId(audit.id)).role?.sourceProfileId], [rotor.id, deploy.id], 'the role profiles name their sources by id');
    assert.deepEqual(await model.holdersOf(roleImport.rotor.id), [], 'nothing uses the old key');
    assert.deepEqual((await model.holdersOf(result.newAccessKeyId)).map((h) => h.profile.id), [rotor.id, deploy.id, audit.id]);

    await new Promise((r) => setTimeout(r, 2500)); // past the renewal point of credentials from before
    const mark = await lastSeq();
    assert.equal(await assumed(deploy), 'ri-deployer/rot-deploy');
    assert.equal(await assumed(audit), 'ri-auditor/rot-audit');
    const assumes = (await requestsSince(mark)).filter((r) => r.action === 'AssumeRole');
    assert.ok(assumes.some((r) => r.accessKeyId === maskAccessKeyId(result.newAccessKeyId) && r.code === 'OK'), `no AssumeRole with the new key: ${JSON.stringify(assumes)}`);
    assert.ok(assumes.every((r) => r.code === 'OK'), `an AssumeRole failed: ${JSON.stringify(assumes)}`);
  });
});
