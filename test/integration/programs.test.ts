// Credentials for the person's programs, in the real VS Code against the emulator: a Node program
// with the SDKs' default chain (test/integration/fixtures/whoami.js) run in a terminal, as a task
// and under the JavaScript debugger gets the role's identity from STS GetCallerIdentity, across a
// renewal, with the CLI config and the credentials file populated and keys in the environment;
// strangers get 404/405; an AccessKey profile is served only through a chosen role; after Stop
// Serving a fresh program fails cleanly. The runner's secret scan then finds no served secret.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';
import type { ServingState } from '../../src/credentials/serving/programServing';
import type { TerminalEnvironmentState } from '../../src/credentials/terminalEnvironment';
import { activateExtension, addProfile, control, EXTENSION_ID } from './helpers';
import { eventually } from './profilesFixtures';

const DEV = { id: 'LTAI5tRoleDev0000000001', secret: 'role-secret-dev-not-real-0000001' };
const ROLE_ARN = 'acs:ram::3600000000000006:role/rp-slb-reader';
const ASSUMED = /^acs:ram::3600000000000006:assumed-role\/rp-slb-reader\//;
/** Short-lived role credentials: renewed every few seconds, so one program run crosses a renewal. */
const LIFETIME_S = 8;

interface Result {
  ok: boolean;
  uri: boolean;
  regionId?: string;
  error?: string;
  rounds?: Array<{ accessKeyId: string; providerName: string; arn: string; identityType: string }>;
  withSecret?: number; root?: number; wrongSecret?: number; post?: number; del?: number; otherHost?: number;
}

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(`alibabaCloud.${command}`, ...args);

describe('credentials for your programs', function () {
  this.timeout(120_000);
  let work: string;
  let fixture: string;
  let sts: string;
  let dev: Profile;
  let role: Profile;
  let runs = 0;
  const terminals: vscode.Terminal[] = [];

  /** A HOME where the aliyun CLI and the SDKs' credentials file name other keys (not the seed's: the final scan looks for those). */
  function populatedHome(): string {
    const home = path.join(work, 'home');
    fs.mkdirSync(path.join(home, '.aliyun'), { recursive: true });
    fs.writeFileSync(path.join(home, '.aliyun', 'config.json'), JSON.stringify({
      current: 'default', profiles: [{ name: 'default', mode: 'AK', access_key_id: 'LTAI5tDecoyCliConfig0001', access_key_secret: 'decoy-cli-secret-not-in-seed', region_id: 'cn-hangzhou' }],
    }));
    fs.mkdirSync(path.join(home, '.alibabacloud'), { recursive: true });
    fs.writeFileSync(path.join(home, '.alibabacloud', 'credentials'), '[default]\ntype = access_key\naccess_key_id = LTAI5tDecoyCredsFile0001\naccess_key_secret = decoy-file-secret-not-in-seed\n');
    return home;
  }

  /** What a person's terminal may carry before we touch it: keys in the shell, that HOME. */
  const baseEnv = () => ({
    HOME: path.join(work, 'home'),
    WHOAMI_STS: sts,
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tDecoyShell00000001',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'decoy-shell-secret-not-in-seed',
  });

  function openTerminal(name: string): vscode.Terminal {
    const terminal = vscode.window.createTerminal({ name, shellPath: '/bin/sh', env: baseEnv() });
    terminals.push(terminal);
    return terminal;
  }

  /** Runs the program in `terminal` (a fresh process each time) and waits for what it wrote. */
  async function inTerminal(terminal: vscode.Terminal, extra: Record<string, string> = {}, ms = 30_000): Promise<Result> {
    const out = path.join(work, `result-${runs++}.json`);
    const vars = Object.entries({ WHOAMI_OUT: out, ...extra }).map(([k, v]) => `${k}='${v}'`).join(' ');
    terminal.sendText(`${vars} '${process.execPath}' '${fixture}'`);
    return readResult(out, ms);
  }

  const readResult = (out: string, ms = 30_000) => eventually(`the program's result in ${path.basename(out)}`, () => (fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) as Result : undefined), ms);

  function assertRole(result: Result): void {
    assert.equal(result.ok, true, result.error);
    assert.equal(result.uri, true, 'ALIBABA_CLOUD_CREDENTIALS_URI is set');
    for (const round of result.rounds ?? []) {
      assert.equal(round.providerName, 'default/credential_uri', 'the chain reached the endpoint, past the shell\'s keys, the CLI config and the credentials file');
      assert.match(round.arn, ASSUMED);
      assert.equal(round.identityType, 'AssumedRoleUser');
      assert.ok(round.accessKeyId.startsWith('STS.'));
    }
  }

  before(async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    fixture = path.join(extension.extensionPath, 'test', 'integration', 'fixtures', 'whoami.js');
    const endpoints = vscode.workspace.getConfiguration('alibabaCloud').get<Record<string, string>>('endpoints') ?? {};
    assert.ok(endpoints.sts, 'the runner points STS at the emulator');
    sts = endpoints.sts.replace(/^https?:\/\//, '');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'programs-'));
    populatedHome();
    await control('POST', 'sts-lifetime', { seconds: LIFETIME_S });
    dev = await addProfile('prog-src-dev', DEV.id, DEV.secret, { regionId: 'cn-hangzhou' });
    const added = await run<Profile>('addProfile', {
      kind: 'RamRole', name: `prog-role-${Date.now().toString(36)}`, sourceProfileId: dev.id, roleArn: ROLE_ARN, regionId: 'cn-hangzhou', activate: true,
    });
    assert.ok(added?.role);
    role = added;
    await run('selectProfile', { profileId: role.id });
  });

  after(async () => {
    terminals.forEach((t) => t.dispose());
    await run('programs.stopServing');
    await run('stopUsingInTerminal');
    await control('DELETE', 'sts-lifetime');
    for (const p of [role, dev]) {
      if (p) {
        await run('deleteProfile', { profileId: p.id, confirm: true });
      }
    }
  });

  it('a program in a terminal runs as the role, across a renewal, whatever else the machine holds', async () => {
    const state = await run<TerminalEnvironmentState>('useInTerminal', { confirm: true, mode: 'endpoint' });
    assert.equal(state?.mode, 'endpoint');
    assert.ok(state?.variables.includes('ALIBABA_CLOUD_CREDENTIALS_URI'));
    // Two rounds, the second after the first credentials expired: it works only if they were renewed.
    const result = await inTerminal(openTerminal('whoami'), { WHOAMI_ROUNDS: '2', WHOAMI_GAP_MS: String((LIFETIME_S + 1) * 1000) }, 60_000);
    assertRole(result);
    assert.equal(result.regionId, 'cn-hangzhou');
    assert.equal(result.rounds?.length, 2);
    assert.notEqual(result.rounds![0].accessKeyId, result.rounds![1].accessKeyId, 'renewed between the rounds');
  });

  it('a stranger without the path secret gets 404, another method 405, another host name 404', async () => {
    const result = await inTerminal(terminals[0], { WHOAMI_MODE: 'probe' });
    assert.deepEqual(
      { withSecret: result.withSecret, root: result.root, wrongSecret: result.wrongSecret, post: result.post, del: result.del, otherHost: result.otherHost },
      { withSecret: 200, root: 404, wrongSecret: 404, post: 405, del: 405, otherHost: 404 },
    );
  });

  it('a task (a process run in a terminal) gets the same', async () => {
    const out = path.join(work, `result-${runs++}.json`);
    const folder = vscode.workspace.workspaceFolders![0];
    const task = new vscode.Task({ type: 'process' }, folder, 'whoami', 'alibaba-cloud-test',
      new vscode.ProcessExecution(process.execPath, [fixture], { env: { ...baseEnv(), WHOAMI_OUT: out } }));
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Never };
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.name === 'whoami') {
          sub.dispose();
          resolve(e.exitCode);
        }
      });
    });
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 0);
    assertRole(await readResult(out));
  });

  it('a node debug session (the F5 path) gets the variables; its own values win', async () => {
    const state = await run<ServingState>('programs.useInDebugSessions', { confirm: true });
    assert.deepEqual(state?.doors, ['terminals', 'debug']);
    const out = path.join(work, `result-${runs++}.json`);
    const folder = vscode.workspace.workspaceFolders![0];
    const terminated = new Promise<void>((resolve) => {
      const sub = vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.name === 'whoami (debug)') {
          sub.dispose();
          resolve();
        }
      });
    });
    // No keys of its own here (a configuration's own keys would be kept, and would win): HOME with both files, and its own region.
    const started = await vscode.debug.startDebugging(folder, {
      type: 'node', request: 'launch', name: 'whoami (debug)', program: fixture, runtimeExecutable: process.execPath, console: 'internalConsole',
      env: { HOME: baseEnv().HOME, WHOAMI_STS: sts, WHOAMI_OUT: out, ALIBABA_CLOUD_REGION_ID: 'cn-shanghai' },
    });
    assert.equal(started, true, 'the JavaScript debugger started the program');
    const result = await readResult(out, 60_000);
    await terminated;
    assertRole(result);
    assert.equal(result.regionId, 'cn-shanghai', 'the configuration\'s own region was kept');
  });

  it('an AccessKey profile is served only through the role chosen for it', async () => {
    await run('selectProfile', { profileId: dev.id });
    const refused = await inTerminal(terminals[0]);
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? '', /RoleNotChosen/);
    assert.ok(!(refused.error ?? '').includes(DEV.secret));
    await run('programs.chooseRole', { profileId: dev.id, roleProfileId: role.id });
    assertRole(await inTerminal(terminals[0]));
    await run('selectProfile', { profileId: role.id });
  });

  it('after Stop Serving the address refuses: a fresh program fails cleanly, new terminals get nothing', async () => {
    const stopped = await run<ServingState>('programs.stopServing');
    assert.equal(stopped?.serving, false);
    assert.ok((stopped?.served ?? 0) >= 5, `the endpoint answered the programs (${stopped?.served})`);
    const started = Date.now();
    const refused = await inTerminal(terminals[0]);
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? '', /ECONNREFUSED/);
    assert.ok(Date.now() - started < 20_000, 'it failed at once, without hanging');
    const fresh = await inTerminal(openTerminal('whoami after stop'));
    assert.equal(fresh.uri, false, 'a new terminal gets no address');
  });
});
