import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';
import { addTracked, allSecrets, api, deleteTracked, logsRoot, prof, run, TYPED_SECRETS, uniqueName, walk } from './profilesFixtures';

interface Finding {
  readonly file: string;
  readonly secret: string;
}

/**
 * Every place the extension host writes: the user-data folder (settings, global and workspace
 * storage, the logs with the output channel), the workspace, and the temporary folder.
 */
async function scannedRoots(): Promise<string[]> {
  const { storage } = await api();
  // <user-data>/User/globalStorage/<extension id>
  const userData = path.dirname(path.dirname(path.dirname(storage.globalStorageUri.fsPath)));
  const roots = [userData, logsRoot(storage.logUri.fsPath)];
  // Under the test host everything of one run (user data, XDG folders, TMPDIR, workspace) sits in one
  // folder: scan all of it but the browser's profile, which is where code-server keeps SecretStorage.
  const runDir = path.dirname(userData);
  if (fs.existsSync(path.join(runDir, 'chromium')) && fs.existsSync(path.join(runDir, 'workspace'))) {
    // Folders only: the runner's own files there (its seed with every test key) are not ours.
    roots.push(...fs.readdirSync(runDir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'chromium').map((e) => path.join(runDir, e.name)));
  }
  if (os.tmpdir().startsWith(runDir + path.sep)) {
    roots.push(os.tmpdir());
  }
  if (storage.storageUri) {
    roots.push(path.dirname(storage.storageUri.fsPath));
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    roots.push(folder.uri.fsPath);
  }
  // Nested roots would be read twice; keep the outermost.
  return [...new Set(roots.map((r) => path.resolve(r)))].filter((r, _, all) => !all.some((o) => o !== r && r.startsWith(o + path.sep)));
}

function scan(roots: readonly string[], secrets: readonly string[]): { files: string[]; findings: Finding[] } {
  const needles = secrets.flatMap((secret) => [
    { secret, bytes: Buffer.from(secret, 'utf8') },
    { secret, bytes: Buffer.from(secret, 'utf16le') },
    { secret, bytes: Buffer.from(Buffer.from(secret, 'utf8').toString('base64')) },
  ]);
  const files = roots.flatMap((root) => walk(root));
  const findings: Finding[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      if (fs.statSync(file).size > 64 * 1024 * 1024) {
        continue;
      }
      bytes = fs.readFileSync(file);
    } catch {
      continue; // gone (a temporary file) or unreadable (a socket)
    }
    for (const needle of needles) {
      if (bytes.includes(needle.bytes)) {
        findings.push({ file, secret: `${needle.secret.slice(0, 6)}…` });
      }
    }
  }
  return { files, findings };
}

describe('Profiles: nothing secret on disk', () => {
  before(async () => {
    await activateExtension();
    // Some secret traffic of its own, so the scan means something even when run alone.
    const p = await addTracked({ name: uniqueName('prof-scan'), accessKeyId: prof.pat1.id, accessKeySecret: TYPED_SECRETS[1] });
    await run('testCredentials', { profileId: p.id });
    await run('editProfile', { profileId: p.id, accessKeySecret: prof.pat1.secret });
    await run('testCredentials', { profileId: p.id });
  });
  after(deleteTracked);

  it('finds a secret planted where the extension keeps its files (the scan works)', async () => {
    const { storage } = await api();
    const planted = path.join(storage.globalStorageUri.fsPath, 'planted-by-test.txt');
    fs.mkdirSync(path.dirname(planted), { recursive: true });
    fs.writeFileSync(planted, Buffer.from('x prof-secret-planted-not-real-01 y', 'utf16le'));
    try {
      const { findings } = scan(await scannedRoots(), ['prof-secret-planted-not-real-01']);
      assert.deepEqual(findings.map((f) => f.file), [planted]);
    } finally {
      fs.rmSync(planted, { force: true });
    }
  });

  it('the extension host wrote no secret of this run anywhere it writes', async function () {
    this.timeout(60_000);
    await new Promise((r) => setTimeout(r, 1500)); // let the log and storage writers flush
    const roots = await scannedRoots();
    const { files, findings } = scan(roots, allSecrets());
    console.log(`      · scanned ${files.length} files under ${roots.join(', ')}`);
    const log = files.find((f) => f.endsWith('Alibaba Cloud.log'));
    assert.ok(log, `the output channel's log file was not among the ${files.length} files scanned in ${roots.join(', ')}`);
    assert.match(fs.readFileSync(log, 'utf8'), /\[profiles\]/, 'the scanned log is not ours');
    assert.ok(files.some((f) => f.includes(`${path.sep}User${path.sep}`)), 'the User folder (settings, storage) was not scanned');
    assert.deepEqual(findings, [], `secrets found on disk:\n${findings.map((f) => `${f.secret} in ${f.file}`).join('\n')}`);
  });
});

// Once more after every suite has run, not only the profile tests.
after(async function () {
  this.timeout(60_000);
  await new Promise((r) => setTimeout(r, 1500));
  const { findings } = scan(await scannedRoots(), allSecrets());
  assert.deepEqual(findings, [], `secrets found on disk after the whole run:\n${findings.map((f) => `${f.secret} in ${f.file}`).join('\n')}`);
});
