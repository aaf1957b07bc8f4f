// The aliyun CLI's CloudSSO profiles imported into a real VS Code against the emulator's portal:
// the access token the CLI holds is got here from the portal as the CLI gets it (device
// authorization, approval on the page, token), and written into a CLI config.json.
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportResult } from '../../src/commands/profiles/exportProfile';
import type { ImportReport } from '../../src/commands/profiles/importProfiles';
import type { TestCredentialsResult } from '../../src/commands/testCredentials';
import { activateExtension, emulatorAddress } from './helpers';
import { created, deleteTracked, listProfiles, run } from './profilesFixtures';

/** The directory user, accounts and access configurations of test/integration/seeds/cloudSso-import.mjs. */
const IMPORT_SSO = {
  account: '3900000000000009',
  unassigned: '3900000000000008',
  user: { userName: 'sso-import@corp.example', password: 'it-sso-password-import-not-real' },
  ac: { slb: 'ac-itimpslb0001', ramOnly: 'ac-itimpram0001' },
};

const CLIENT_ID = 'app-vaz16tltdxs96audqf35';
const CACHED = { id: 'STS.NUSsoImpIt000000000001', secret: 'it-sso-imp-cached-sts-secret-not-real', token: 'it-sso-imp-cached-sts-token-not-real' };
const signInUrl = (): string => `http://${emulatorAddress()}/start/login`;

async function portal(pathname: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`http://${emulatorAddress()}${pathname}`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body),
  });
  const json = await response.json() as Record<string, unknown>;
  assert.equal(response.status, 200, `${pathname} answered ${response.status} ${String(json.ErrorCode)}`);
  return json;
}

/** An access token of the import test's directory user, as the aliyun CLI gets one. */
async function cliToken(): Promise<{ token: string; expire: number }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const started = await portal('/device-authorization', { PortalUrl: signInUrl(), ClientId: CLIENT_ID, CodeChallenge: challenge, CodeChallengeMethod: 'S256' });
  const approved = await fetch(`http://${emulatorAddress()}/device/approve`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_code: String(started.UserCode), user_name: IMPORT_SSO.user.userName, password: IMPORT_SSO.user.password }).toString(),
  });
  await approved.text();
  assert.equal(approved.status, 200, 'the approval page refused');
  const issued = await portal('/token', { CodeVerifier: verifier, ClientId: CLIENT_ID, DeviceCode: started.DeviceCode, GrantType: 'urn:ietf:params:oauth:grant-type:device_code' });
  return { token: String(issued.AccessToken), expire: Math.floor(Date.now() / 1000) + Number(issued.ExpiresIn) };
}

/** A CLI CloudSSO profile as `aliyun configure --mode CloudSSO` leaves it, with its cached STS credentials. */
function cliProfile(name: string, token: { token: string; expire: number } | undefined, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name, mode: 'CloudSSO', cloud_sso_sign_in_url: signInUrl(),
    ...(token ? { access_token: token.token, cloud_sso_access_token_expire: token.expire } : {}),
    cloud_sso_account_id: IMPORT_SSO.account, cloud_sso_access_config: IMPORT_SSO.ac.slb,
    access_key_id: CACHED.id, access_key_secret: CACHED.secret, sts_token: CACHED.token, sts_expiration: Math.floor(Date.now() / 1000) + 3000,
    region_id: 'cn-hangzhou', output_format: 'json', language: 'en', ...over,
  };
}

let dir: string;
let counter = 0;
/** A config.json of these profiles (plus an AK one, untouched by everything here), in a fresh folder. */
function writeConfig(...profiles: Array<Record<string, unknown>>): string {
  const file = path.join(dir, `config-${counter++}.json`);
  const ak = { name: 'it-sso-imp-ak', mode: 'AK', access_key_id: 'LTAI5tSsoImpAk0000000001', access_key_secret: 'it-sso-imp-ak-secret-not-real', region_id: 'cn-hangzhou' };
  fs.writeFileSync(file, JSON.stringify({ current: 'it-sso-imp-ak', profiles: [ak, ...profiles], meta_path: '' }, null, '\t') + '\n', { mode: 0o600 });
  return file;
}

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}`;

async function importCli(file: string, select: string[], extra: Record<string, unknown> = {}): Promise<ImportReport> {
  const report = await run<ImportReport>('importProfiles', { source: 'aliyun-cli', path: file, select, confirm: true, ...extra });
  assert.ok(report, 'the import failed');
  report.imported.forEach((i) => created.add(i.profileId));
  return report;
}

const testCredentials = (profileId: string) => run<TestCredentialsResult>('testCredentials', { profileId }) as Thenable<TestCredentialsResult>;

async function registered(...ids: string[]): Promise<boolean> {
  const commands = await vscode.commands.getCommands(true);
  return ids.every((id) => commands.includes(id));
}

/** No sign-in for the emulator's directory in this window: each test brings the one it means. */
async function signOut(): Promise<void> {
  await vscode.commands.executeCommand('alibabaCloud.cloudSso.signOut', { signInUrl: signInUrl() });
}

describe('CloudSSO import', () => {
  before(async () => {
    await activateExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sso-import-it-'));
  });
  afterEach(async () => {
    await deleteTracked();
    await signOut();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('the aliyun CLI\'s CloudSSO profiles', () => {

    it('imports a CloudSSO profile with the CLI\'s sign-in: it works without signing in, and the file stays as it was', async () => {
      await signOut();
      const name = unique('it-sso-imp');
      const token = await cliToken();
      const file = writeConfig(cliProfile(name, token));
      const before = fs.readFileSync(file, 'utf8');
      const report = await importCli(file, [name]);
      const found = report.found.find((f) => f.name === name);
      assert.deepEqual([found?.kind, found?.accountId, found?.accessConfigurationId, found?.token, found?.signInUrl], ['CloudSSO', IMPORT_SSO.account, IMPORT_SSO.ac.slb, 'valid', signInUrl()]);
      assert.deepEqual(report.signIns.map((s) => [s.signInUrl, s.outcome]), [[signInUrl(), 'saved']]);
      assert.ok(!JSON.stringify(report).includes(CACHED.secret) && !JSON.stringify(report).includes(token.token), 'the report carries a secret');
      const profile = (await listProfiles()).find((p) => p.id === report.imported[0]?.profileId);
      assert.deepEqual([profile?.kind, profile?.accessKeyId, profile?.source, profile?.sso?.accountId, profile?.sso?.accessConfigurationId],
        ['CloudSSO', '', `aliyun-cli:${name}`, IMPORT_SSO.account, IMPORT_SSO.ac.slb]);

      const result = await testCredentials(report.imported[0].profileId);
      assert.equal(result.ok, true, result.summary);
      assert.equal(result.identity?.identityType, 'AssumedRoleUser');
      assert.equal(result.identity?.accountId, IMPORT_SSO.account);
      assert.match(result.summary, /Signed in to CloudSSO at 127\.0\.0\.1:\d+ until/);
      assert.match(result.summary, new RegExp(`CloudSSO gives credentials for account ${IMPORT_SSO.account} with access configuration ${IMPORT_SSO.ac.slb}`));
      assert.match(result.summary, /role session AliyunReservedSSO-ImportSlbReader\/sso-import@corp\.example/);
      assert.match(result.summary, /SLB works: \d+ regions, 1 load balancers in cn-hangzhou/);
      assert.equal(fs.readFileSync(file, 'utf8'), before, 'the file changed without being asked');

      const again = await importCli(file, [name], { conflict: 'rename' });
      assert.deepEqual(again.imported, [], 'the same profile was imported twice');
      assert.match(again.skipped[0]?.reason ?? '', /signs in to this account with this access configuration already/);
      assert.equal((await listProfiles()).filter((p) => p.sso?.accountId === IMPORT_SSO.account && p.sso.accessConfigurationId === IMPORT_SSO.ac.slb).length, 1);
    });

    it('with removal the file no longer holds the token or the cached STS secret; everything else stays', async () => {
      await signOut();
      const name = unique('it-sso-rm');
      const other = unique('it-sso-keep');
      const token = await cliToken();
      const file = writeConfig(cliProfile(name, token), cliProfile(other, token, { cloud_sso_access_config: IMPORT_SSO.ac.ramOnly }));
      fs.chmodSync(file, 0o640);
      const before = JSON.parse(fs.readFileSync(file, 'utf8'));
      const report = await importCli(file, [name], { removeSecretsFromSource: true });
      assert.equal(report.secretsRemoved, 1);
      const text = fs.readFileSync(file, 'utf8');
      const after = JSON.parse(text);
      const kept = { ...before.profiles[1] };
      for (const field of ['access_token', 'cloud_sso_access_token_expire', 'access_key_secret', 'sts_token', 'sts_expiration']) {
        delete kept[field];
      }
      assert.deepEqual(after.profiles[1], kept);
      assert.deepEqual(after.profiles[0], before.profiles[0], 'the AK profile changed');
      assert.deepEqual(after.profiles[2], before.profiles[2], 'a CloudSSO profile that was not imported changed');
      assert.equal(after.current, before.current);
      assert.equal(text.split(token.token).length, 2, 'the token is left once: in the profile that was not imported');
      assert.equal(fs.statSync(file).mode & 0o777, 0o640, 'the file mode changed');
      const result = await testCredentials(report.imported[0].profileId);
      assert.equal(result.ok, true, `the sign-in in secret storage does not work: ${result.summary}`);
    });

    it('exports a CloudSSO profile to the CLI without the token: it reads back as the same profile', async () => {
      await signOut();
      const name = unique('it-sso-exp');
      const report = await importCli(writeConfig(cliProfile(name, await cliToken())), [name]);
      const target = path.join(dir, `export-${counter++}.json`);
      const exported = await run<ExportResult>('exportProfile', { profileId: report.imported[0].profileId, path: target, cliProfileName: 'sso-exported', confirm: true });
      assert.equal(exported?.cliProfileName, 'sso-exported');
      const [written] = JSON.parse(fs.readFileSync(target, 'utf8')).profiles;
      assert.deepEqual(written, {
        name: 'sso-exported', mode: 'CloudSSO', cloud_sso_sign_in_url: signInUrl(), cloud_sso_account_id: IMPORT_SSO.account,
        cloud_sso_access_config: IMPORT_SSO.ac.slb, region_id: 'cn-hangzhou', output_format: 'json', language: 'en',
      });
      assert.equal(fs.statSync(target).mode & 0o777, 0o600);
    });
  });

  describe('CloudSSO diagnosis: Test Credentials names the failing step and the fix', () => {

    it('an ended sign-in: nothing is imported of it, the test stops at the sign-in and offers Sign In Again', async () => {
      await signOut();
      const name = unique('it-sso-ended');
      const ended = { token: 'it-sso-imp-ended-token-not-real', expire: Math.floor(Date.now() / 1000) - 60 };
      const report = await importCli(writeConfig(cliProfile(name, ended)), [name]);
      assert.equal(report.found.find((f) => f.name === name)?.token, 'expired');
      assert.deepEqual(report.signIns, []);
      const result = await testCredentials(report.imported[0].profileId);
      assert.equal(result.ok, false);
      assert.deepEqual([result.failedStage, result.cloudSsoCause], ['signIn', 'signInExpired']);
      assert.match(result.summary, /You are not signed in to CloudSSO at 127\.0\.0\.1:\d+ on this computer\. Sign In Again/);
      const sso = await registered('alibabaCloud.cloudSso.signInAgain', 'alibabaCloud.cloudSso.switch');
      assert.deepEqual(result.actions, sso ? ['signInAgain', 'showLog'] : ['showLog']);
    });

    it('a token the portal no longer accepts: the credentials step fails as an ended sign-in', async () => {
      await signOut();
      const name = unique('it-sso-revoked');
      const revoked = { token: 'it-sso-imp-revoked-token-not-real', expire: Math.floor(Date.now() / 1000) + 3600 };
      const report = await importCli(writeConfig(cliProfile(name, revoked)), [name]);
      assert.deepEqual(report.signIns.map((s) => s.outcome), ['saved']);
      const result = await testCredentials(report.imported[0].profileId);
      assert.deepEqual([result.ok, result.failedStage, result.cloudSsoCause], [false, 'cloudSso', 'signInExpired'], result.summary);
      assert.equal(result.signInCheck?.ok, true);
      assert.match(result.summary, /Sign In Again/);
      assert.ok(!result.summary.includes(revoked.token), 'the token is in the summary');
    });

    it('an account the person is not assigned to: names it and offers Switch CloudSSO Account…', async () => {
      await signOut();
      const name = unique('it-sso-unassigned');
      const report = await importCli(writeConfig(cliProfile(name, await cliToken(), { cloud_sso_account_id: IMPORT_SSO.unassigned })), [name]);
      const result = await testCredentials(report.imported[0].profileId);
      assert.deepEqual([result.ok, result.failedStage, result.cloudSsoCause, result.cloudSsoStep], [false, 'cloudSso', 'notAssigned', 'cloud-credentials'], result.summary);
      assert.match(result.summary, /you are not assigned to this account or access configuration/);
      assert.match(result.summary, new RegExp(`This profile uses account ${IMPORT_SSO.unassigned} with access configuration ${IMPORT_SSO.ac.slb}\\. Switch CloudSSO Account…`));
      const sso = await registered('alibabaCloud.cloudSso.signInAgain', 'alibabaCloud.cloudSso.switch');
      assert.equal(result.actions[0], sso ? 'switchCloudSso' : (await registered('alibabaCloud.editProfile')) ? 'editProfile' : 'showLog');
    });

    it('an access configuration without SLB permission: names the policy it would need', async () => {
      await signOut();
      const name = unique('it-sso-ramonly');
      const report = await importCli(writeConfig(cliProfile(name, await cliToken(), { cloud_sso_access_config: IMPORT_SSO.ac.ramOnly })), [name]);
      const result = await testCredentials(report.imported[0].profileId);
      assert.deepEqual([result.ok, result.failedStage, result.failureKind, result.cloudSsoCheck?.ok], [false, 'slb', 'noPermission', true], result.summary);
      assert.equal(result.suggestedPolicy, 'AliyunSLBReadOnlyAccess');
      assert.match(result.summary, new RegExp(`Access configuration ${IMPORT_SSO.ac.ramOnly} does not allow slb:DescribeRegions in account ${IMPORT_SSO.account}\\. A CloudSSO administrator adds the system policy AliyunSLBReadOnlyAccess`));
      assert.equal(result.actions[0], 'copyPolicy');
    });
  });
});
