import * as assert from 'node:assert/strict';
import { RefreshingCredentials, type TemporaryCredentials } from '../../src/credentials/roles/refreshingCredentials';

const HOUR = 3600 * 1000;

/** A clock the test moves, and an AssumeRole stand-in that counts its calls and can be made to fail or wait. */
function world(lifetimeMs = HOUR) {
  let now = Date.parse('2026-12-06T10:00:00Z');
  let calls = 0;
  let fail: Error | undefined;
  let gate: Promise<void> | undefined;
  const obtain = async (): Promise<TemporaryCredentials> => {
    calls++;
    const n = calls;
    if (gate) {
      await gate;
    }
    if (fail) {
      throw fail;
    }
    return { accessKeyId: `STS.k${n}`, accessKeySecret: `s${n}`, securityToken: `t${n}`, expiration: new Date(now + lifetimeMs).toISOString() };
  };
  const creds = new RefreshingCredentials({ obtain, now: () => now });
  return {
    creds,
    calls: () => calls,
    advance: (ms: number) => { now += ms; },
    failWith: (e: Error | undefined) => { fail = e; },
    hold: () => { let release = () => {}; gate = new Promise<void>((r) => (release = r)); return () => { gate = undefined; release(); }; },
  };
}

describe('temporary credentials, renewed before they expire', () => {
  it('obtains on first use and reuses them for most of their life', async () => {
    const w = world();
    assert.equal((await w.creds.get()).accessKeyId, 'STS.k1');
    w.advance(50 * 60 * 1000);
    assert.equal((await w.creds.get()).accessKeyId, 'STS.k1');
    assert.equal(w.calls(), 1);
  });

  it('renews with 6 minutes left of an hour (10 % of the lifetime), not later', async () => {
    const w = world();
    await w.creds.get();
    w.advance(HOUR - 6 * 60 * 1000 - 1);
    assert.equal((await w.creds.get()).accessKeyId, 'STS.k1');
    w.advance(2);
    assert.equal((await w.creds.get()).accessKeyId, 'STS.k2');
  });

  it('renews short-lived credentials at half their life at the latest', async () => {
    const w = world(10 * 1000);
    await w.creds.get();
    w.advance(5001);
    assert.equal((await w.creds.get()).accessKeyId, 'STS.k2');
  });

  it('asks once for every caller at the same moment (single flight)', async () => {
    const w = world();
    const release = w.hold();
    const all = Promise.all(Array.from({ length: 20 }, () => w.creds.get()));
    release();
    const got = await all;
    assert.equal(w.calls(), 1);
    assert.ok(got.every((c) => c.accessKeyId === 'STS.k1'));
  });

  it('keeps the credentials in hand when a renewal fails, says why, and retries only after a pause', async () => {
    const w = world();
    await w.creds.get();
    w.advance(HOUR - 60 * 1000);
    w.failWith(new Error('NoPermission'));
    const events: unknown[] = [];
    w.creds.onDidChange((e) => events.push(e.lastError));
    assert.equal((await w.creds.get()).accessKeyId, 'STS.k1', 'still valid for a minute');
    assert.equal((w.creds.state().lastError as Error).message, 'NoPermission');
    assert.equal(events.length, 1);
    assert.equal((await w.creds.get()).accessKeyId, 'STS.k1');
    assert.equal(w.calls(), 2, 'no new AssumeRole on every call while failing');
    w.advance(31 * 1000);
    w.failWith(undefined);
    assert.equal((await w.creds.get()).accessKeyId, 'STS.k3');
    assert.equal(w.creds.state().lastError, undefined);
  });

  it('never hands out expired credentials: the failure is thrown once they are gone', async () => {
    const w = world();
    await w.creds.get();
    w.advance(HOUR);
    w.failWith(new Error('NoPermission'));
    await assert.rejects(w.creds.get(), /NoPermission/);
  });

  it('refuses credentials that arrive already expired', async () => {
    const w = world(-1000);
    await assert.rejects(w.creds.get(), /already expired/);
  });

  it('obtains new ones after reset()', async () => {
    const w = world();
    await w.creds.get();
    w.creds.reset();
    assert.equal((await w.creds.get()).accessKeyId, 'STS.k2');
  });
});
