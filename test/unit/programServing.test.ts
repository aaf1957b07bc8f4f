import * as assert from 'node:assert/strict';
import type { Profile } from '../../src/credentials/profile';
import { ProgramServing } from '../../src/credentials/serving/programServing';
import { servingConsentWords } from '../../src/credentials/serving/servingWords';
import { Emitter } from '../../src/util/events';
import { FakeMemento, FakeSecretBackend, MemoryLog } from './fakes';

const base = { source: 'manual', createdAt: '2026-01-01T00:00:00Z' };
const key: Profile = { ...base, id: 'key', name: 'key', kind: 'AccessKey', accessKeyId: 'LTAI5tServeKey0000000001', regionId: 'cn-beijing' };
const reader: Profile = {
  ...base, id: 'reader', name: 'reader', kind: 'RamRole', accessKeyId: '', regionId: 'cn-shanghai',
  role: { roleArn: 'acs:ram::1234567890123456:role/reader', sourceProfileId: 'key', sessionName: 's', durationSeconds: 3600 },
};
const CREDS = { accessKeyId: 'STS.NRoleServed000000001', accessKeySecret: 'role-temp-secret-not-real', securityToken: 'role-token-not-real', expiration: '2099-01-01T00:00:00Z' };

function world() {
  const secrets = new FakeSecretBackend();
  const state = new FakeMemento();
  let current: Profile | undefined = reader;
  const activeChanged = new Emitter<Profile | undefined>();
  const log = new MemoryLog();
  const make = (workspaceKey = 'file:///work/a') => new ProgramServing({
    active: { current: async () => current, onDidChange: activeChanged.event },
    store: { get: async (id) => [key, reader].find((p) => p.id === id) },
    credentialsFor: async (p) => (p.kind === 'RamRole' ? CREDS : { accessKeyId: p.accessKeyId, accessKeySecret: 'long-lived-secret-not-real' }),
    secrets: secrets.window(), state, workspaceKey, log,
  });
  return { secrets, state, log, make, activate: (p: Profile | undefined) => { current = p; activeChanged.fire(p); } };
}

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

describe('serving credentials to programs: one endpoint per window, doors per workspace', () => {
  const open: ProgramServing[] = [];
  const track = (s: ProgramServing) => (open.push(s), s);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.stop()));
  });

  it('starts when a door opens and serves the active role profile; counts what it answered', async () => {
    const w = world();
    const serving = track(w.make());
    assert.equal(serving.state().serving, false);
    await serving.open('terminals');
    const url = serving.url();
    assert.ok(url);
    const answer = await get(url);
    assert.deepEqual([answer.status, answer.body.AccessKeyId], [200, CREDS.accessKeyId]);
    assert.deepEqual(serving.state(), { serving: true, doors: ['terminals'], served: 1, refused: 0 });
    const vars = await serving.variables();
    assert.equal(vars?.variables.ALIBABA_CLOUD_CREDENTIALS_URI, url);
    assert.equal(vars?.variables.ALIBABA_CLOUD_REGION_ID, 'cn-shanghai');
  });

  it('keeps its address in secret storage, never in workspace state, and comes back at it after a reload', async () => {
    const w = world();
    const first = w.make();
    await first.open('terminals');
    const url = first.url()!;
    const pathSecret = url.split('/').pop()!;
    first.dispose(); // the window reloads
    await new Promise((r) => setTimeout(r, 20));
    assert.ok([...w.secrets.data.values()].some((v) => v.includes(pathSecret)), 'in secret storage');
    assert.ok(!JSON.stringify([...w.state.data.values()]).includes(pathSecret), 'not in workspace state');
    const again = track(w.make());
    await again.restore();
    assert.equal(again.url(), url);
    assert.equal((await get(url)).status, 200);
  });

  it('another workspace gets an address of its own', async () => {
    const w = world();
    const a = track(w.make('file:///work/a'));
    const b = track(w.make('file:///work/b'));
    await a.open('debug');
    await b.open('debug');
    assert.notEqual(a.url(), b.url());
    assert.equal(w.secrets.data.size, 2);
  });

  it('Stop Serving: the address stops answering at once, is forgotten, and a new start gets another', async () => {
    const w = world();
    const serving = track(w.make());
    await serving.open('terminals');
    await serving.open('debug');
    const url = serving.url()!;
    await serving.stop();
    assert.deepEqual(serving.state(), { serving: false, doors: [], served: 0, refused: 0 });
    await assert.rejects(fetch(url));
    assert.equal(w.secrets.data.size, 0);
    await serving.open('terminals');
    assert.notEqual(serving.url()?.split('/').pop(), url.split('/').pop());
  });

  it('closing one door keeps serving the other; closing the last stops', async () => {
    const w = world();
    const serving = track(w.make());
    await serving.open('terminals');
    await serving.open('debug');
    await serving.close('terminals');
    assert.deepEqual([serving.state().serving, serving.doors()], [true, ['debug']]);
    await serving.close('debug');
    assert.equal(serving.state().serving, false);
    assert.equal(w.secrets.data.size, 0);
  });

  it('an AccessKey profile is refused until a role is chosen for it, and says so once a program asks', async () => {
    const w = world();
    const serving = track(w.make());
    await serving.open('terminals');
    const asked: string[] = [];
    serving.onNeedsRole((p) => asked.push(p.id));
    w.activate(key);
    const refused = await get(serving.url()!);
    assert.deepEqual([refused.status, refused.body.Code], [503, 'RoleNotChosen']);
    assert.ok(!JSON.stringify(refused.body).includes('long-lived-secret-not-real'));
    assert.deepEqual(asked, ['key']);
    assert.equal((await serving.variables())?.variables.ALIBABA_CLOUD_REGION_ID, 'cn-beijing');
    await serving.chooseRole('key', 'reader');
    assert.equal((await get(serving.url()!)).body.AccessKeyId, CREDS.accessKeyId);
    assert.equal((await serving.served())?.kind, 'roleForKey');
    assert.deepEqual(serving.state().refused, 1);
  });

  it('the consent says what happens, who else may get the credentials, and that stopping recalls nothing', async () => {
    const words = servingConsentWords('terminals', { kind: 'roleForKey', profile: reader, key }, 'desktop');
    assert.match(words.message, /profile "reader" to new terminals and tasks/);
    assert.match(words.detail, /AccessKey secret of "key" is never served/);
    assert.match(words.detail, /Any process that learns the address/);
    assert.match(words.detail, /already handed out stay valid until they expire/);
    assert.match(words.detail, /saves their environment, the address included/);
    const debug = servingConsentWords('debug', { kind: 'sts', profile: { ...key, kind: 'StsToken', name: 'sts' } }, 'desktop');
    assert.match(debug.detail, /expiry of this STS token is unknown/);
    assert.ok(!debug.detail.includes('revive'), 'terminal revival is not a debug session\'s business');
  });
});
