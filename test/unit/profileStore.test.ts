import * as assert from 'node:assert/strict';
import { ActiveProfile } from '../../src/credentials/activeProfile';
import { ProfileStore, type NewProfile } from '../../src/credentials/profileStore';
import type { Profile } from '../../src/credentials/profile';
import { FakeMemento, FakeSecretBackend, MemoryLog } from './fakes';
import { gate, LaggySecretBackend, seededRandom } from './profileFakes';

const SECRET = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123';
const base = (name: string): NewProfile => ({ name, kind: 'AccessKey', accessKeyId: `LTAI5t${name}Xx1234abcd`, regionId: 'cn-hangzhou', source: 'manual' });

describe('ProfileStore', () => {
  it('keeps secrets out of the index and returns them by id', async () => {
    const backend = new FakeSecretBackend();
    const store = new ProfileStore(backend.window(), new MemoryLog());
    const p = await store.add(base('dev'), { accessKeySecret: SECRET });
    const index = backend.data.get('alibabaCloud.profiles') ?? '';
    assert.ok(index.includes('dev'));
    assert.ok(!index.includes(SECRET), 'secret found in the index');
    assert.deepEqual(await store.getSecrets(p.id), { accessKeySecret: SECRET, securityToken: undefined });
    assert.equal((await store.list()).length, 1);
  });

  it('never logs a secret', async () => {
    const log = new MemoryLog();
    const store = new ProfileStore(new FakeSecretBackend().window(), log);
    const p = await store.add(base('dev'), { accessKeySecret: SECRET, securityToken: 'TOKEN-VALUE-123' });
    await store.update(p.id, { regionId: 'cn-beijing' }, { accessKeySecret: SECRET + 'x' });
    await store.remove(p.id);
    const text = log.lines.join('\n');
    assert.ok(!text.includes(SECRET) && !text.includes('TOKEN-VALUE-123'));
    assert.ok(!text.includes(p.accessKeyId), 'unmasked AccessKey ID in the log');
  });

  it('keeps every profile when one window adds several at once', async () => {
    const store = new ProfileStore(new FakeSecretBackend().window(), new MemoryLog());
    await Promise.all(['a', 'b', 'c', 'd'].map((n) => store.add(base(n), { accessKeySecret: SECRET })));
    assert.deepEqual((await store.list()).map((p) => p.name).sort(), ['a', 'b', 'c', 'd']);
  });

  it('shows another window\'s change through onDidChange', async () => {
    const backend = new FakeSecretBackend();
    const one = new ProfileStore(backend.window(), new MemoryLog(), { repairDelayMs: 5 });
    const two = new ProfileStore(backend.window(), new MemoryLog(), { repairDelayMs: 5 });
    assert.equal((await two.list()).length, 0);
    let fired = 0;
    two.onDidChange(() => fired++);
    await one.add(base('shared'), { accessKeySecret: SECRET });
    assert.ok(fired > 0);
    assert.deepEqual((await two.list()).map((p) => p.name), ['shared']);
  });

  it('removes the secret with the profile', async () => {
    const backend = new FakeSecretBackend();
    const store = new ProfileStore(backend.window(), new MemoryLog());
    const p = await store.add(base('gone'), { accessKeySecret: SECRET });
    await store.remove(p.id);
    assert.equal(await store.getSecrets(p.id), undefined);
    assert.ok(![...backend.data.values()].some((v) => v.includes(SECRET)));
  });

  it('survives a corrupt index without throwing', async () => {
    const backend = new FakeSecretBackend();
    backend.data.set('alibabaCloud.profiles', '{not json');
    const log = new MemoryLog();
    const store = new ProfileStore(backend.window(), log);
    assert.deepEqual(await store.list(), []);
    assert.ok(log.lines.some((l) => l.includes('not valid JSON')));
  });
});

const INDEX = 'alibabaCloud.profiles';
const storedNames = (backend: { data: Map<string, string> }) =>
  (JSON.parse(backend.data.get(INDEX) ?? '{"profiles":[]}') as { profiles: Array<{ name: string }> }).profiles.map((p) => p.name).sort();
const quick = { repairDelayMs: 5 };

/** Windows A and B on one backend; B's first index write waits until `held.open()`. */
function twoWindowsWithHeldWrite(backend: LaggySecretBackend) {
  const held = gate();
  let holdOnce = true;
  const a = new ProfileStore(backend.window(), new MemoryLog(), quick);
  const b = new ProfileStore(backend.window({
    beforeStore: async (key) => {
      if (key === INDEX && holdOnce) {
        holdOnce = false;
        await held.promise;
      }
    },
  }), new MemoryLog(), quick);
  return { a, b, held };
}

describe('ProfileStore with two windows writing at once', () => {
  it('a naive read-modify-write in this interleaving would lose a profile (the scenario is real)', async () => {
    // Two windows read the empty index, then each writes its own one-entry list: the last write wins.
    const backend = new FakeSecretBackend();
    const a = backend.window();
    const b = backend.window();
    const [ra, rb] = await Promise.all([a.get(INDEX), b.get(INDEX)]);
    assert.equal(ra, undefined);
    assert.equal(rb, undefined);
    await a.store(INDEX, JSON.stringify({ version: 1, profiles: [{ id: '1', name: 'a', accessKeyId: 'LTAI5tAaaaaaaaaa' }] }));
    await b.store(INDEX, JSON.stringify({ version: 1, profiles: [{ id: '2', name: 'b', accessKeyId: 'LTAI5tBbbbbbbbbb' }] }));
    assert.deepEqual(storedNames(backend), ['b']);
  });

  it('keeps both when one window\'s stale write lands after the other finished and checked', async () => {
    const backend = new LaggySecretBackend(seededRandom(1), 0, 1);
    const { a, b, held } = twoWindowsWithHeldWrite(backend);
    const bAdd = b.add(base('from-b'), { accessKeySecret: SECRET });
    await new Promise((r) => setTimeout(r, 20)); // B has read the empty index and is about to write
    await a.add(base('from-a'), { accessKeySecret: SECRET });
    assert.ok(storedNames(backend).includes('from-a'));
    held.open(); // B's write, made from the empty index, now replaces A's
    await bAdd;
    await Promise.all([a.settled(), b.settled()]);
    await Promise.all([a.settled(), b.settled()]);
    assert.deepEqual(storedNames(backend), ['from-a', 'from-b']);
    assert.deepEqual((await a.list()).map((p) => p.name).sort(), ['from-a', 'from-b']);
    assert.deepEqual((await b.list()).map((p) => p.name).sort(), ['from-a', 'from-b']);
  });

  it('keeps a profile whose window closed right after adding it', async () => {
    const backend = new LaggySecretBackend(seededRandom(2), 0, 1);
    const { a, b, held } = twoWindowsWithHeldWrite(backend);
    const bAdd = b.add(base('survivor'), { accessKeySecret: SECRET });
    await new Promise((r) => setTimeout(r, 20));
    const gone = await a.add(base('closed-window'), { accessKeySecret: SECRET });
    a.dispose(); // the window that added it is gone: only its secret entry's change event remains
    held.open();
    await bAdd;
    await b.settled();
    await b.settled();
    assert.deepEqual(storedNames(backend), ['closed-window', 'survivor']);
    assert.deepEqual((await b.getSecrets(gone.id))?.accessKeySecret, SECRET);
  });

  it('does not bring back a profile another window removed', async () => {
    const backend = new LaggySecretBackend(seededRandom(3), 0, 1);
    const a = new ProfileStore(backend.window(), new MemoryLog(), quick);
    const b = new ProfileStore(backend.window(), new MemoryLog(), quick);
    const p = await a.add(base('doomed'), { accessKeySecret: SECRET });
    await a.add(base('kept'), { accessKeySecret: SECRET });
    assert.deepEqual((await b.list()).map((x) => x.name).sort(), ['doomed', 'kept']);
    await b.remove(p.id);
    await Promise.all([a.settled(), b.settled()]);
    await a.add(base('later'), { accessKeySecret: SECRET }); // A still "knew" doomed: its join must not revive it
    await Promise.all([a.settled(), b.settled()]);
    assert.deepEqual(storedNames(backend), ['kept', 'later']);
    assert.deepEqual((await a.list()).map((x) => x.name).sort(), ['kept', 'later']);
    assert.equal(await a.getSecrets(p.id), undefined);
  });

  it('the later of two edits of one profile wins in every window', async () => {
    const backend = new LaggySecretBackend(seededRandom(4), 2, 4);
    const t0 = Date.parse('2030-01-01T00:00:00Z');
    const clock = { a: t0, b: t0 };
    const a = new ProfileStore(backend.window(), new MemoryLog(), { ...quick, now: () => new Date(clock.a) });
    const b = new ProfileStore(backend.window(), new MemoryLog(), { ...quick, now: () => new Date(clock.b) });
    const p = await a.add(base('shared'), { accessKeySecret: SECRET });
    await b.list();
    clock.a += 1000; // A edits first, B a second later; their writes still race
    clock.b += 2000;
    const first = a.update(p.id, { regionId: 'cn-beijing' });
    const second = b.update(p.id, { regionId: 'cn-shanghai', label: 'prod' });
    await Promise.all([first, second]);
    await Promise.all([a.settled(), b.settled()]);
    await Promise.all([a.settled(), b.settled()]);
    for (const store of [a, b]) {
      const got = await store.get(p.id);
      assert.equal(got?.regionId, 'cn-shanghai');
      assert.equal(got?.label, 'prod');
    }
  });

  for (const seed of [11, 12, 13, 14, 15]) {
    it(`three windows adding, renaming and removing at once agree and lose nothing (seed ${seed})`, async () => {
      const backend = new LaggySecretBackend(seededRandom(seed), 4, 8);
      const windows = [0, 1, 2].map(() => new ProfileStore(backend.window(), new MemoryLog(), quick));
      const expected = new Set<string>();
      await Promise.all(windows.map(async (store, w) => {
        const mine: Profile[] = [];
        for (let i = 0; i < 6; i++) {
          mine.push(await store.add(base(`w${w}-${i}`), { accessKeySecret: SECRET }));
        }
        await store.update(mine[1].id, { name: `w${w}-renamed` });
        await store.remove(mine[2].id);
        for (const p of mine) {
          if (p.id !== mine[2].id) {
            expected.add(p.id === mine[1].id ? `w${w}-renamed` : p.name);
          }
        }
      }));
      for (let i = 0; i < 3; i++) {
        await Promise.all(windows.map((s) => s.settled()));
      }
      const want = [...expected].sort();
      assert.deepEqual(storedNames(backend), want);
      for (const store of windows) {
        assert.deepEqual((await store.list()).map((p) => p.name).sort(), want);
      }
      // 24 operations: repairs must settle, not ping-pong between windows.
      const indexWrites = backend.writes.filter((w) => w.key === INDEX).length;
      assert.ok(indexWrites <= 48, `${indexWrites} index writes for 24 operations`);
      windows.forEach((s) => s.dispose());
    });
  }

  it('reads the version 1 index of the first release', async () => {
    const backend = new FakeSecretBackend();
    backend.data.set(INDEX, JSON.stringify({ version: 1, profiles: [{ id: 'old-1', name: 'old', kind: 'AccessKey', accessKeyId: 'LTAI5tOldOld1234abcd', regionId: 'cn-beijing', source: 'manual', createdAt: '2025-01-01T00:00:00.000Z' }] }));
    backend.data.set('alibabaCloud.profile.old-1', JSON.stringify({ accessKeySecret: SECRET }));
    const store = new ProfileStore(backend.window(), new MemoryLog(), quick);
    const [old] = await store.list();
    assert.equal(old.name, 'old');
    assert.equal((await store.getSecrets('old-1'))?.accessKeySecret, SECRET);
    await store.update('old-1', { label: 'dev' });
    assert.equal((await store.get('old-1'))?.label, 'dev');
    assert.equal((await store.getSecrets('old-1'))?.accessKeySecret, SECRET, 'the secret survives a description-only edit');
  });

  it('clears a field set to undefined', async () => {
    const store = new ProfileStore(new FakeSecretBackend().window(), new MemoryLog(), quick);
    const p = await store.add({ ...base('lab'), label: 'prod' }, { accessKeySecret: SECRET });
    const changed = await store.update(p.id, { label: undefined });
    assert.equal(changed.label, undefined);
    assert.equal((await store.get(p.id))?.label, undefined);
  });

  it('keeps a corrupt index aside instead of losing it', async () => {
    const backend = new FakeSecretBackend();
    backend.data.set(INDEX, '{"version":2,"profiles":[{"id":');
    const store = new ProfileStore(backend.window(), new MemoryLog(), quick);
    await store.add(base('fresh'), { accessKeySecret: SECRET });
    assert.equal(backend.data.get('alibabaCloud.profiles.corrupt'), '{"version":2,"profiles":[{"id":');
    assert.deepEqual(storedNames(backend), ['fresh']);
  });

  it('writes nothing when the index cannot be read', async () => {
    const backend = new FakeSecretBackend();
    const window = backend.window();
    const broken = { ...window, get: async () => { throw new Error('keychain locked'); } };
    const store = new ProfileStore(broken, new MemoryLog(), quick);
    await assert.rejects(store.add(base('x'), { accessKeySecret: SECRET }));
    assert.equal(backend.data.get(INDEX), undefined);
  });
});

describe('ActiveProfile', () => {
  it('is per workspace, falling back to the last choice anywhere', async () => {
    const backend = new FakeSecretBackend();
    const store = new ProfileStore(backend.window(), new MemoryLog());
    const a = await store.add(base('a'), { accessKeySecret: SECRET });
    const b = await store.add(base('b'), { accessKeySecret: SECRET });
    const global = new FakeMemento();
    const ws1State = new FakeMemento();
    const ws1 = new ActiveProfile(store, ws1State, global);
    await ws1.set(b.id);
    const ws2 = new ActiveProfile(store, new FakeMemento(), global);
    assert.equal((await ws2.current())?.id, b.id, 'a new workspace starts on the last choice');
    await ws2.set(a.id);
    assert.equal((await ws2.current())?.id, a.id);
    const ws1Again = new ActiveProfile(store, ws1State, global);
    assert.equal((await ws1Again.current())?.id, b.id, 'the first workspace keeps its own');
  });

  it('announces a new active profile when the active one is removed', async () => {
    const store = new ProfileStore(new FakeSecretBackend().window(), new MemoryLog());
    const a = await store.add(base('a'), { accessKeySecret: SECRET });
    const b = await store.add(base('b'), { accessKeySecret: SECRET });
    const active = new ActiveProfile(store, new FakeMemento(), new FakeMemento());
    await active.set(b.id);
    const seen = new Promise<string | undefined>((resolve) => active.onDidChange((p) => resolve(p?.id)));
    await store.remove(b.id);
    assert.equal(await seen, a.id);
  });

  it('stores and updates only region IDs, which later become host names', async () => {
    const backend = new FakeSecretBackend();
    const store = new ProfileStore(backend.window(), new MemoryLog());
    for (const bad of ['evil.example.com#', 'cn-hangzhou/../', 'CN-HANGZHOU', '', ' cn-hangzhou']) {
      await assert.rejects(store.add({ ...base('bad'), regionId: bad }, { accessKeySecret: SECRET }), /region/i, JSON.stringify(bad));
    }
    assert.equal((await store.list()).length, 0);
    assert.ok(![...backend.data.values()].some((v) => v.includes(SECRET)), 'a refused profile left its secret behind');
    const p = await store.add({ ...base('ok'), regionId: 'cn-hangzhou-finance' }, { accessKeySecret: SECRET });
    await assert.rejects(store.update(p.id, { regionId: 'evil.example.com#' }), /region/i);
    assert.equal((await store.get(p.id))?.regionId, 'cn-hangzhou-finance');
  });

  it('reads a stored region that is not a region ID as the default region, keeping the profile and its secret', async () => {
    const backend = new FakeSecretBackend();
    const log = new MemoryLog();
    const writer = new ProfileStore(backend.window(), new MemoryLog());
    const p = await writer.add(base('tampered'), { accessKeySecret: SECRET });
    const index = JSON.parse(backend.data.get('alibabaCloud.profiles') ?? '{}');
    index.profiles[0].regionId = 'evil.example.com#';
    backend.data.set('alibabaCloud.profiles', JSON.stringify(index));
    const reader = new ProfileStore(backend.window(), log);
    const read = await reader.get(p.id);
    assert.equal(read?.regionId, 'cn-hangzhou');
    assert.deepEqual(await reader.getSecrets(p.id), { accessKeySecret: SECRET, securityToken: undefined });
    assert.equal(log.lines.filter((l) => l.startsWith('warn') && l.includes('"tampered"') && l.includes('not a region ID')).length, 1);
    await reader.update(p.id, { label: 'dev' }); // reads the stored index again, then writes it
    assert.equal(log.lines.filter((l) => l.includes('not a region ID')).length, 1, 'warned more than once');
    assert.equal(JSON.parse(backend.data.get('alibabaCloud.profiles') ?? '{}').profiles[0].regionId, 'cn-hangzhou');
    assert.ok(!log.lines.join('\n').includes('evil.example.com'), 'the stored value reached the log');
  });
});

