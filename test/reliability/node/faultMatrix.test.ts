// Service level: every cloud call × {5xx, throttling, timeout, connection reset, HTML error
// page, malformed JSON}, with the real SDK over real HTTP against the emulator. Each combination
// must end in an AliyunError a person can act on; reads are retried within READ_RETRY's attempts and
// then succeed once the fault is gone; writes are sent exactly once, also when the action ran and
// only its answer was lost; nothing stored changes that the call did not change. Listings are also
// faulted on page 2 (page 1 answered): the whole listing fails or, retried, comes back whole.
import * as assert from 'node:assert/strict';
import { CloudClientFactory, type CloudSession, type CloudSettings } from '../../../src/aliyun/clientFactory';
import { AliyunError, type ErrorKind } from '../../../src/aliyun/errors';
import { TIMEOUT_ATTEMPTS } from '../../../src/aliyun/call';
import { AliyunRamService, LIST_USERS_MAX_ITEMS } from '../../../src/aliyun/ramService';
import { AliyunSlbService, SLB_MAX_PAGE_SIZE } from '../../../src/aliyun/slbService';
import { AliyunStsService } from '../../../src/aliyun/stsService';
import type { Log } from '../../../src/util/log';
import { READ_RETRY, type RetryPolicy } from '../../../src/util/retry';
import { K, testSeed } from '../../emulator/helpers';
import { startEmulator, type FaultSpec, type RunningEmulator, type SeedFile } from '../../emulator/server';
import { writeCounts } from '../counts';

/** STS credentials of an administrator role: the token, too, must never reach a message or the log. */
const CRED = {
  accessKeyId: 'STS.NFaultMatrixKey000001',
  accessKeySecret: 'fault-matrix-secret-not-real-0001',
  securityToken: 'fault-matrix-security-token-not-real-0001',
};
/** An administrator of an account with two pages of users and two of cn-hangzhou load balancers. */
const PAGED_CRED = {
  accessKeyId: 'STS.NFaultMatrixPaged0001',
  accessKeySecret: 'fault-matrix-paged-secret-not-real-01',
  securityToken: 'fault-matrix-paged-token-not-real-0001',
};
const PAGED_USERS = LIST_USERS_MAX_ITEMS + 7;
const PAGED_LBS = SLB_MAX_PAGE_SIZE + 9;
/** Short, so the hang (timeout) cases stay fast; a normal answer of the in-process emulator takes a few ms. */
const READ_TIMEOUT_MS = 400;
/** READ_RETRY's attempt count with short delays: the limits under test stay those of production. */
const FAST_RETRY: RetryPolicy = { attempts: READ_RETRY.attempts, baseDelayMs: 5, maxDelayMs: 20 };

// ---- the faults, and the rule for each (what errors.ts makes of it) ---------------------------

type FaultKind = '5xx' | 'throttling' | 'timeout' | 'reset' | 'html' | 'malformed';

interface FaultRule {
  readonly spec: Pick<FaultSpec, 'type' | 'status' | 'retryAfterMs'>;
  readonly kind: ErrorKind;
  readonly code: string;
  /**
   * Whether a read tries again (AliyunError.transient). The rule: every one of these six is worth
   * another try for an idempotent read. 5xx and throttling are the service saying "later"; a reset,
   * a timeout, an HTML page from a proxy or gateway, or a body cut short are the path between us
   * and the service failing once, which says nothing about the next request. A write is never
   * retried, whatever the fault: it may have happened.
   */
  readonly retried: boolean;
  /** Attempts of a read under a persistent fault, when fewer than READ_RETRY's (a timeout costs the whole timeout each time). */
  readonly attempts?: number;
  /** What the message says for this fault, beyond what every message must (see assertClear). */
  readonly says: (endpoint: string) => readonly RegExp[];
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const FAULTS: Readonly<Record<FaultKind, FaultRule>> = {
  '5xx': {
    spec: { type: 'status', status: 503 },
    kind: 'serverError', code: 'ServiceUnavailable', retried: true,
    says: () => [/Alibaba Cloud had an internal error \(ServiceUnavailable, HTTP 503\)/, /Try again later/],
  },
  throttling: {
    // A short hint: the shared ThrottleGate pauses every caller of the key for it.
    spec: { type: 'throttle', retryAfterMs: 20 },
    kind: 'throttled', code: 'Throttling.User', retried: true,
    says: () => [/limiting the request rate \(Throttling\.User\)/, /Wait a moment and try again/],
  },
  timeout: {
    spec: { type: 'hang' },
    kind: 'timeout', code: 'Timeout', retried: true, attempts: TIMEOUT_ATTEMPTS,
    says: (endpoint) => [new RegExp(`${esc(endpoint)} did not answer in time`), /try again/],
  },
  reset: {
    spec: { type: 'reset' },
    kind: 'unreachable', code: 'ECONNRESET', retried: true,
    says: (endpoint) => [new RegExp(`Cannot reach ${esc(endpoint)} \\(ECONNRESET\\)`), /Check your network connection/],
  },
  html: {
    spec: { type: 'html' },
    kind: 'badResponse', code: 'BadResponse', retried: true,
    says: (endpoint) => [new RegExp(`${esc(endpoint)} answered with something that is not an Alibaba Cloud API response`), /try again later/],
  },
  malformed: {
    spec: { type: 'malformed' },
    kind: 'badResponse', code: 'BadResponse', retried: true,
    says: (endpoint) => [new RegExp(`${esc(endpoint)} answered with something that is not an Alibaba Cloud API response`), /try again later/],
  },
};
const FAULT_KINDS = Object.keys(FAULTS) as FaultKind[];

// ---- every cloud call -----------------------------------------------------------------------------

/**
 * The stored AccessKeys as `owner/id/status`, and the users and their policies as
 * `user:account/name` and `policy:account/user/name`, sorted (lastUsedDate left out: every signed
 * call sets it).
 */
type Keys = string[];

/** A write's effect: exactly these entries appeared (`added`) or went (`removed`), nothing else changed. */
function changedExactly(before: Keys, after: Keys, added: readonly RegExp[], removed: readonly RegExp[]): void {
  const made = after.filter((k) => !before.includes(k));
  const gone = before.filter((k) => !after.includes(k));
  eq(made.length, added.length, `added: ${made.join(', ')}`);
  eq(gone.length, removed.length, `removed: ${gone.join(', ')}`);
  added.forEach((re, i) => ok(re.test(made[i]), `${made[i]} is not ${String(re)}`));
  removed.forEach((re, i) => ok(re.test(gone[i]), `${gone[i]} is not ${String(re)}`));
}

interface CloudCall {
  readonly service: 'ram' | 'sts' | 'slb';
  readonly method: string;
  readonly write: boolean;
  /** The emulator actions one call makes, in order, with the test seed; the fault hits the first. */
  readonly actions: readonly string[];
  readonly run: (s: CloudSession) => Promise<unknown>;
  /** Writes: the keys once the action has run, from the keys before. */
  readonly effect?: (before: Keys, after: Keys) => void;
  /** A listing run in the two-page account, the fault skipping page 1; `whole` checks nothing is lost or doubled. */
  readonly page2?: { readonly whole: (result: unknown) => void };
}

const DAVE1 = K.dave1.accessKeyId;
const DAVE2 = K.dave2.accessKeyId;

const CALLS: readonly CloudCall[] = [
  { service: 'ram', method: 'listUsers', write: false, actions: ['ListUsers'], run: (s) => s.ram.listUsers() },
  { service: 'ram', method: 'listAllUsers', write: false, actions: ['ListUsers'], run: (s) => s.ram.listAllUsers() },
  { service: 'ram', method: 'getUser', write: false, actions: ['GetUser'], run: (s) => s.ram.getUser('alice') },
  { service: 'ram', method: 'listAccessKeys', write: false, actions: ['ListAccessKeys'], run: (s) => s.ram.listAccessKeys('dave') },
  {
    service: 'ram', method: 'createAccessKey', write: true, actions: ['CreateAccessKey'], run: (s) => s.ram.createAccessKey('nokeys'),
    effect: (before, after) => {
      const made = after.filter((k) => !before.includes(k));
      eq(made.length, 1, `exactly one new key, got ${made.join(', ')}`);
      ok(/^nokeys\/LTAI\w+\/Active$/.test(made[0]), `the new key belongs to nokeys: ${made[0]}`);
      eq(after.filter((k) => made[0] !== k), before, 'no other key changed');
    },
  },
  {
    service: 'ram', method: 'updateAccessKey', write: true, actions: ['UpdateAccessKey'], run: (s) => s.ram.updateAccessKey(DAVE1, 'Inactive', 'dave'),
    effect: (before, after) => {
      ok(before.includes(`dave/${DAVE1}/Active`), 'the key was active');
      eq(after, before.map((k) => (k === `dave/${DAVE1}/Active` ? `dave/${DAVE1}/Inactive` : k)).sort(), 'the key is disabled, nothing else changed');
    },
  },
  {
    service: 'ram', method: 'deleteAccessKey', write: true, actions: ['DeleteAccessKey'], run: (s) => s.ram.deleteAccessKey(DAVE2, 'dave'),
    effect: (before, after) => {
      eq(after, before.filter((k) => !k.startsWith(`dave/${DAVE2}/`)), 'exactly that key is gone');
      eq(after.length, before.length - 1, 'one key fewer');
    },
  },
  { service: 'ram', method: 'getAccessKeyLastUsed', write: false, actions: ['GetAccessKeyLastUsed'], run: (s) => s.ram.getAccessKeyLastUsed(DAVE1, 'dave') },
  {
    service: 'ram', method: 'createUser', write: true, actions: ['CreateUser'], run: (s) => s.ram.createUser('newbie', 'Newbie'),
    effect: (before, after) => changedExactly(before, after, [/^user:\d+\/newbie$/], []),
  },
  {
    service: 'ram', method: 'deleteUser', write: true, actions: ['DeleteUser'], run: (s) => s.ram.deleteUser('nokeys'),
    effect: (before, after) => changedExactly(before, after, [], [/^user:\d+\/nokeys$/]),
  },
  {
    service: 'ram', method: 'attachPolicyToUser', write: true, actions: ['AttachPolicyToUser'], run: (s) => s.ram.attachPolicyToUser('System', 'AliyunSLBReadOnlyAccess', 'carol'),
    effect: (before, after) => changedExactly(before, after, [/^policy:\d+\/carol\/AliyunSLBReadOnlyAccess$/], []),
  },
  {
    service: 'ram', method: 'detachPolicyFromUser', write: true, actions: ['DetachPolicyFromUser'], run: (s) => s.ram.detachPolicyFromUser('System', 'AliyunSLBReadOnlyAccess', 'withpolicy'),
    effect: (before, after) => changedExactly(before, after, [], [/^policy:\d+\/withpolicy\/AliyunSLBReadOnlyAccess$/]),
  },
  { service: 'ram', method: 'listPoliciesForUser', write: false, actions: ['ListPoliciesForUser'], run: (s) => s.ram.listPoliciesForUser('bob') },
  { service: 'sts', method: 'getCallerIdentity', write: false, actions: ['GetCallerIdentity'], run: (s) => s.sts.getCallerIdentity() },
  { service: 'slb', method: 'describeRegions', write: false, actions: ['DescribeRegions'], run: (s) => s.slb.describeRegions('en-US') },
  { service: 'slb', method: 'describeLoadBalancers', write: false, actions: ['DescribeLoadBalancers'], run: (s) => s.slb.describeLoadBalancers('cn-hangzhou', 1, 10) },
  { service: 'slb', method: 'listAllLoadBalancers', write: false, actions: ['DescribeLoadBalancers'], run: (s) => s.slb.listAllLoadBalancers('cn-hangzhou') },
  {
    // scanRegions reports a failed region instead of rejecting: its error is rethrown to be checked like the others.
    service: 'slb', method: 'scanRegions', write: false, actions: ['DescribeLoadBalancers'],
    run: async (s) => {
      const [scan] = await s.slb.scanRegions(['eu-central-1']);
      if (scan.error !== undefined) {
        throw scan.error;
      }
      ok(scan.loadBalancers !== undefined && scan.loadBalancers.length === 1, 'the region was scanned');
      return scan.loadBalancers;
    },
  },
  {
    service: 'slb', method: 'describeLoadBalancerAttribute', write: false, actions: ['DescribeLoadBalancerAttribute'],
    run: (s) => s.slb.describeLoadBalancerAttribute('eu-central-1', 'lb-gwtest000000000001'),
  },
];

/** [items, distinct ids] of a listing. */
const countDistinct = (list: unknown, id: string): [number, number] =>
  [(list as unknown[]).length, new Set((list as Record<string, unknown>[]).map((item) => item[id])).size];

/** The same listings, faulted on page 2 (the fault skips the request for page 1). */
const PAGE2_CALLS: readonly CloudCall[] = [
  {
    service: 'ram', method: 'listAllUsers', write: false, actions: ['ListUsers', 'ListUsers'], run: (s) => s.ram.listAllUsers(),
    page2: { whole: (users) => eq(countDistinct(users, 'userName'), [PAGED_USERS, PAGED_USERS], 'every user, once') },
  },
  {
    service: 'slb', method: 'listAllLoadBalancers', write: false, actions: ['DescribeLoadBalancers', 'DescribeLoadBalancers'],
    run: (s) => s.slb.listAllLoadBalancers('cn-hangzhou'),
    page2: { whole: (lbs) => eq(countDistinct(lbs, 'loadBalancerId'), [PAGED_LBS, PAGED_LBS], 'every instance, once') },
  },
];
const ALL_CALLS = [...CALLS, ...PAGE2_CALLS];
const label = (call: CloudCall): string => `${call.service}.${call.method}${call.page2 ? ' page 2' : ''}`;

/** The account PAGED_CRED administers: one page and a bit of users and of load balancers. */
function pagedAccount(): SeedFile['accounts'][number] {
  const pad = (i: number): string => String(i).padStart(5, '0');
  return {
    accountId: '3000000000000003',
    users: Array.from({ length: PAGED_USERS }, (_, i) => ({ userName: `paged-${pad(i)}` })),
    loadBalancers: Array.from({ length: PAGED_LBS }, (_, i) => ({ regionId: 'cn-hangzhou', loadBalancerId: `lb-bppaged${pad(i)}` })),
    stsTokens: [{ ...PAGED_CRED, expiration: '2099-01-01T00:00:00Z', roleName: 'FaultMatrixPaged', policies: ['AdministratorAccess'] }],
  };
}

// ---- checks ------------------------------------------------------------------------------------------

let checks = 0;
function ok(value: unknown, message: string): void {
  assert.ok(value, message);
  checks++;
}
function eq<T>(actual: T, expected: T, message: string): void {
  assert.deepEqual(actual, expected, message);
  checks++;
}

/** What every message must be, and what this fault's message must say. */
function assertClear(e: AliyunError, call: CloudCall, fault: FaultKind, endpoint: string): void {
  const rule = FAULTS[fault];
  const m = e.message;
  const where = `${call.method} × ${fault}: "${m}"`;
  eq(e.kind, rule.kind, `kind, ${where}`);
  eq(e.code, rule.code, `code, ${where}`);
  eq(e.transient, rule.retried, `transient, ${where}`);
  eq([e.product, e.action], [call.service, call.actions[0]], `the error names product and action for the log, ${where}`);
  ok(m.trim().length >= 20, `a sentence, ${where}`);
  ok(!/<\/?[a-z!][^>]*>/i.test(m), `no HTML, ${where}`);
  ok(!/\bundefined\b|\bnull\b|\bNaN\b|\[object \w+\]/.test(m), `no undefined/[object Object], ${where}`);
  ok(!/\n|\bat \S+ \(|\.js:\d+/.test(m), `one line, no stack, ${where}`);
  ok(!/SyntaxError|Unexpected token|JSON\.parse|RequestTimeoutError|socket hang up/.test(m), `no raw SDK/Node error text, ${where}`);
  for (const c of [CRED, PAGED_CRED]) {
    ok(!m.includes(c.accessKeySecret) && !m.includes(c.securityToken), `no secret or security token, ${where}`);
    ok(!m.includes(c.accessKeyId) && !/Signature=|AccessKeyId=/.test(m), `no AccessKey ID or signed URL, ${where}`);
  }
  ok(/try again|wait|check/i.test(m), `says what to do, ${where}`);
  for (const re of rule.says(endpoint)) {
    ok(re.test(m), `says ${re}, ${where}`);
  }
}

// ---- the run ---------------------------------------------------------------------------------------------

describe('fault matrix: every cloud call × every fault (real SDK, emulator over HTTP)', () => {
  let emu: RunningEmulator;
  const logLines: string[] = [];
  const tried = new Set<string>();
  const log: Log = {
    trace: (m) => logLines.push(m), debug: (m) => logLines.push(m), info: (m) => logLines.push(m),
    warn: (m) => logLines.push(m), error: (m) => logLines.push(m),
  };

  before(async () => {
    const seed: SeedFile = testSeed();
    seed.accounts[0].stsTokens?.push({ ...CRED, expiration: '2099-01-01T00:00:00Z', roleName: 'FaultMatrixAdmin', roleSessionName: 'fault-matrix', policies: ['AdministratorAccess'] });
    seed.accounts.push(pagedAccount());
    emu = await startEmulator({ seed });
  });
  after(async () => {
    await emu?.close();
    writeCounts({ part: 'fault-matrix', faults: tried.size, checks, extra: { calls: CALLS.length, page2Calls: PAGE2_CALLS.length, faultKinds: FAULT_KINDS.length } });
  });

  /** A fresh factory each time: no throttle pause or pooled socket carries over from another case. */
  function session(call?: CloudCall): CloudSession {
    const url = `http://${emu.endpoint}`;
    const settings = (): CloudSettings => ({
      endpoints: { ram: url, sts: url, slb: url }, connectTimeoutMs: READ_TIMEOUT_MS, readTimeoutMs: READ_TIMEOUT_MS, retry: FAST_RETRY,
    });
    return new CloudClientFactory(settings, log).session(call?.page2 ? PAGED_CRED : CRED, 'cn-hangzhou');
  }
  const keys = (): Keys =>
    emu.control.state().accounts.flatMap((account) => [
      ...account.rootAccessKeys.map((k) => `root/${k.accessKeyId}/${k.status}`),
      ...account.users.flatMap((u) => u.accessKeys.map((k) => `${u.userName}/${k.accessKeyId}/${k.status}`)),
      ...account.users.flatMap((u) => [`user:${account.accountId}/${u.userName}`, ...u.policies.map((p) => `policy:${account.accountId}/${u.userName}/${p}`)]),
    ]).sort();
  const lastSeq = (): number => emu.control.requests().at(-1)?.seq ?? 0;
  const actionsSince = (seq: number): string[] => emu.control.requests(seq).map((r) => r.action ?? '?');
  const sent = (seq: number, action: string): number => actionsSince(seq).filter((a) => a === action).length;

  async function failure(call: CloudCall, fault: FaultKind): Promise<AliyunError> {
    const started = Date.now();
    let error: unknown;
    try {
      await call.run(session(call));
    } catch (e) {
      error = e;
    }
    // Nothing spins for ever: the worst case is every attempt timing out, plus the short backoffs.
    const limit = READ_RETRY.attempts * (READ_TIMEOUT_MS + 100) + 1500;
    ok(Date.now() - started < limit, `${call.method} × ${fault} settled in ${Date.now() - started} ms (limit ${limit})`);
    ok(error instanceof AliyunError, `${call.method} × ${fault} rejects with an AliyunError, got ${error === undefined ? 'success' : String(error)}`);
    return error as AliyunError;
  }

  describe('the table', () => {
    const methodsOf = (proto: object): string[] =>
      Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, n)?.value === 'function').sort();

    it('has one entry per method of RamService, StsService and SlbService', () => {
      const inTable = (service: CloudCall['service']) => CALLS.filter((c) => c.service === service).map((c) => c.method).sort();
      eq(inTable('ram'), methodsOf(AliyunRamService.prototype), 'AliyunRamService methods (add the new one to CALLS)');
      eq(inTable('sts'), methodsOf(AliyunStsService.prototype), 'AliyunStsService methods (add the new one to CALLS)');
      eq(inTable('slb'), methodsOf(AliyunSlbService.prototype), 'AliyunSlbService methods (add the new one to CALLS)');
      eq(CALLS.filter((c) => c.write).map((c) => c.method), ['createAccessKey', 'updateAccessKey', 'deleteAccessKey', 'createUser', 'deleteUser', 'attachPolicyToUser', 'detachPolicyFromUser'], 'the writes');
    });

    for (const call of ALL_CALLS) {
      it(`${label(call)} without a fault makes exactly ${call.actions.join(', ')} and ${call.write ? 'changes the keys as it should' : 'changes nothing'}`, async () => {
        emu.control.reset();
        const before = keys();
        const seq = lastSeq();
        const result = await call.run(session(call));
        eq(actionsSince(seq), [...call.actions], `${call.method} requests`);
        call.page2?.whole(result);
        if (call.effect) {
          call.effect(before, keys());
        } else {
          eq(keys(), before, `${call.method} changed nothing stored`);
        }
      });
    }
  });

  for (const call of ALL_CALLS) {
    const action = call.actions[0];
    // A page-2 case lets page 1 through: one more request of the action before the faulted ones.
    const skip = call.page2 ? 1 : 0;
    describe(`${label(call)} (${call.write ? 'write' : 'read'}, ${action})`, () => {
      for (const fault of FAULT_KINDS) {
        const rule = FAULTS[fault];
        if (call.write) {
          it(`${fault}: one request, never repeated; before → nothing changed, after → changed exactly once`, async () => {
            tried.add(`${label(call)}/${fault}`);
            for (const when of ['before', 'after'] as const) {
              emu.control.reset();
              const before = keys();
              const seq = lastSeq();
              emu.control.addFault({ ...rule.spec, action, times: 0, when });
              const e = await failure(call, fault);
              assertClear(e, call, fault, emu.endpoint);
              eq(sent(seq, action), 1, `${call.method} × ${fault} (${when}): sent once`);
              if (when === 'before') {
                eq(keys(), before, `${call.method} × ${fault} (before): nothing stored changed`);
              } else {
                call.effect?.(before, keys());
              }
            }
          });
        } else {
          const attempts = rule.retried ? (rule.attempts ?? READ_RETRY.attempts) : 1;
          it(`${fault}: ${call.page2 ? 'page 1, then ' : ''}${attempts} attempt(s) then a clear error; once the fault is gone, a retry succeeds${call.page2 ? ' with every item' : ''}; nothing changed`, async () => {
            tried.add(`${label(call)}/${fault}`);
            emu.control.reset();
            const before = keys();

            let seq = lastSeq();
            emu.control.addFault({ ...rule.spec, action, times: 0, skip });
            const e = await failure(call, fault);
            assertClear(e, call, fault, emu.endpoint);
            eq(sent(seq, action), skip + attempts, `${label(call)} × ${fault}: requests under a persistent fault`);
            emu.control.clearFaults();

            seq = lastSeq();
            emu.control.addFault({ ...rule.spec, action, times: 1, skip });
            if (rule.retried) {
              const result = await call.run(session(call));
              eq(sent(seq, action), skip + 2, `${label(call)} × ${fault}: one failed attempt, one that worked`);
              call.page2?.whole(result);
            } else {
              await failure(call, fault);
              eq(sent(seq, action), 1, `${call.method} × ${fault}: not retried`);
            }
            eq(keys(), before, `${call.method} × ${fault}: nothing stored changed`);
          });
        }
      }
    });
  }

  describe('coverage', () => {
    it(`tried every call × fault (${ALL_CALLS.length} × ${FAULT_KINDS.length}, page-2 listings included)`, () => {
      eq(FAULT_KINDS.length, 6, 'the six fault kinds');
      eq(tried.size, ALL_CALLS.length * FAULT_KINDS.length, 'combinations tried');
    });

    it('logged every failure without the secret, the security token or the full AccessKey ID', () => {
      ok(logLines.some((l) => l.includes('failed')), 'failures were logged');
      const leaks = logLines.filter((l) => [CRED, PAGED_CRED].some((c) => l.includes(c.accessKeySecret) || l.includes(c.securityToken) || l.includes(c.accessKeyId)));
      eq(leaks, [], 'log lines that leak');
    });
  });
});
