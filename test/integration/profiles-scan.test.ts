import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';
import { activateExtension, control } from './helpers';
import { addTracked, allSecrets, api, deleteTracked, logsRoot, prof, run, TYPED_SECRETS, uniqueName, walk } from './profilesFixtures';

interface Finding {
  readonly file: string;
  readonly secret: string;
}

/**
 * Every place the extension host and the browser write: the user-data folder (settings, global and
 * workspace storage, the logs with the output channel), the workspace, the temporary folders, and
 * under the test host the browser's profile, where code-server keeps globalState, workspaceState
 * and the workbench's logs (IndexedDB) and SecretStorage (localStorage). Nothing there is left out:
 * SecretStorage is one localStorage value sealed with AES-GCM, so no secret may show in plain text
 * anywhere. Bytes only: LevelDB blocks compacted with snappy cannot be seen here; the runner reads
 * the browser's storage decoded after the run.
 */
async function scannedRoots(): Promise<string[]> {
  const { storage } = await api();
  // <user-data>/User/globalStorage/<extension id>
  const userData = path.dirname(path.dirname(path.dirname(storage.globalStorageUri.fsPath)));
  const roots = [userData, logsRoot(storage.logUri.fsPath)];
  // Under the test host everything of one run (user data, XDG folders, TMPDIR, workspace, the
  // browser's profile and temporary files) sits in one folder: scan all of it.
  const runDir = path.dirname(userData);
  if (await browserProfile()) {
    // Folders only: the runner's own files there (its seed with every test key) are not ours.
    roots.push(...fs.readdirSync(runDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(runDir, e.name)));
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

/** The test host's Chromium profile, next to the user-data folder of the run; none in desktop VS Code. */
async function browserProfile(): Promise<string | undefined> {
  const { storage } = await api();
  // <run>/user-data/User/globalStorage/<extension id>
  const runDir = path.dirname(path.dirname(path.dirname(path.dirname(storage.globalStorageUri.fsPath))));
  const profile = path.join(runDir, 'chromium');
  return fs.existsSync(profile) && fs.existsSync(path.join(runDir, 'workspace')) ? profile : undefined;
}

function scan(roots: readonly string[], secrets: readonly string[]): { files: string[]; findings: Finding[] } {
  const needles = secrets.flatMap((secret) => [
    { secret, bytes: Buffer.from(secret, 'utf8') },
    { secret, bytes: Buffer.from(secret, 'utf16le') },
    { secret, bytes: Buffer.from(secret, 'utf16le').swap16() }, // IndexedDB's encoding of string keys
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
    for (const secret of secrets) {
      if (needles.some((n) => n.secret === secret && bytes.includes(n.bytes))) {
        findings.push({ file, secret: `${secret.slice(0, 6)}…` });
      }
    }
  }
  return { files, findings };
}

/** Every secret of this run: those these tests type, and every one the emulator holds or issued (seed, created keys, STS tokens). */
async function runSecrets(): Promise<string[]> {
  const { secrets } = (await control('GET', 'secrets')) as { secrets: string[] };
  assert.ok(secrets.length > 0, 'the emulator listed no secrets');
  return [...new Set([...allSecrets(), ...secrets])];
}

describe('Profiles: nothing secret on disk', () => {
  let tested: Profile;
  before(async () => {
    await activateExtension();
    // Some secret traffic of its own, so the scan means something even when run alone.
    tested = await addTracked({ name: uniqueName('prof-scan'), accessKeyId: prof.pat1.id, accessKeySecret: TYPED_SECRETS[1] });
    await run('testCredentials', { profileId: tested.id });
    await run('editProfile', { profileId: tested.id, accessKeySecret: prof.pat1.secret });
    await run('testCredentials', { profileId: tested.id });
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

  it('sees what the workbench keeps in the browser: the profile id Test Credentials just stored in globalState', async function () {
    this.timeout(30_000);
    // In code-server globalState is the browser's IndexedDB; in desktop VS Code a file in user data.
    const profile = await browserProfile();
    const indexedDb = profile && path.join(profile, 'Default', 'IndexedDB') + path.sep;
    const roots = await scannedRoots();
    let hits: string[] = [];
    for (const until = Date.now() + 20_000; hits.length === 0 && Date.now() < until; await new Promise((r) => setTimeout(r, 500))) {
      hits = scan(roots, [tested.id]).findings.map((f) => f.file).filter((f) => !indexedDb || f.startsWith(indexedDb));
    }
    assert.ok(hits.length > 0, `the scan did not find profile id ${tested.id} ${indexedDb ? `in ${indexedDb}` : 'in any scanned file'}: it cannot see where globalState is kept`);
  });

  it('the extension host and the browser wrote no secret of this run anywhere they write', async function () {
    this.timeout(60_000);
    await new Promise((r) => setTimeout(r, 1500)); // let the log and storage writers flush
    const roots = await scannedRoots();
    const { files, findings } = scan(roots, await runSecrets());
    console.log(`      · scanned ${files.length} files under ${roots.join(', ')}`);
    const log = files.find((f) => f.endsWith('Alibaba Cloud.log'));
    assert.ok(log, `the output channel's log file was not among the ${files.length} files scanned in ${roots.join(', ')}`);
    assert.match(fs.readFileSync(log, 'utf8'), /\[profiles\]/, 'the scanned log is not ours');
    assert.ok(files.some((f) => f.includes(`${path.sep}User${path.sep}`)), 'the User folder (settings, storage) was not scanned');
    const profile = await browserProfile();
    assert.ok(!profile || files.some((f) => f.startsWith(path.join(profile, 'Default', 'Local Storage') + path.sep)), 'the browser\'s Local Storage (SecretStorage) was not scanned');
    assert.deepEqual(findings, [], `secrets found on disk:\n${findings.map((f) => `${f.secret} in ${f.file}`).join('\n')}`);
  });
});

// Once more after every suite has run, not only the profile tests.
after(async function () {
  this.timeout(60_000);
  await new Promise((r) => setTimeout(r, 1500));
  const { findings } = scan(await scannedRoots(), await runSecrets());
  assert.deepEqual(findings, [], `secrets found on disk after the whole run:\n${findings.map((f) => `${f.secret} in ${f.file}`).join('\n')}`);
});
