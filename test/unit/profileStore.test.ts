import * as assert from 'node:assert/strict';
import { ActiveProfile } from '../../src/credentials/activeProfile';
import { ProfileStore, type NewProfile } from '../../src/credentials/profileStore';
import { FakeMemento, FakeSecretBackend, MemoryLog } from './fakes';

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
    const one = new ProfileStore(backend.window(), new MemoryLog());
    const two = new ProfileStore(backend.window(), new MemoryLog());
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
});
