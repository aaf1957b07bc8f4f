import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';

export const EXTENSION_ID = 'akworks.alibaba-cloud-credentials';

/** The emulator's address, handed to the extension host by the test runner. */
export function emulatorAddress(): string {
  const address = process.env.ALIBABA_CLOUD_EMULATOR;
  assert.ok(address, 'ALIBABA_CLOUD_EMULATOR is not set: run the suite through test/host/run-integration.mjs');
  return address;
}

/** Drives the emulator's control API (faults, clock, state) over HTTP. */
export async function control(method: 'GET' | 'POST' | 'DELETE', pathname: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`http://${emulatorAddress()}/__emulator/${pathname}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `emulator control ${method} ${pathname} answered ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
}

let counter = 0;
/** Adds a profile through the real command; names are unique per run. */
export async function addProfile(prefix: string, accessKeyId: string, accessKeySecret: string, extra: Record<string, string> = {}): Promise<Profile> {
  const name = `${prefix}-${Date.now().toString(36)}-${counter++}`;
  const profile = await vscode.commands.executeCommand<Profile | undefined>('alibabaCloud.addProfile', { name, accessKeyId, accessKeySecret, ...extra });
  assert.ok(profile, `adding profile ${name} failed`);
  return profile;
}

export const seed = {
  root: { id: 'LTAI5tItRootKey000000001', secret: 'it-secret-root-not-real-000001' },
  alice: { id: 'LTAI5tItAlice00000000001', secret: 'it-secret-alice-not-real-00001' },
  bob: { id: 'LTAI5tItBob0000000000001', secret: 'it-secret-bob-not-real-0000001' },
  carol: { id: 'LTAI5tItCarol00000000001', secret: 'it-secret-carol-not-real-00001' },
  accountId: '1234567890123456',
};

/**
 * The arguments of a command that asks before a secret leaves or the cloud changes, with the
 * answer filled in: only Test mode honours `confirm: true`; in production the person is asked.
 */
export function confirmed(...args: unknown[]): unknown[] {
  const last = args[args.length - 1];
  if (typeof last === 'object' && last !== null && Object.getPrototypeOf(last) === Object.prototype) {
    return [...args.slice(0, -1), { confirm: true, ...last }];
  }
  return args.length ? [...args, { confirm: true }] : args;
}
