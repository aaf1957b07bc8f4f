// Shared by the profiles integration tests (issue 3): the seed part's keys, the import fixtures
// copied into a temporary folder, commands with typed results, and the list of every secret the
// tests use, for the final scan of what the extension host wrote.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';
import { EXTENSION_ID, seed } from './helpers';

/** test/integration/seeds/profiles.json: account 3300000000000003. */
export const prof = {
  accountId: '3300000000000003',
  root: { id: 'LTAI5tProfRoot0000000001', secret: 'prof-secret-root-not-real-00001' },
  pat1: { id: 'LTAI5tProfPat00000000001', secret: 'prof-secret-pat-not-real-000001', created: '2025-02-03T04:05:06Z' },
  pat2: { id: 'LTAI5tProfPat00000000002', secret: 'prof-secret-pat-not-real-000002' },
  quinn: { id: 'LTAI5tProfQuinn000000001', secret: 'prof-secret-quinn-not-real-0001' },
  sts: { id: 'STS.NUProfToken000000001', secret: 'prof-secret-sts-not-real-00001', token: 'prof-security-token-not-real-0001' },
};

/** Values typed into the commands by these tests that are not keys in the seed (wrong secrets and such). */
export const TYPED_SECRETS = ['prof-secret-pat-WRONG-not-real-01', 'prof-secret-typed-not-real-0001'];

/** Every secret or token used in the run: the scan must find none of them on disk. */
export function allSecrets(): string[] {
  return [
    prof.root.secret, prof.pat1.secret, prof.pat2.secret, prof.quinn.secret, prof.sts.secret, prof.sts.token,
    'prof-secret-sts-not-real-00002', 'prof-security-token-not-real-0002',
    'roleimp-secret-dev-not-real-0001', 'roleimp-secret-rotor-not-real-01',
    ...TYPED_SECRETS,
    seed.root.secret, seed.alice.secret, seed.bob.secret, seed.carol.secret,
  ];
}

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'import');

/** A fresh temporary folder holding a copy of the import fixtures; remove it with `removeTemp`. */
export function copyFixtures(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profiles-it-'));
  fs.cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

export function removeTemp(dir: string | undefined): void {
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function run<T>(command: string, args?: unknown): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T | undefined>(`alibabaCloud.${command}`, args);
}

let counter = 0;
/** A name unique in this run. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${counter++}`;
}

/** Profiles created by the tests, deleted at the end. */
export const created = new Set<string>();

export async function addTracked(args: Record<string, unknown>): Promise<Profile> {
  const profile = await run<Profile>('addProfile', { activate: false, ...args });
  assert.ok(profile, `adding ${String(args.name)} failed`);
  created.add(profile.id);
  return profile;
}

export async function deleteTracked(): Promise<void> {
  for (const id of [...created]) {
    await run('deleteProfile', { profileId: id, confirm: true });
    created.delete(id);
  }
}

export async function profileNamed(name: string): Promise<Profile | undefined> {
  return (await listProfiles()).find((p) => p.name === name);
}

/** The profiles as the extension has them (its test-facing export; nothing secret in it). */
export async function listProfiles(): Promise<Profile[]> {
  return (await api()).profiles.list();
}

interface TestApi {
  readonly storage: { globalStorageUri: vscode.Uri; storageUri?: vscode.Uri; logUri: vscode.Uri };
  readonly profiles: {
    list(): Promise<Profile[]>;
    statusBar: { snapshot(): { text: string; tooltip: string; background?: string; accessibilityLabel?: string } };
    view: { snapshot(): Promise<Array<{ id: string; label: string; description: string; contextValue: string; icon: string }>> };
  };
}

export async function api(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(extension);
  return extension.isActive ? extension.exports : extension.activate();
}

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every file under `root` (symlinks not followed). */
export function walk(root: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      walk(full, out);
    } else if (entry.isFile()) {
      out.push(full);
    }
  }
  return out;
}

/** The extension's log file(s): the output channel is written under the logs folder. */
export async function logText(): Promise<string> {
  const logs = logsRoot((await api()).storage.logUri.fsPath);
  return walk(logs).filter((f) => f.endsWith('Alibaba Cloud.log')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** `<user-data>/logs/<session>`: the folder above `exthost*`. */
export function logsRoot(logUri: string): string {
  let dir = logUri;
  while (path.dirname(dir) !== dir && !/^exthost/.test(path.basename(dir))) {
    dir = path.dirname(dir);
  }
  return path.dirname(dir);
}
