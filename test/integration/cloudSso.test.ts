// CloudSSO sign-in in the real VS Code against the emulator's portal: the device sign-in approved on
// the portal's page, every page of accounts and access configurations, a CloudSSO profile that signs
// RAM and SLB calls, switching without signing in again, renewal across an expiry, the end of the
// sign-in (nothing sent with an ended token; Sign In Again fixes it), and a program in a terminal
// served through the credentials endpoint. The runner's final scan then looks for the token on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';
import type { ExtensionExports } from '../../src/extension';
import type { TerminalEnvironmentState } from '../../src/credentials/terminalEnvironment';
import { activateExtension, control, EXTENSION_ID } from './helpers';
import { emulatorSecrets, signIn, signingIn, signInUrl, SSO, stsOwner } from './cloudSsoFixtures';
import { eventually, logText } from './profilesFixtures';
import { accountTree, actionsSince, childByLabel, count, requestMark, useProfile, waitFor } from './ramFixtures';
import { children as slbChildren } from './slbFixtures';

const exportsOf = () => vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID)!.exports!;
const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`alibabaCloud.${command}`, ...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const portalCalls = (actions: string[]) => actions.filter((a) => a.startsWith('CloudSSO.'));

describe('CloudSSO sign-in', function () {
  this.timeout(90_000);
  let first: Profile;
  const made: Profile[] = [];

  before(async () => {
    await activateExtension();
    // Other suites may have left a sign-in: this one starts from none.
    await run('cloudSso.signOut', { signInUrl: signInUrl() });
  });

  afterEach(async () => {
    await control('DELETE', 'sts-lifetime');
    await control('DELETE', 'cloudsso/timing');
  });

  after(async () => {
    for (const p of made) {
      await run('deleteProfile', { profileId: p.id, confirm: true });
    }
    await run('cloudSso.signOut', { signInUrl: signInUrl() });
  });

  it('signs in through the portal\'s page, reads every page of accounts and access configurations, and makes the profile active', async () => {
    const secretsBefore = new Set(await emulatorSecrets());
    const mark = await requestMark();
    first = await signIn({ accountId: SSO.accounts.prod, accessConfigurationId: SSO.ac.readOnly });
    made.push(first);
    assert.equal(first.kind, 'CloudSSO');
    assert.equal(first.accessKeyId, '', 'a CloudSSO profile holds no key');
    assert.deepEqual(
      { ...first.sso },
      { signInUrl: signInUrl(), accountId: SSO.accounts.prod, accountName: 'SSO Production', accessConfigurationId: SSO.ac.readOnly, accessConfigurationName: 'ReadOnly' },
    );
    assert.equal(first.name, 'SSO Production/ReadOnly');
    assert.equal(first.source, 'cloudsso');
    await waitFor(() => exportsOf().profiles.statusBar.snapshot().text.includes('SSO Production/ReadOnly'), `the status bar shows it: it is active (${exportsOf().profiles.statusBar.snapshot().text})`);

    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'CloudSSO.DeviceAuthorization'), 1);
    assert.equal(count(actions, 'CloudSSO.Approve'), 1);
    // pageSize 1: three accounts take three pages, the three access configurations of the account three more.
    assert.equal(count(actions, 'CloudSSO.ListAccounts'), 3, 'every page of accounts');
    assert.equal(count(actions, 'CloudSSO.ListAccessConfigurations'), 3, 'every page of access configurations');

    // The token the portal issued is nowhere in what the extension shows or logs.
    const issued = (await emulatorSecrets()).filter((s) => !secretsBefore.has(s));
    assert.ok(issued.length >= 1, 'the portal issued an access token');
    const shown = JSON.stringify(await exportsOf().profiles.list()) + await logText();
    assert.deepEqual(issued.filter((s) => shown.includes(s)), [], 'no token in profiles or the log');
  });

  it('signs RAM and SLB calls with the access configuration\'s permissions, in the assigned account', async () => {
    const [id] = await exportsOf().credentialIds(first.id, 1);
    assert.ok(id.startsWith('STS.'), id);
    assert.deepEqual(await stsOwner(id), { accountId: SSO.accounts.prod, roleName: 'AliyunReservedSSO-ReadOnly', roleSessionName: SSO.user.userName });
    await useProfile(first);
    const { users } = await accountTree();
    await childByLabel(users, 'sso-resident-1');
    await waitFor(async () => (await slbChildren())[0]?.id.startsWith(`profile/${first.id}/`) ?? false, 'the Load Balancers view to follow the profile');
    const region = (await slbChildren()).find((n) => n.id.endsWith('/region/cn-hangzhou'));
    assert.ok(region, 'the region of the account\'s load balancer');
    assert.deepEqual((await slbChildren(region)).map((n) => n.id.split('/').pop()), ['lb-sso000000000000001']);
  });

  it('with the sign-in ended, the RAM and Load Balancers views say so in the tree, and a click there signs in again', async () => {
    await useProfile(first);
    await run('cloudSso.signOut', { signInUrl: signInUrl() });
    const ram = exportsOf().ram.explorer.provider;
    const slb = exportsOf().loadBalancers.provider;
    const signInAgainNode = async (provider: typeof ram | typeof slb) => {
      const [root] = (await provider.getChildren()) ?? [];
      const item = root ? await provider.getTreeItem(root) : undefined;
      return item?.command?.command === 'alibabaCloud.cloudSso.signInAgain' ? item : undefined;
    };
    await waitFor(async () => (await signInAgainNode(ram)) !== undefined, 'the RAM view to show the ended sign-in');
    await waitFor(async () => (await signInAgainNode(slb)) !== undefined, 'the Load Balancers view to show the ended sign-in');
    const item = (await signInAgainNode(ram))!;
    assert.match(String(item.label), /sign in again/i, 'the line says what to do');
    assert.deepEqual(item.command?.arguments, [{ signInUrl: signInUrl() }]);

    const { result } = await signingIn<string>('alibabaCloud.cloudSso.signInAgain', item.command!.arguments![0] as Record<string, unknown>);
    assert.equal(result, signInUrl());
    await waitFor(async () => (await ram.getChildren())?.[0]?.id.endsWith('/ram/account') ?? false, 'the RAM view to show the account again');
  });

  it('switches account and access configuration without signing in again: another profile, or this one changed', async () => {
    const mark = await requestMark();
    const sandbox = await run<Profile>('cloudSso.switch', { profileId: first.id, accountId: SSO.accounts.sandbox, accessConfigurationId: SSO.ac.slb, newProfile: true });
    assert.ok(sandbox?.sso);
    made.push(sandbox);
    assert.notEqual(sandbox.id, first.id);
    assert.equal(sandbox.name, 'SSO Sandbox/SlbReader');
    await waitFor(() => exportsOf().profiles.statusBar.snapshot().text.includes('SSO Sandbox/SlbReader'), `the new profile is active (${exportsOf().profiles.statusBar.snapshot().text})`);

    const changed = await run<Profile>('cloudSso.switch', { profileId: first.id, accountId: SSO.accounts.staging, accessConfigurationId: SSO.ac.slb });
    assert.equal(changed?.id, first.id, 'the same profile');
    assert.equal(changed?.sso?.accountId, SSO.accounts.staging);
    assert.equal(changed?.sso?.accessConfigurationId, SSO.ac.slb);
    assert.equal(changed?.name, 'SSO Staging/SlbReader', 'the name we gave follows the switch');

    const actions = await actionsSince(mark);
    assert.equal(count(actions, 'CloudSSO.DeviceAuthorization'), 0, 'no new sign-in');
    assert.equal(count(actions, 'CloudSSO.CreateAccessToken'), 0, 'no new token');
    // The changed profile's credentials are the new account's, not the old ones kept.
    const [id] = await exportsOf().credentialIds(first.id, 1);
    assert.equal((await stsOwner(id))?.accountId, SSO.accounts.staging);
    assert.equal((await stsOwner(id))?.roleName, 'AliyunReservedSSO-SlbReader');
    first = changed!;
  });

  it('renews the temporary credentials before they expire, once for many callers', async () => {
    await control('POST', 'sts-lifetime', { seconds: 6 });
    const admin = await run<Profile>('cloudSso.switch', { profileId: first.id, accountId: SSO.accounts.prod, accessConfigurationId: SSO.ac.admin, newProfile: true });
    assert.ok(admin);
    made.push(admin);
    const mark = await requestMark();
    const before = await exportsOf().credentialIds(admin.id, 8);
    assert.equal(new Set(before).size, 1, 'one set of credentials for all');
    assert.equal(count(await actionsSince(mark), 'CloudSSO.CreateCloudCredential'), 1, 'one portal call for eight callers');
    await sleep(3500);
    const mark2 = await requestMark();
    const after = await exportsOf().credentialIds(admin.id, 8);
    assert.equal(new Set(after).size, 1);
    assert.notEqual(after[0], before[0], 'renewed');
    assert.equal(count(await actionsSince(mark2), 'CloudSSO.CreateCloudCredential'), 1);
  });

  it('when the sign-in ends, sends nothing with the old token and asks to sign in again; Sign In Again brings the profiles back', async () => {
    // A sign-in of 64 s ends for the extension a minute early: a few seconds after it is made.
    await control('POST', 'cloudsso/timing', { accessTokenSeconds: 64 });
    await control('POST', 'sts-lifetime', { seconds: 3 });
    const short = await signIn({ accountId: SSO.accounts.staging, accessConfigurationId: SSO.ac.readOnly });
    made.push(short);
    const [working] = await exportsOf().credentialIds(short.id, 1);
    assert.ok(working.startsWith('STS.'));
    await sleep(4500);
    const mark = await requestMark();
    await assert.rejects(exportsOf().credentialIds(short.id, 1), (error: Error) => {
      assert.equal(error.name, 'SignInExpiredError');
      assert.match(error.message, /sign in again/i);
      return true;
    });
    assert.deepEqual(portalCalls(await actionsSince(mark)), [], 'no request with the ended token');

    // The command error offers Sign In Again (the log keeps the command's message).
    await run('cloudSso.switch', { profileId: short.id, accountId: SSO.accounts.prod, accessConfigurationId: SSO.ac.readOnly });
    await eventually('the ended sign-in in the log', async () => (await logText()).split('\n').find((l) => l.includes('[alibabaCloud.cloudSso.switch]') && /sign in again/i.test(l)));

    await control('DELETE', 'cloudsso/timing');
    const { result } = await signingIn<string>('alibabaCloud.cloudSso.signInAgain', { profileId: short.id });
    assert.equal(result, signInUrl());
    const [renewed] = await exportsOf().credentialIds(short.id, 1);
    assert.ok(renewed.startsWith('STS.'));
    assert.notEqual(renewed, working);
  });

  it('a program in a terminal gets the CloudSSO profile\'s credentials from the credentials endpoint', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-prog-'));
    let terminal: vscode.Terminal | undefined;
    try {
      await run('selectProfile', { profileId: first.id });
      const state = await run<TerminalEnvironmentState>('useInTerminal', { confirm: true, mode: 'endpoint' });
      assert.equal(state?.mode, 'endpoint');
      assert.ok(state?.variables.includes('ALIBABA_CLOUD_CREDENTIALS_URI'));
      // Opened after: new terminals get the variables.
      terminal = vscode.window.createTerminal({ name: 'whoami-sso', shellPath: '/bin/sh', env: { HOME: work } });
      const fixture = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'integration', 'fixtures', 'whoami.js');
      const sts = (vscode.workspace.getConfiguration('alibabaCloud').get<Record<string, string>>('endpoints')?.sts ?? '').replace(/^https?:\/\//, '');
      const out = path.join(work, 'result.json');
      terminal.sendText(`WHOAMI_OUT='${out}' WHOAMI_STS='${sts}' '${process.execPath}' '${fixture}'`);
      const result = await eventually('the program\'s result', () => (fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : undefined), 30_000) as {
        ok: boolean; error?: string; rounds?: Array<{ providerName: string; arn: string; accessKeyId: string }>;
      };
      assert.equal(result.ok, true, result.error);
      const round = result.rounds![0];
      assert.equal(round.providerName, 'default/credential_uri');
      assert.match(round.arn, new RegExp(`^acs:ram::${SSO.accounts.staging}:assumed-role/AliyunReservedSSO-SlbReader/`));
      assert.ok(round.accessKeyId.startsWith('STS.'));
    } finally {
      terminal?.dispose();
      await run('programs.stopServing');
      await run('stopUsingInTerminal');
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
