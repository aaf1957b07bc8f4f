import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceScanSummary } from '../../src/views/leaks/workspaceScanner';
import type { StagedSecret } from '../../src/views/leaks/stagedChanges';
import type { Profile } from '../../src/credentials/profile';
import { activateExtension, addProfile, control } from './helpers';
import {
  captureWarnings, diagnosticsWhen, hoverText, LEAK_ACCOUNT, leak, open, ours, plant, plantDir, quickFixes, rangeOf, relative, runFix, titled,
} from './leakFixtures';
import { children, useProfile, userNode, waitFor } from './ramFixtures';

interface StateKey { accessKeyId: string; status: string }
async function keysOf(userName: string): Promise<StateKey[]> {
  const state = await control('GET', 'state') as { accounts: Array<{ accountId: string; users: Array<{ userName: string; accessKeys: StateKey[] }> }> };
  return state.accounts.find((a) => a.accountId === LEAK_ACCOUNT)?.users.find((u) => u.userName === userName)?.accessKeys ?? [];
}

const severity = (d: vscode.Diagnostic) => vscode.DiagnosticSeverity[d.severity];

describe('Keys written into files: found as you type, whose they are, fixed in one step', () => {
  let admin: Profile;
  let owner: Profile;
  let sts: Profile;

  before(async function () {
    this.timeout(60_000);
    await activateExtension();
    admin = await addProfile('leak-admin', leak.admin.id, leak.admin.secret);
    owner = await addProfile('leak-owner', leak.owner.id, leak.owner.secret);
    await addProfile('leak-rotate', leak.rotate.id, leak.rotate.secret);
    await addProfile('leak-git', leak.git.id, leak.git.secret);
    sts = await addProfile('leak-sts', leak.sts.id, leak.sts.secret, { securityToken: leak.sts.token, expiration: '2099-01-01T00:00:00Z' });
    // A tested profile is the first the owner search asks (other suites' profiles are of other accounts).
    await vscode.commands.executeCommand('alibabaCloud.testCredentials', { profileId: admin.id });
    await useProfile(admin);
  });

  after(async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('alibabaCloud.leaks.showIgnored', { all: true });
    // The planted files hold secrets: nothing of them may stay for the secret scan to find.
    fs.rmSync(plantDir(), { recursive: true, force: true });
  });

  it('shows a stored secret as an error, an ID of a profile as a warning, any other ID as information', async () => {
    const py = plant('app/settings.py', [
      'import json',
      `ACCESS_KEY_SECRET = "${leak.owner.secret}"`,
      `ACCESS_KEY_ID = "${leak.owner.id}"`,
      `OTHER = "${leak.stranger.id}"`,
      'NOT_A_KEY = "LTAIXXXXXXXXXXXXXXXX"  # a placeholder',
      'HASH = "sha256-2f1e5a3cQ9d0LTAI5tLeakOwner000000001xYz+/=="',
    ].join('\n'));
    const env = plant('app/.env.local', [`ALIBABA_CLOUD_ACCESS_KEY_ID=${leak.sts.id}`, `ALIBABA_CLOUD_SECURITY_TOKEN=${leak.sts.token}`].join('\n'));
    await open(env);
    await open(py);
    const found = await diagnosticsWhen(py, 'three findings in settings.py', (d) => d.length === 3);
    assert.deepEqual(found.map((d) => [d.range.start.line, d.code, severity(d)]), [
      [1, 'storedSecret', 'Error'], [2, 'knownId', 'Warning'], [3, 'unknownId', 'Information'],
    ]);
    assert.match(found[0].message, new RegExp(`AccessKey secret of profile "${owner.name}" \\(LTAI\\*\\*\\*\\*0001\\) is written here`));
    assert.match(found[1].message, new RegExp(`AccessKey ID LTAI\\*\\*\\*\\*0001 of profile "${owner.name}"`));
    assert.match(found[2].message, /no profile on this computer holds it/);
    assert.ok(found.every((d) => !d.message.includes(leak.owner.secret)));
    const tokens = await diagnosticsWhen(env, 'the STS ID and token in .env.local', (d) => d.length === 2);
    assert.deepEqual(tokens.map((d) => [d.code, severity(d)]), [['knownId', 'Warning'], ['storedSecret', 'Error']]);
    assert.match(tokens[1].message, new RegExp(`STS security token of profile "${sts.name}"`));
  });

  it('updates the findings as the person types, within a second', async () => {
    const uri = plant('app/notes.md', '# Notes\n\nnothing here yet\n');
    const editor = await open(uri);
    await diagnosticsWhen(uri, 'no finding yet', (d) => d.length === 0);
    const started = Date.now();
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), `the admin key is ${leak.admin.id} `));
    const [typed] = await diagnosticsWhen(uri, 'the typed ID', (d) => d.length === 1, 2000);
    assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
    assert.deepEqual([typed.range.start.line, typed.range.start.character, typed.code], [2, 17, 'knownId']);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'New first line\n'));
    await diagnosticsWhen(uri, 'the finding moved down with its line', (d) => d.length === 1 && d[0].range.start.line === 3);
    await editor.edit((e) => e.delete(rangeOf(editor.document, leak.admin.id)));
    await diagnosticsWhen(uri, 'the finding gone with the text', (d) => d.length === 0);
    await editor.document.save();
  });

  it('names the profile, and from the RAM data already loaded the RAM user and the key\'s status, in the hover', async () => {
    const uri = plant('app/hover.py', `ACCESS_KEY_ID = "${leak.owner.id}"\n`);
    const { document } = await open(uri);
    await diagnosticsWhen(uri, 'the ID', (d) => d.length === 1);
    const at = rangeOf(document, leak.owner.id).start.translate(0, 3);
    const before = await hoverText(uri, at);
    assert.match(before, new RegExp(`profile "${owner.name}"`));
    assert.doesNotMatch(before, /RAM user leak-owner/, 'nothing loaded yet, nothing asked');
    assert.match(before, /Find Owner/);
    await children(await userNode('leak-owner')); // the RAM view loads that user's keys
    await waitFor(async () => /RAM user leak-owner and is active/.test(await hoverText(uri, at)), 'the hover does not name the RAM user');
    await diagnosticsWhen(uri, 'the diagnostic names the user too', (d) => /RAM user leak-owner and is active/.test(d[0]?.message ?? ''));
  });

  it('replaces a secret with a read of the environment variable, in the file\'s language', async () => {
    const uri = plant('app/client.py', ['import json', '', `client = Client("${leak.owner.id}", "${leak.owner.secret}")`, ''].join('\n'));
    const { document } = await open(uri);
    await diagnosticsWhen(uri, 'the secret and the ID', (d) => d.length === 2);
    const fix = titled(await quickFixes(uri, rangeOf(document, leak.owner.secret)), 'Read It from the Environment Variable ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    await document.save();
    assert.equal(document.getText(), ['import os', 'import json', '', `client = Client("${leak.owner.id}", os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"])`, ''].join('\n'));
    await diagnosticsWhen(uri, 'only the ID left', (d) => d.length === 1 && d[0].code === 'knownId');
  });

  it('finds who owns a key no profile holds, through the other profiles, when asked', async () => {
    const uri = plant('app/other.yml', `key: ${leak.stranger.id}\n`);
    const { document } = await open(uri);
    await diagnosticsWhen(uri, 'the unknown ID', (d) => d.length === 1);
    const mark = ((await control('GET', 'requests?since=0')) as { last: number }).last;
    const fix = titled(await quickFixes(uri, rangeOf(document, leak.stranger.id)), 'Find Who Owns This AccessKey');
    const found = await runFix<{ userName?: string; accountId?: string; viaProfileName?: string }>(fix, { quiet: true });
    assert.deepEqual([found?.userName, found?.accountId, found?.viaProfileName], ['leak-stranger', LEAK_ACCOUNT, admin.name]);
    const calls = ((await control('GET', `requests?since=${mark}`)) as { requests: Array<{ action: string }> }).requests.map((r) => r.action);
    assert.ok(calls.includes('ListUsers') && calls.includes('ListAccessKeys'), `the search made no RAM calls: ${calls.join(', ')}`);
    await diagnosticsWhen(uri, 'the owner in the diagnostic', (d) => /RAM user leak-stranger of account 3500000000000005/.test(d[0]?.message ?? ''));
  });

  it('disables the key through Disable AccessKey (the emulator shows it inactive)', async () => {
    const uri = plant('app/disable.json', `{ "accessKeyId": "${leak.owner.id}" }\n`);
    const { document } = await open(uri);
    await diagnosticsWhen(uri, 'the ID', (d) => d.length === 1);
    const fix = titled(await quickFixes(uri, rangeOf(document, leak.owner.id)), 'Disable This AccessKey…');
    const result = await runFix<{ accessKeyId: string; status: string; userName?: string }>(fix);
    assert.deepEqual([result?.accessKeyId, result?.userName, result?.status], [leak.owner.id, 'leak-owner', 'Inactive']);
    assert.deepEqual((await keysOf('leak-owner')).map((k) => [k.accessKeyId, k.status]), [[leak.owner.id, 'Inactive']]);
    await children(await userNode('leak-owner'));
    await diagnosticsWhen(uri, 'the diagnostic says it is disabled', (d) => /RAM user leak-owner and is disabled/.test(d[0]?.message ?? ''));
  });

  it('rotates the key through Rotate AccessKey: the profile moves to a new key, the old one is disabled', async function () {
    this.timeout(60_000);
    const uri = plant('deploy/serverless.yml', `provider:\n  accessKeyId: ${leak.rotate.id}\n`);
    const { document } = await open(uri);
    await diagnosticsWhen(uri, 'the ID of a profile', (d) => d.length === 1 && d[0].code === 'knownId');
    const fixes = await quickFixes(uri, rangeOf(document, leak.rotate.id));
    assert.equal(titled(fixes, /Environment Variable/).edit?.get(uri)[0]?.newText, '${env:ALIBABA_CLOUD_ACCESS_KEY_ID}');
    const result = await runFix<{ status: string; oldAccessKeyId: string; newAccessKeyId: string }>(titled(fixes, 'Rotate This AccessKey…'), { confirm: true, verifyAttempts: 2, verifyDelayMs: 50 });
    assert.equal(result?.status, 'done');
    assert.equal(result.oldAccessKeyId, leak.rotate.id);
    assert.deepEqual((await keysOf('leak-rotate')).map((k) => [k.accessKeyId, k.status]), [[leak.rotate.id, 'Inactive'], [result.newAccessKeyId, 'Active']]);
    await diagnosticsWhen(uri, 'no profile holds the old ID any more', (d) => d.length === 1 && d[0].code === 'unknownId');
  });

  it('ignores a key in one file, in workspace state as ID and path only, and keeps it ignored when the file is opened again', async () => {
    const uri = plant('app/ignored.txt', `old key ${leak.stranger.id}\nsame key elsewhere\n`);
    const other = plant('app/not-ignored.txt', `old key ${leak.stranger.id}\n`);
    const { document } = await open(uri);
    await open(other);
    await diagnosticsWhen(uri, 'the ID', (d) => d.length === 1);
    const entry = await runFix<{ accessKeyId: string; path: string }>(titled(await quickFixes(uri, rangeOf(document, leak.stranger.id)), 'Ignore in This File'), {});
    assert.deepEqual(entry, { accessKeyId: leak.stranger.id, path: relative(uri) });
    await diagnosticsWhen(uri, 'ignored', (d) => d.length === 0);
    assert.equal(ours(other).length, 1, 'only in that file');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await open(uri);
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(ours(uri).length, 0, 'ignored again after reopening');
    // What workspace state holds (read back through the command that lists it): IDs and paths.
    const listed = await vscode.commands.executeCommand<{ remaining: unknown[] }>('alibabaCloud.leaks.showIgnored', { path: 'no/such/file' });
    assert.deepEqual(listed?.remaining, [{ accessKeyId: leak.stranger.id, path: relative(uri) }]);
  });

  it('scans the workspace: every planted key, no decoy, nothing excluded, binary or over 1 MB', async function () {
    this.timeout(120_000);
    const planted: string[] = [];
    const random = (() => {
      let s = 7;
      return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    })();
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const decoy = (n: number) => Array.from({ length: n }, () => b64[Math.floor(random() * 64)]).join('');
    const keys = [leak.admin.secret, leak.owner.id, leak.stranger.id, leak.sts.token, leak.git.secret];
    for (let i = 0; i < 300; i++) {
      const lines = Array.from({ length: 40 }, (_, j) => `v${j} = "${decoy(20 + ((i + j) % 60))}"  # LTAI${decoy(8)} ltai${decoy(20)} STS.GetCallerIdentity`);
      if (i % 37 === 5) {
        lines.splice(17, 0, `key = "${keys[planted.length % keys.length]}"`);
        planted.push(`leaks-it/scan/src/f${i}.py`);
      }
      plant(`scan/src/f${i}.py`, lines.join('\n'));
    }
    plant('scan/.gitignore', 'generated/\n*.bak\n');
    plant('scan/generated/out.py', `key = "${leak.admin.secret}"\n`);
    plant('scan/src/old.bak', `key = "${leak.admin.secret}"\n`);
    plant('scan/node_modules/pkg/index.js', `module.exports = "${leak.admin.id}";\n`);
    plant('scan/image.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from(leak.admin.secret)]));
    plant('scan/dump.sql', `-- ${leak.admin.secret}\n${'x'.repeat(1024 * 1024)}\n`);
    const summary = await vscode.commands.executeCommand<WorkspaceScanSummary>('alibabaCloud.leaks.scanWorkspace', { quiet: true });
    assert.ok(summary && !summary.cancelled);
    const inScan = summary.files.filter((f) => f.startsWith('leaks-it/scan/'));
    assert.deepEqual(inScan, [...planted].sort(), 'found exactly the planted keys');
    assert.ok(summary.skippedBinary >= 1 && summary.skippedLarge >= 1, JSON.stringify(summary));
    assert.ok(!summary.files.includes(relative(vscode.Uri.file(path.join(plantDir(), 'app/ignored.txt')))), 'an ignored finding is not reported');
    const [first] = planted;
    const diagnostics = ours(vscode.Uri.file(path.join(path.dirname(plantDir()), first)));
    assert.equal(diagnostics.length, 1, 'a file that is not open shows its finding in the Problems panel');
    assert.equal(diagnostics[0].range.start.line, 17);
  });

  it('warns when git\'s staged changes add a secret, with Open File, and marks a committed one with its history', async function () {
    this.timeout(90_000);
    const git = vscode.extensions.getExtension<{ enabled: boolean; getAPI(v: 1): { openRepository(uri: vscode.Uri): Promise<{ status(): Promise<void> } | null> } }>('vscode.git');
    assert.ok(git, 'the built-in git extension is not in this VS Code');
    const config = vscode.workspace.getConfiguration('git');
    await config.update('enabled', true, vscode.ConfigurationTarget.Global); // the test host turns git off
    const warnings = captureWarnings('Open File');
    try {
      const exports = git.isActive ? git.exports : await git.activate();
      await waitFor(() => exports.enabled, 'git did not turn on');
      const repo = path.join(plantDir(), 'repo');
      fs.mkdirSync(repo, { recursive: true });
      const gitIn = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Leak Test', '-c', 'user.email=leak@example.com', ...args], { cwd: repo, stdio: 'pipe' });
      gitIn('init', '-q', '-b', 'main');
      fs.writeFileSync(path.join(repo, 'README.md'), '# repo\n');
      gitIn('add', 'README.md');
      gitIn('commit', '-q', '-m', 'first');
      const api = exports.getAPI(1);
      const repository = await api.openRepository(vscode.Uri.file(repo));
      assert.ok(repository, 'git did not open the repository');

      const configEnv = path.join(repo, 'config.env');
      fs.writeFileSync(configEnv, `REGION=cn-hangzhou\nALIBABA_CLOUD_ACCESS_KEY_SECRET=${leak.git.secret}\n`);
      gitIn('add', 'config.env');
      await repository.status();
      await waitFor(() => warnings.messages.some((m) => m.includes('config.env')), `no warning about the staged secret; warnings: ${JSON.stringify(warnings.messages)}`, 15_000);
      const warning = warnings.messages.find((m) => m.includes('config.env'))!;
      assert.match(warning, /hold the secret of profile "leak-git-/);
      assert.ok(!warning.includes(leak.git.secret));
      await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === configEnv, 'Open File did not open config.env');
      const found = await vscode.commands.executeCommand<StagedSecret[]>('alibabaCloud.leaks.checkStagedChanges', {});
      assert.deepEqual(found?.map((f) => [path.basename(f.uri.fsPath), f.line, f.accessKeyId]), [['config.env', 1, leak.git.id]]);
      assert.equal(warnings.messages.filter((m) => m.includes('config.env')).length, 2, 'the command warns again; the watcher had warned once');

      gitIn('commit', '-q', '-m', 'oops');
      await repository.status();
      const uri = vscode.Uri.file(configEnv);
      const [error] = await diagnosticsWhen(uri, 'the secret marked as committed', (d) => /Git has this file in its history/.test(d[0]?.message ?? ''), 15_000);
      assert.equal(error.code, 'storedSecret');
      const fixes = await quickFixes(uri, error.range);
      assert.equal(titled(fixes, 'Open File History').command?.command, 'files.openTimeline');
    } finally {
      warnings.restore();
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('writes neither a secret nor an unkeyed hash of one anywhere', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(plantDir(), { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 1500));
    const secrets = [leak.admin.secret, leak.owner.secret, leak.rotate.secret, leak.stranger.secret, leak.git.secret, leak.sts.secret, leak.sts.token];
    const needles = secrets.flatMap((s) => [
      Buffer.from(s),
      ...['sha256', 'sha1', 'md5'].flatMap((a) => [createHash(a).update(s).digest('hex'), createHash(a).update(s).digest('base64')].map((h) => Buffer.from(h))),
    ]);
    // The run's folder: user data (settings, workspace state, logs), the workspace, the browser's profile.
    const runDir = path.dirname(path.dirname(plantDir()));
    const files: string[] = [];
    const walk = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(full);
      } else if (e.isFile() && !full.endsWith(`${path.sep}seed.json`)) {
        files.push(full);
      }
    });
    walk(runDir);
    const hits = files.filter((f) => {
      try {
        if (fs.statSync(f).size > 64 * 1024 * 1024) {
          return false;
        }
        const bytes = fs.readFileSync(f);
        return needles.some((n) => bytes.includes(n));
      } catch {
        return false;
      }
    });
    assert.ok(files.length > 50, `only ${files.length} files under ${runDir}`);
    assert.deepEqual(hits, []);
  });
});
