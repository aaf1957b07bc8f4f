// CloudSSO sign-in when it does not work, in the real VS Code against the emulator's portal: denied
// on the page, the code expired, an account the person is not assigned to (403), the portal asking
// to slow down, a portal that is down, and a sign-in URL refused before anything is sent. Each is
// said plainly (the command's error, as logged), and nothing is stored.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';
import { activateExtension, control } from './helpers';
import { decide, knownCodes, newCode, signingIn, signInUrl, SSO } from './cloudSsoFixtures';
import { eventually, listProfiles, logText } from './profilesFixtures';
import { actionsSince, count, requestMark } from './ramFixtures';

const SIGN_IN = 'alibabaCloud.cloudSso.signIn';

/** The line the command wrapper logged for the sign-in's error, once it is in the log file. */
async function loggedError(pattern: RegExp): Promise<string> {
  return eventually(`a sign-in error matching ${pattern} in the log`, async () => (await logText()).split('\n').find((l) => l.includes(`[${SIGN_IN}]`) && pattern.test(l)), 10_000);
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('CloudSSO sign-in errors', function () {
  this.timeout(60_000);
  let before: Profile[];

  beforeEach(async () => {
    await activateExtension();
    before = await listProfiles();
  });

  afterEach(async () => {
    await control('DELETE', 'cloudsso/timing');
  });

  const nothingAdded = async () => assert.deepEqual((await listProfiles()).map((p) => p.id), before.map((p) => p.id), 'no profile was added');

  it('says so when the sign-in is denied on the page', async () => {
    const { result, userCode } = await signingIn<Profile>(SIGN_IN, { signInUrl: signInUrl() }, 'deny');
    assert.equal(result, undefined);
    await loggedError(new RegExp(`sign-in with code ${userCode} was denied in the browser\\. Nothing was saved`));
    await nothingAdded();
  });

  it('says so when the code expires before anyone approves it', async () => {
    await control('POST', 'cloudsso/timing', { deviceCodeSeconds: 3 });
    const { result, userCode } = await signingIn<Profile>(SIGN_IN, { signInUrl: signInUrl() }, 'none');
    assert.equal(result, undefined);
    await loggedError(new RegExp(`The code ${userCode} expired before it was approved`));
    await nothingAdded();
  });

  it('an account the person is not assigned to: the portal\'s refusal (403), no profile', async () => {
    const mark = await requestMark();
    const { result } = await signingIn<Profile>(SIGN_IN, { signInUrl: signInUrl(), accountId: SSO.accounts.other, accessConfigurationId: SSO.ac.readOnly });
    assert.equal(result, undefined);
    const line = await loggedError(/not assigned/);
    assert.match(line, /access configuration|account/);
    const log = await control('GET', `requests?since=${mark}`) as { requests: Array<{ action: string; status: number }> };
    assert.ok(log.requests.some((r) => r.action === 'CloudSSO.ListAccessConfigurations' && r.status === 403), 'the portal said 403');
    await nothingAdded();
  });

  it('slows down when the portal asks, and still signs in', async () => {
    const known = await knownCodes();
    const mark = await requestMark();
    const running = vscode.commands.executeCommand<Profile>(SIGN_IN, { signInUrl: signInUrl(), accountId: SSO.accounts.sandbox, openBrowser: false, name: `sso-slow-${Date.now().toString(36)}` });
    const userCode = await newCode(known);
    // The extension was told to poll every second; the portal now wants three.
    await control('POST', 'cloudsso/timing', { intervalSeconds: 3 });
    const polls = async () => ((await control('GET', `requests?since=${mark}`)) as { requests: Array<{ action: string; code: string; time: string }> })
      .requests.filter((r) => r.action === 'CloudSSO.CreateAccessToken');
    await eventually('a SlowDown answer', async () => ((await polls()).some((p) => p.code === 'SlowDown') ? true : undefined), 15_000);
    assert.equal(await decide(userCode, 'approve'), 200);
    const profile = await running;
    assert.ok(profile?.sso, 'signed in after slowing down');
    const seen = await polls();
    const slowAt = seen.findIndex((p) => p.code === 'SlowDown');
    assert.ok(slowAt >= 0 && slowAt < seen.length - 1, 'polled again after SlowDown');
    const gap = Date.parse(seen[slowAt + 1].time) - Date.parse(seen[slowAt].time);
    assert.ok(gap >= 4000, `waited longer after SlowDown (${gap} ms)`);
    assert.equal(seen.filter((p) => p.code === 'SlowDown').length, 1, 'one SlowDown was enough');
    await vscode.commands.executeCommand('alibabaCloud.deleteProfile', { profileId: profile.id, confirm: true });
  });

  it('says the portal cannot be reached when it is down, and stores nothing', async () => {
    const port = await closedPort();
    const result = await vscode.commands.executeCommand<Profile>(SIGN_IN, { signInUrl: `http://127.0.0.1:${port}/start/login`, openBrowser: false });
    assert.equal(result, undefined);
    await loggedError(new RegExp(`The CloudSSO portal 127\\.0\\.0\\.1:${port} cannot be reached`));
    await nothingAdded();
  });

  it('refuses a plain-http sign-in URL to another computer before sending anything', async () => {
    const mark = await requestMark();
    const result = await vscode.commands.executeCommand<Profile>(SIGN_IN, { signInUrl: 'http://signin-cn-shanghai.alibabacloudsso.com/start/login', openBrowser: false });
    assert.equal(result, undefined);
    await loggedError(/must start with https:\/\//);
    assert.equal(count(await actionsSince(mark), 'CloudSSO.DeviceAuthorization'), 0, 'nothing was sent');
    await nothingAdded();
  });
});
