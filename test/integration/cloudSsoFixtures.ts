// The CloudSSO directory of test/integration/seeds/cloudSso.mjs, and a person approving on the
// emulator's page: the code the extension shows is read from the control API (as a person reads it
// in the notification), then the page's form is posted from Node as a browser would.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Profile } from '../../src/credentials/profile';
import { control, emulatorAddress } from './helpers';

export const SSO = {
  user: { userName: 'sso-dev@corp.example', password: 'it-sso-password-dev-not-real' },
  accounts: { prod: '3800000000000001', staging: '3800000000000002', sandbox: '3800000000000003', other: '3800000000000004' },
  ac: { readOnly: 'ac-itreadonly01', slb: 'ac-itslbonly001', admin: 'ac-itadmin00001' },
};

export const signInUrl = (): string => `http://${emulatorAddress()}/start/login`;

interface DeviceStatus { userCode: string; status: string; userName: string | null }

export async function deviceAuthorizations(): Promise<DeviceStatus[]> {
  return ((await control('GET', 'cloudsso')) as { deviceAuthorizations: DeviceStatus[] }).deviceAuthorizations;
}

/** User codes known now: a sign-in started later shows a code not among them. */
export async function knownCodes(): Promise<Set<string>> {
  return new Set((await deviceAuthorizations()).map((d) => d.userCode));
}

/** The code of the sign-in the extension started after `known` was taken, once the portal has it. */
export async function newCode(known: Set<string>, ms = 15_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const fresh = (await deviceAuthorizations()).find((d) => !known.has(d.userCode) && d.status === 'pending');
    if (fresh) {
      return fresh.userCode;
    }
    assert.ok(Date.now() < until, 'the extension started no device sign-in');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the page's form posts (form-encoded, to its relative action). */
export async function decide(userCode: string, decision: 'approve' | 'deny', user = SSO.user): Promise<number> {
  const response = await fetch(`http://${emulatorAddress()}/device/${decision}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_code: userCode, user_name: user.userName, password: user.password }).toString(),
  });
  await response.text();
  return response.status;
}

/**
 * Runs a command that signs in (its promise settles only after the sign-in) while the person
 * approves or denies on the page; returns what the command returned, or throws what it threw.
 */
export async function signingIn<T>(command: string, args: Record<string, unknown>, decision: 'approve' | 'deny' | 'none' = 'approve'): Promise<{ result: T | undefined; userCode: string }> {
  const known = await knownCodes();
  const running = vscode.commands.executeCommand<T>(command, { openBrowser: false, ...args });
  const userCode = await newCode(known);
  if (decision !== 'none') {
    assert.equal(await decide(userCode, decision), 200, `the page took the ${decision}`);
  }
  return { result: await running, userCode };
}

export async function signIn(args: Record<string, unknown>): Promise<Profile> {
  const { result } = await signingIn<Profile>('alibabaCloud.cloudSso.signIn', { signInUrl: signInUrl(), ...args });
  assert.ok(result, 'Sign In with CloudSSO returned no profile');
  return result;
}

/** Every secret the emulator issued or seeded (tokens, STS secrets and tokens, passwords). */
export async function emulatorSecrets(): Promise<string[]> {
  return ((await control('GET', 'secrets')) as { secrets: string[] }).secrets;
}

/** Which account and role issued this STS AccessKey ID, from the emulator's state. */
export async function stsOwner(accessKeyId: string): Promise<{ accountId: string; roleName: string; roleSessionName: string } | undefined> {
  const state = await control('GET', 'state') as { accounts: Array<{ accountId: string; stsTokens: Array<{ accessKeyId: string; roleName: string; roleSessionName: string }> }> };
  for (const a of state.accounts) {
    const token = a.stsTokens.find((s) => s.accessKeyId === accessKeyId);
    if (token) {
      return { accountId: a.accountId, roleName: token.roleName, roleSessionName: token.roleSessionName };
    }
  }
  return undefined;
}
