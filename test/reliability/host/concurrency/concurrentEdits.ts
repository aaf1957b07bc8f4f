// Issue 7, concurrency: two windows (two extension hosts) add, rename, re-key and delete profiles
// at the same moment, through the real commands. Desktop VS Code shares secret storage between
// windows and both windows' edits must all land. VS Code for the Web (code-server, where this
// runs) gives each window its own copy of secret storage, so once one window has written, the
// other must refuse to write (it would wipe what the first saved) and say to reload. Either way
// nothing may be lost: every edit a window applied is there, every edit it refused left no trace,
// and a window opened afterwards (a reload) applies the refused edits and then lists exactly the
// union, each surviving profile signing a real call with its own secret.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Profile } from '../../../../src/credentials/profile';
import type { CredentialTestResult } from '../../../../src/credentials/credentialCheck';
import { EXTENSION_ID } from '../../../integration/helpers';
import { writeCounts } from '../../counts';
import { abort, barrier, readJournals, readReports, role, writeJournal, writeReport, type Role } from './coordination';
import {
  compare, describe as describeDifference, expectedProfiles, fromRefused, isClean, keyById, KEYS, lostCount, phase1, PREFIX, toRefused, WINDOWS,
  type Difference, type Journal, type JournalEntry, type RefusedStep, type Step, type WindowName,
} from './plan';


interface Api {
  readonly profiles: { list(): Promise<Profile[]>; secretsStale(): Promise<boolean> };
}

async function api(): Promise<Api> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  return extension.isActive ? extension.exports : extension.activate();
}

async function list(): Promise<Profile[]> {
  return (await api()).profiles.list();
}

function run<T>(command: string, args: unknown): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T | undefined>(`alibabaCloud.${command}`, args);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The list once it matches the journals, or the last difference after `ms` (stores repair others' writes after ~300 ms). */
async function settledDifference(journals: readonly Journal[], ms = 8000): Promise<Difference> {
  const deadline = Date.now() + ms;
  for (;;) {
    const difference = compare(await list(), journals);
    if (isClean(difference) || Date.now() > deadline) {
      return difference;
    }
    await sleep(200);
  }
}

let checks = 0;
let signed = 0;
function check(condition: unknown, message: string): asserts condition {
  assert.ok(condition, message);
  checks++;
}

async function stale(): Promise<boolean> {
  return (await api()).profiles.secretsStale();
}

/** Runs one planned edit through its command; returns what the journal records, or 'refused' when the window is stale. */
async function apply(me: WindowName, phase: 1 | 2, step: Step, ids: Map<string, string>): Promise<JournalEntry | 'refused'> {
  if (step.op === 'add') {
    const profile = await run<Profile>('addProfile', {
      name: step.name, accessKeyId: step.key.accessKeyId, accessKeySecret: step.key.accessKeySecret, securityToken: step.key.securityToken, activate: false,
    });
    if (!profile && (await stale())) {
      return 'refused';
    }
    check(profile?.id, `window ${me}: Add Profile "${step.name}" returned nothing (see the Alibaba Cloud log)`);
    ids.set(step.name, profile.id);
    return { window: me, phase, op: 'add', id: profile.id, name: step.name, accessKeyId: step.key.accessKeyId };
  }
  const id = ids.get(step.target);
  check(id, `window ${me}: no id known for "${step.target}"`);
  // Another window's profile: this window must come to know it first.
  const deadline = Date.now() + 10_000;
  while (!(await list()).some((p) => p.id === id)) {
    assert.ok(Date.now() < deadline, `window ${me} never saw profile "${step.target}" (${id}) in its list, so it cannot ${step.op} it`);
    await sleep(100);
  }
  if (await stale()) {
    return 'refused';
  }
  if (step.op === 'delete') {
    const done = await run<{ deleted: string }>('deleteProfile', { profileId: id, confirm: true });
    if (!done && (await stale())) {
      return 'refused';
    }
    check(done?.deleted === id, `window ${me}: Delete Profile "${step.target}" failed (see the Alibaba Cloud log)`);
    return { window: me, phase, op: 'delete', id };
  }
  if (step.op === 'rename') {
    const renamed = await run<Profile>('renameProfile', { profileId: id, newName: step.newName });
    if (!renamed && (await stale())) {
      return 'refused';
    }
    check(renamed?.name === step.newName, `window ${me}: Rename Profile "${step.target}" to "${step.newName}" failed (see the Alibaba Cloud log)`);
    return { window: me, phase, op: 'rename', id, name: step.newName };
  }
  const edited = await run<Profile>('editProfile', {
    profileId: id, accessKeyId: step.key.accessKeyId, accessKeySecret: step.key.accessKeySecret, securityToken: step.key.securityToken,
  });
  if (!edited && (await stale())) {
    return 'refused';
  }
  check(edited?.accessKeyId === step.key.accessKeyId, `window ${me}: Edit Profile "${step.target}" (new key ${step.key.accessKeyId}) failed (see the Alibaba Cloud log)`);
  return { window: me, phase, op: 'rekey', id, accessKeyId: step.key.accessKeyId };
}

/** A real signed call per surviving profile (Test Credentials: STS GetCallerIdentity, then SLB). */
async function signEach(who: Role, journals: readonly Journal[]): Promise<string[]> {
  // The ones this window lists: a missing profile is the listing check's finding, not this one's.
  const listed = new Set((await list()).map((p) => p.id));
  const expected = [...expectedProfiles(journals).live.values()].filter((p) => listed.has(p.id));
  const failures: string[] = [];
  const queue = [...expected];
  await Promise.all([1, 2, 3, 4].map(async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const key = keyById(next.accessKeyId);
      const result = await run<CredentialTestResult>('testCredentials', { profileId: next.id });
      if (!key) {
        failures.push(`"${next.name}": ${next.accessKeyId} is not a key of the concurrency seed`);
      } else if (!result) {
        failures.push(`"${next.name}": Test Credentials returned nothing (the profile is unknown to window ${who}, or the command failed)`);
      } else if (!result.identityCheck.ok || !result.identity?.arn.endsWith(key.arnSuffix) || result.accessKeyId !== key.accessKeyId) {
        failures.push(`"${next.name}": the signed call as ${next.accessKeyId} gave ${result.identityCheck.code ?? 'ok'} ${result.identity?.arn ?? ''} (${result.identityCheck.message})`);
      } else {
        checks++;
        signed++;
      }
    }
  }));
  return failures;
}

const state = { me: undefined as Role | undefined, lost: 0, detail: '', refused: 0, replayed: 0 };

describe('Concurrency: two windows edit profiles at once', function () {
  this.timeout(120_000);

  before(async () => {
    state.me = role();
    await api();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && state.me) {
      abort(state.me, this.currentTest.err?.message.split('\n')[0] ?? this.currentTest.title);
    }
  });

  after(() => {
    if (!state.me) {
      return;
    }
    writeReport({ role: state.me, checks, signed, lost: state.lost, detail: state.detail });
    if (state.me === 'verify') {
      const reports = readReports();
      let edited = 0;
      try {
        edited = readJournals(WINDOWS).reduce((n, j) => n + j.entries.length, 0);
      } catch {
        // a window left no journal: reported by the tests; the count stays what is known
      }
      // What each window saw lost, when it got as far as looking.
      const seen = Object.fromEntries(reports.filter((r) => r.role !== 'verify').map((r) => [`lostSeenByWindow${r.role}`, r.lost]));
      writeCounts({
        part: 'concurrency',
        checks: reports.reduce((n, r) => n + r.checks, 0),
        extra: {
          windows: 2, profilesEdited: edited + state.replayed, refusedAsStale: state.refused, replayedAfterReload: state.replayed,
          signedCalls: reports.reduce((n, r) => n + r.signed, 0), lost: state.lost, ...seen,
        },
      });
    }
  });

  // Each window runs only its own part: the role comes from its workspace folder, known at load.
  const loadRole = role();
  const inRole = (roles: readonly Role[], title: string, fn: (this: Mocha.Suite) => void) => (roles.includes(loadRole) ? describe(title, fn) : undefined);
  inRole(['A', 'B'], 'windows A and B', function () {
    // Each step needs the one before: stop at the first failure.
    this.bail(true);
    const ids = new Map<string, string>();
    const entries: JournalEntry[] = [];
    let baseline: Array<{ id: string; name: string }> = [];
    let me: WindowName;

    before(() => {
      me = state.me as WindowName;
    });

    const refused: RefusedStep[] = [];
    const journal = () => writeJournal({ window: me, baseline, entries, refused });
    const checkUnion = async (what: string) => {
      const difference = await settledDifference(readJournals(WINDOWS));
      state.lost = lostCount(difference);
      state.detail = describeDifference(difference);
      check(isClean(difference), `window ${me} after ${what}: its profile list is not the union of both windows' edits:\n${state.detail}`);
    };

    it('starts together with the other window', async () => {
      baseline = (await list()).filter((p) => !p.name.startsWith(PREFIX)).map((p) => ({ id: p.id, name: p.name }));
      await barrier('start', me, WINDOWS);
    });

    it('adds, renames, re-keys and deletes its profiles while the other window does the same: each edit applied, or refused as stale', async () => {
      for (const step of phase1(me)) {
        const done = refused.length > 0 ? 'refused' as const : await apply(me, 1, step, ids);
        if (done === 'refused') {
          refused.push(toRefused(step));
        } else {
          entries.push(done);
        }
      }
      if (refused.length > 0) {
        check(await stale(), `window ${me}: ${refused.length} edit(s) refused, but the window does not say it is stale`);
        // Once stale, it keeps refusing: an add tried now must not land.
        const { accessKeyId, accessKeySecret } = KEYS[me][0];
        const probe = await run<Profile>('addProfile', { name: `${PREFIX}${me}-probe`, accessKeyId, accessKeySecret, activate: false });
        check(probe === undefined, `window ${me}: a stale window accepted an edit`);
      }
      journal();
      await barrier('phase1', me, WINDOWS);
    });

    it('no edit was lost: a window that applied everything lists the union; one that refused applied nothing after that', async () => {
      const journals = readJournals(WINDOWS);
      const appliedAll = journals.filter((j) => (j.refused ?? []).length === 0);
      check(appliedAll.length >= 1, `neither window could apply its edits: ${journals.map((j) => `${j.window} refused ${(j.refused ?? []).length}`).join(', ')}`);
      if (refused.length === 0) {
        await checkUnion('its edits');
      } else {
        // A stale window sees only what it had and what it did itself.
        const difference = await settledDifference([{ window: me, baseline, entries }], 1000);
        check(isClean(difference), `window ${me} (stale) does not list what it applied:\n${describeDifference(difference)}`);
      }
      await barrier('checked1', me, WINDOWS);
    });

    it('every profile it can see signs a call with its own secret', async () => {
      const journals = refused.length === 0 ? readJournals(WINDOWS) : [{ window: me, baseline, entries }];
      const failures = await signEach(me, journals);
      check(failures.length === 0, `window ${me}: ${failures.length} profile(s) did not sign with their own secret:\n${failures.join('\n')}`);
      await barrier('done', me, WINDOWS);
    });
  });

  inRole(['verify'], 'a window opened afterwards (what was persisted)', function () {
    const journals: Journal[] = [];

    it('lists exactly what the two windows applied', async () => {
      journals.push(...readJournals(WINDOWS));
      state.refused = journals.reduce((n, j) => n + (j.refused ?? []).length, 0);
      const difference = await settledDifference(journals, 3000);
      state.lost = lostCount(difference);
      state.detail = describeDifference(difference);
      check(isClean(difference), `a window opened after both finished does not list the union of their edits:\n${state.detail}`);
    });

    it('applies the edits a stale window refused, as a user does after reloading', async () => {
      const ids = new Map<string, string>();
      for (const j of [...journals]) {
        const replayed: JournalEntry[] = [];
        for (const step of j.refused ?? []) {
          const done = await apply(j.window, 2, fromRefused(step), ids);
          check(done !== 'refused', `the reloaded window refused "${step.op}" of window ${j.window}'s edits`);
          replayed.push(done);
        }
        state.replayed += replayed.length;
        journals.push({ window: j.window, baseline: j.baseline, entries: replayed });
      }
      const difference = await settledDifference(journals, 3000);
      state.lost = lostCount(difference);
      state.detail = describeDifference(difference);
      check(isClean(difference), `after the refused edits were applied, the list is not the union of every edit:\n${state.detail}`);
    });

    it('every surviving profile signs a call with its own secret', async () => {
      const failures = await signEach('verify', journals);
      check(failures.length === 0, `${failures.length} profile(s) did not sign with their own secret:\n${failures.join('\n')}`);
    });
  });
});
