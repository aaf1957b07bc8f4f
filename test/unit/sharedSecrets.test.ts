import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SecretStore } from '../../src/credentials/profileStorage';
import { ProfileStore } from '../../src/credentials/profileStore';
import { REVISION_KEY, SharedSecrets, StaleSecretsError } from '../../src/credentials/sharedSecrets';
import { Emitter } from '../../src/util/events';
import { FakeSecretBackend, MemoryLog } from './fakes';

/** VS Code for the Web: each window reads the store once when it opens and writes its whole copy back. */
class BrowserStorage {
  saved = new Map<string, string>();

  openWindow(): SecretStore {
    const copy = new Map(this.saved);
    const changed = new Emitter<{ key: string }>();
    const save = () => {
      this.saved = new Map(copy);
    };
    return {
      get: async (key) => copy.get(key),
      store: async (key, value) => {
        copy.set(key, value);
        save();
        changed.fire({ key });
      },
      delete: async (key) => {
        copy.delete(key);
        save();
        changed.fire({ key });
      },
      onDidChange: changed.event,
    };
  }
}

const instant = async () => undefined;

describe('SharedSecrets: one window never wipes another window\'s secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acc-shared-secrets-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Waiting moves a clock of its own, so waiting for a copy that never catches up costs nothing.
  let waited = 0;
  const open = (store: SecretStore, log = new MemoryLog()) => new SharedSecrets(store, dir, log, {
    watchIntervalMs: 0, now: () => Date.now() + waited, sleep: async (ms) => {
      waited += ms;
    },
  });

  it('the storage itself loses a window\'s secret when two browser windows write (why the guard exists)', async () => {
    const browser = new BrowserStorage();
    const a = browser.openWindow();
    const b = browser.openWindow();
    await a.store('k-a', 'secret-a');
    await b.store('k-b', 'secret-b');
    assert.equal(browser.saved.get('k-a'), undefined, 'B wrote its copy, which never had A\'s secret');
  });

  it('in the browser, the window that writes second is refused and told to reload; nothing is lost', async () => {
    const browser = new BrowserStorage();
    const a = open(browser.openWindow());
    const b = open(browser.openWindow());
    let staleEvents = 0;
    b.onDidBecomeStale(() => staleEvents++);
    await a.store('k-a', 'secret-a');
    await assert.rejects(b.store('k-b', 'secret-b'), StaleSecretsError);
    assert.equal(browser.saved.get('k-a'), 'secret-a', 'A\'s secret survived');
    assert.equal(browser.saved.get('k-b'), undefined);
    assert.equal(b.isStale, true);
    assert.equal(staleEvents, 1);
    await assert.rejects(b.delete('k-a'), StaleSecretsError, 'a stale window refuses every write');
    assert.equal(browser.saved.get('k-a'), 'secret-a');
    // Reloading opens a fresh copy: it sees A's write and may write.
    const reloaded = open(browser.openWindow());
    await reloaded.store('k-b', 'secret-b');
    assert.equal(browser.saved.get('k-a'), 'secret-a');
    assert.equal(browser.saved.get('k-b'), 'secret-b');
    assert.equal(await a.check(), true, 'and now A is the one behind');
  });

  it('with one shared store (desktop VS Code), both windows keep writing', async () => {
    const backend = new FakeSecretBackend();
    const a = open(backend.window());
    const b = open(backend.window());
    for (let i = 0; i < 5; i++) {
      await a.store(`a${i}`, `secret-a${i}`);
      await b.store(`b${i}`, `secret-b${i}`);
    }
    assert.equal(a.isStale || b.isStale, false);
    assert.equal(backend.data.size, 11, 'ten secrets and the revision');
    assert.equal(backend.data.get(REVISION_KEY), '10');
    assert.equal(fs.readFileSync(path.join(dir, 'secrets-revision'), 'utf8').trim(), '10');
  });

  it('two windows writing at the same moment are serialised by the lock: exactly one is refused, nothing half-written', async () => {
    const browser = new BrowserStorage();
    const a = open(browser.openWindow());
    const b = open(browser.openWindow());
    const results = await Promise.allSettled([a.store('k-a', 'secret-a'), b.store('k-b', 'secret-b')]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const saved = [...browser.saved.keys()].filter((k) => k !== REVISION_KEY);
    assert.equal(saved.length, 1, 'the winner\'s secret, and only it');
  });

  it('starts from the file\'s revision when secret storage was cleared long ago (a new browser profile)', async () => {
    fs.writeFileSync(path.join(dir, 'secrets-revision'), '7\n');
    const old = new Date(Date.now() - 24 * 3600 * 1000);
    fs.utimesSync(path.join(dir, 'secrets-revision'), old, old);
    const log = new MemoryLog();
    const w = open(new BrowserStorage().openWindow(), log);
    await w.store('k', 'v');
    assert.equal(w.isStale, false);
    assert.equal(fs.readFileSync(path.join(dir, 'secrets-revision'), 'utf8').trim(), '8');
    assert.ok(log.lines.some((l) => l.includes('starting from there')));
  });

  it('treats a write that raced its start-up as another window\'s, and refuses', async () => {
    const browser = new BrowserStorage();
    const late = open(browser.openWindow()); // opened, copy read…
    const other = open(browser.openWindow());
    await other.store('k-other', 'secret-other'); // …then another window wrote before our first use
    await assert.rejects(late.store('k', 'v'), StaleSecretsError);
    assert.equal(browser.saved.get('k-other'), 'secret-other');
  });

  it('takes over a lock left by a window that died while writing', async () => {
    fs.mkdirSync(path.join(dir, 'secrets.lock'));
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, 'secrets.lock'), old, old);
    const log = new MemoryLog();
    const w = open(new FakeSecretBackend().window(), log);
    await w.store('k', 'v');
    assert.ok(log.lines.some((l) => l.includes('removing a lock')));
    assert.equal(fs.existsSync(path.join(dir, 'secrets.lock')), false, 'released after the write');
  });

  it('keeps ProfileStore\'s profiles of both browser windows: the second one is refused, not silently lost', async () => {
    const browser = new BrowserStorage();
    const storeA = new ProfileStore(open(browser.openWindow()), new MemoryLog(), { repairDelayMs: 0, sleep: instant });
    const storeB = new ProfileStore(open(browser.openWindow()), new MemoryLog(), { repairDelayMs: 0, sleep: instant });
    await storeA.add({ name: 'from-a', kind: 'AccessKey', accessKeyId: 'LTAI5tWindowA0000000001', regionId: 'cn-hangzhou', source: 'manual' }, { accessKeySecret: 'secret-of-window-a-000001' });
    await assert.rejects(
      storeB.add({ name: 'from-b', kind: 'AccessKey', accessKeyId: 'LTAI5tWindowB0000000001', regionId: 'cn-hangzhou', source: 'manual' }, { accessKeySecret: 'secret-of-window-b-000001' }),
      StaleSecretsError,
    );
    const fresh = new ProfileStore(open(browser.openWindow()), new MemoryLog(), { repairDelayMs: 0, sleep: instant });
    const names = (await fresh.list()).map((p) => p.name);
    assert.deepEqual(names, ['from-a']);
    const [profile] = await fresh.list();
    assert.equal((await fresh.getSecrets(profile.id))?.accessKeySecret, 'secret-of-window-a-000001');
    for (const store of [storeA, storeB, fresh]) {
      store.dispose();
    }
  });
});
