import * as assert from 'node:assert/strict';
import { ThrottlingError } from '@alicloud/openapi-core';
import { ApiCaller } from '../../src/aliyun/call';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import type { RamService } from '../../src/aliyun/ramService';
import type { Profile } from '../../src/credentials/profile';
import { AdaptiveLimiter } from '../../src/util/concurrency';
import { Emitter } from '../../src/util/events';
import { DEFAULT_THROTTLE_PAUSE_MS, MAX_THROTTLE_PAUSE_MS, ThrottleGate } from '../../src/util/throttle';
import { DEFAULT_HEALTH_SETTINGS } from '../../src/views/ram/keyHealth';
import { KEY_SCAN_PARALLELISM, scanAllKeys } from '../../src/views/ram/keyScan';
import { userOwner } from '../../src/aliyun/identity';
import { RamExplorerModel, type RamChange } from '../../src/views/ram/ramModel';
import { MemoryLog } from './fakes';
import { aliyunError, FakeCloud } from './ramFakes';

const ADMIN = { accessKeyId: 'LTAI5tScanUnitAdmin00001', accessKeySecret: 'unit-secret-scan-not-real-001' };
const NOW = new Date('2026-11-30T00:00:00Z');
const tick = () => new Promise<void>((r) => setTimeout(r, 1));

describe('ThrottleGate', () => {
  it('pauses every caller for the hint, or the default, and counts throttles', () => {
    let now = 1000;
    const gate = new ThrottleGate(() => now);
    assert.equal(gate.waitMs(), 0);
    gate.report(2500);
    assert.equal(gate.throttled, 1);
    assert.equal(gate.waitMs(), 2500);
    now += 1000;
    assert.equal(gate.waitMs(), 1500);
    gate.report(); // no hint: the default, but never shorter than a pause already set
    assert.equal(gate.waitMs(), 1500);
    now += 2000;
    gate.report();
    assert.equal(gate.waitMs(), DEFAULT_THROTTLE_PAUSE_MS);
    assert.equal(gate.throttled, 3);
    gate.report(3_600_000); // an absurd hint does not freeze every caller for an hour
    assert.equal(gate.waitMs(), MAX_THROTTLE_PAUSE_MS);
  });

  it('makes the next call of the same key wait after one caller was throttled', async () => {
    const gate = new ThrottleGate();
    const sleeps: number[] = [];
    const make = () => new ApiCaller({
      product: 'ram', endpoint: { host: 'ram.aliyuncs.com', protocol: 'https' }, credentials: ADMIN, log: new MemoryLog(), throttle: gate,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, sleep: async (ms) => { sleeps.push(ms); },
    });
    await assert.rejects(make().read('ListUsers', async () => {
      throw new ThrottlingError({ statusCode: 400, code: 'Throttling.User', retryAfter: 3000, data: { Code: 'Throttling.User' } });
    }), (e: Error & { kind?: string }) => e.kind === 'throttled');
    assert.equal(gate.throttled, 1);
    assert.equal(await make().read('ListAccessKeys', async () => 'ok'), 'ok');
    assert.equal(sleeps.length, 1, 'the other caller waited once before its call');
    assert.ok(sleeps[0] > 2900 && sleeps[0] <= 3000, `waited ${sleeps[0]} ms`);
  });
});

describe('AdaptiveLimiter', () => {
  async function runTasks(limiter: AdaptiveLimiter, n: number, task: (i: number) => Promise<void>) {
    let inFlight = 0;
    let most = 0;
    await Promise.all(Array.from({ length: n }, (_, i) => limiter.run(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      assert.ok(inFlight <= limiter.limit, `${inFlight} in flight, ${limiter.limit} allowed`);
      await task(i);
      inFlight--;
    })));
    return most;
  }

  it('grows one step per window of good answers up to the maximum, never beyond', async () => {
    const limiter = new AdaptiveLimiter({ initial: 2, max: 6, throttled: () => 0 });
    const most = await runTasks(limiter, 200, () => tick());
    assert.equal(limiter.limit, 6);
    assert.equal(limiter.peak, 6);
    assert.equal(most, 6);
  });

  it('halves once per window on throttling and keeps at least one in flight', async () => {
    let throttles = 0;
    const limiter = new AdaptiveLimiter({ initial: 16, max: 16, throttled: () => throttles });
    let inFlight = 0;
    let most = 0;
    // A service that throttles whenever more than 3 calls are in flight.
    await Promise.all(Array.from({ length: 300 }, () => limiter.run(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      if (inFlight > 3) {
        throttles++;
      }
      await tick();
      inFlight--;
    })));
    assert.equal(most, 16, 'started at 16');
    assert.ok(limiter.limit <= 4, `settled at ${limiter.limit}, around what the service takes`);
    assert.ok(throttles < 120, `${throttles} throttles for 300 calls: it backed off instead of storming`);
    const floor = new AdaptiveLimiter({ initial: 1, max: 4, throttled: () => ++throttles });
    await runTasks(floor, 5, () => tick());
    assert.equal(floor.limit, 1, 'never below one');
  });
});

describe('Check All AccessKeys (scanAllKeys)', () => {
  function cloud(users: number): FakeCloud {
    const c = new FakeCloud();
    c.addKey(c.addUser('admin', true), ADMIN.accessKeyId, ADMIN.accessKeySecret);
    for (let i = 0; i < users; i++) {
      const u = c.addUser(`u${String(i).padStart(4, '0')}`);
      if (i % 4 === 0) {
        continue; // no keys
      }
      const fresh = c.addKey(u, `LTAI5tScanFresh${String(i).padStart(9, '0')}`, `scan-secret-fresh-${i}-not-real`, 'Active', '2026-11-01T00:00:00Z');
      fresh.lastUsed = '2026-11-29T00:00:00Z';
      if (i % 4 === 2) {
        const old = c.addKey(u, `LTAI5tScanOld${String(i).padStart(11, '0')}`, `scan-secret-old-${i}-not-real`, i % 8 === 2 ? 'Inactive' : 'Active', '2025-01-01T00:00:00Z');
        if (i % 8 === 6) {
          old.lastUsed = '2025-02-01T00:00:00Z';
        }
      }
    }
    return c;
  }

  function setup(c: FakeCloud, wrap: (ram: RamService, gate: ThrottleGate) => RamService = (r) => r) {
    const gate = new ThrottleGate();
    const base = c.session(ADMIN);
    const profile: Profile = { id: 'admin', name: 'admin', kind: 'AccessKey', accessKeyId: ADMIN.accessKeyId, regionId: 'cn-hangzhou', source: 'manual', createdAt: '2026-01-01T00:00:00Z' };
    const session = { ...base, ram: wrap(base.ram, gate), throttle: gate } as unknown as CloudSession;
    const model = new RamExplorerModel(
      { active: async () => ({ profile, session, generation: 0 }), onDidChange: new Emitter<unknown>().event },
      { list: async () => [profile], onDidChange: new Emitter<void>().event },
      new MemoryLog(),
    );
    const changes: RamChange[] = [];
    model.onDidChange((ch) => changes.push(ch));
    return { model, changes, gate };
  }

  it('loads every user\'s keys and last use, counts what needs attention and stores it for the view', async () => {
    const c = cloud(200);
    let inFlight = 0;
    let most = 0;
    const counted = (ram: RamService): RamService => {
      const wrap = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          await tick();
          return await fn(...a);
        } finally {
          inFlight--;
        }
      };
      return { ...ram, listAccessKeys: wrap(ram.listAccessKeys), getAccessKeyLastUsed: wrap(ram.getAccessKeyLastUsed) };
    };
    const { model, changes } = setup(c, counted);
    const progress: number[] = [];
    const result = await scanAllKeys(model, { settings: DEFAULT_HEALTH_SETTINGS, now: NOW, log: new MemoryLog(), onProgress: (p) => progress.push(p.usersDone) });
    assert.ok(result);
    // 201 users (admin + 200): admin 1 key; 150 users with a fresh key; 50 of them also an old one.
    assert.equal(result.users, 201);
    assert.equal(result.keys, 1 + 150 + 50);
    assert.equal(result.atLimit, 50);
    assert.equal(result.warnings.old, 50 + 1, 'the old keys and the admin key (created 2025-01-01)');
    assert.equal(result.warnings.inactive, 25);
    assert.equal(result.warnings.unused, 25 + 1, 'old active keys last used in February 2025, and the admin key (the fake marks it used on 2026-01-01)');
    assert.equal(result.warnings.neverUsed, 25, 'the inactive old keys were never used');
    assert.equal(result.usersFailed, 0);
    assert.equal(result.calls, 201 + 201);
    assert.ok(most <= KEY_SCAN_PARALLELISM.max, `${most} calls at once`);
    assert.ok(most > 1, 'in parallel');
    assert.equal(progress.at(-1), 201);
    assert.ok(changes.some((ch) => ch.kind === 'keysOfMany'));
    const loaded = model.loadedKeys(userOwner('u0002'));
    assert.ok(loaded?.ok);
    assert.equal(loaded.value.length, 2);
    assert.deepEqual(model.knownLastUse(userOwner('u0006'), 'LTAI5tScanOld00000000006'), { state: 'known', date: '2025-02-01T00:00:00Z' });
    const before = c.calls.length;
    assert.equal((await model.keys(userOwner('u0002'))).ok, true);
    assert.equal(c.calls.length, before, 'the view reuses what the check loaded: no second ListAccessKeys');
  });

  it('backs off when throttled instead of storming, and still checks every key', async () => {
    const c = cloud(120);
    let inFlight = 0;
    let throttledAnswers = 0;
    let answered = 0;
    // A service that throttles above 4 calls at once; the gate is what the real ApiCaller reports to.
    const throttling = (ram: RamService, gate: ThrottleGate): RamService => {
      const wrap = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
        inFlight++;
        try {
          await tick();
          if (inFlight > 4) {
            throttledAnswers++;
            gate.report(1);
            throw aliyunError('throttled', 'Throttling.User');
          }
          answered++;
          return await fn(...a);
        } finally {
          inFlight--;
        }
      };
      return { ...ram, listAccessKeys: wrap(ram.listAccessKeys), getAccessKeyLastUsed: wrap(ram.getAccessKeyLastUsed) };
    };
    const { model } = setup(c, throttling);
    const result = await scanAllKeys(model, { settings: DEFAULT_HEALTH_SETTINGS, now: NOW, log: new MemoryLog() });
    assert.ok(result);
    assert.equal(result.usersFailed, 0, 'throttled calls were queued again, not given up');
    assert.equal(result.lastUseUnknown, 0);
    assert.equal(result.keys, 1 + 90 + 30);
    assert.equal(answered, 121 + 121);
    assert.equal(result.throttled, throttledAnswers);
    assert.ok(throttledAnswers < answered / 4, `${throttledAnswers} throttled for ${answered} answered`);
  });

  it('stops when cancelled and reports it; a failed user is counted with the reason', async () => {
    const c = cloud(100);
    c.fault('ListAccessKeys', 'before', 'noPermission', 'NoPermission', 1);
    const { model } = setup(c);
    let seen = 0;
    const result = await scanAllKeys(model, { settings: DEFAULT_HEALTH_SETTINGS, now: NOW, log: new MemoryLog(), onProgress: () => seen++, isCancelled: () => seen >= 30 });
    assert.ok(result);
    assert.equal(result.cancelled, true);
    assert.ok(result.calls < 150, `${result.calls} calls after cancelling`);
    assert.equal(result.usersFailed, 1);
    assert.equal((result.firstError as Error & { code?: string }).code, 'NoPermission');
  });
});
