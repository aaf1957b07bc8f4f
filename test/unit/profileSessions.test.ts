import * as assert from 'node:assert/strict';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import type { Credentials } from '../../src/aliyun/types';
import { ActiveProfile } from '../../src/credentials/activeProfile';
import { MissingSecretError, ProfileSessions, type CredentialsFor } from '../../src/credentials/profileSessions';
import { ProfileStore } from '../../src/credentials/profileStore';
import { errorMessage, SafeError, UserFacingError } from '../../src/util/errors';
import { FakeMemento, FakeSecretBackend, MemoryLog } from './fakes';

/** A store, its active profile and the sessions over them; `made` lists what each session was made with. */
function world(credentialsFor?: (store: ProfileStore) => CredentialsFor, now?: () => number) {
  const backend = new FakeSecretBackend();
  const store = new ProfileStore(backend.window(), new MemoryLog(), { repairDelayMs: 5 });
  const active = new ActiveProfile(store, new FakeMemento(), new FakeMemento());
  const made: Array<{ credentials: Credentials; regionId?: string }> = [];
  const clients = {
    session: (credentials: Credentials, regionId: string | undefined) => {
      made.push({ credentials, regionId });
      return { made: made.length } as unknown as CloudSession;
    },
  };
  const sessions = new ProfileSessions(store, active, clients, credentialsFor?.(store), now);
  const changes: unknown[] = [];
  sessions.onDidChange((p) => changes.push(p));
  const add = (name: string, accessKeyId: string, secret: string) =>
    store.add({ name, kind: 'AccessKey', accessKeyId, regionId: 'cn-hangzhou', source: 'manual' }, { accessKeySecret: secret });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { store, active, sessions, made, changes, add, settle };
}

describe('ProfileSessions: where a profile becomes a session', () => {
  it('makes a named profile\'s session from its stored key, in its region', async () => {
    const w = world();
    const p = await w.add('dev', 'LTAI5tSessDev0000000001', 'sess-secret-dev-not-real-001');
    const { profile, session } = await w.sessions.forProfile(p.id);
    assert.equal(profile.id, p.id);
    assert.ok(session);
    assert.deepEqual(w.made, [{ credentials: { accessKeyId: p.accessKeyId, accessKeySecret: 'sess-secret-dev-not-real-001', securityToken: undefined }, regionId: 'cn-hangzhou' }]);
  });

  it('says why there is no session: no such profile, no active one, or its secret is missing', async () => {
    const w = world();
    await assert.rejects(w.sessions.forProfile('nope'), (e: unknown) => e instanceof UserFacingError && /no profile with the id nope/.test(e.message));
    await assert.rejects(w.sessions.forProfileOrActive(undefined), (e: unknown) => e instanceof SafeError && /no active profile/.test(e.message));
    const p = await w.add('dev', 'LTAI5tSessDev0000000001', 'sess-secret-dev-not-real-001');
    await assert.rejects(w.sessions.forProfile({ ...p, id: 'other' }), MissingSecretError);
    assert.equal((await w.sessions.forProfileOrActive(undefined)).profile.id, p.id, 'without a name, the active profile');
  });

  it('does not keep a failure: the next ask tries again (Retry after a sign-in or a fixed role)', async () => {
    let fail = true;
    const w = world(() => async (profile) => {
      if (fail) {
        throw new UserFacingError('no credentials right now');
      }
      return { accessKeyId: profile.accessKeyId, accessKeySecret: 'sess-secret-retry-not-real-1' };
    });
    const p = await w.add('dev', 'LTAI5tSessRetry00000001', 'sess-secret-retry-not-real-1');
    await w.settle();
    await assert.rejects(w.sessions.active(), /no credentials right now/);
    fail = false;
    assert.equal((await w.sessions.active())?.profile.id, p.id, 'asked again, the credentials are obtained anew');
    assert.equal(w.made.length, 1);
  });

  it('keeps the active session until the active profile switches or its secret changes, each a new generation', async () => {
    const w = world();
    assert.equal(await w.sessions.active(), undefined, 'no profile, no session');
    const a = await w.add('a', 'LTAI5tSessA000000000001', 'sess-secret-a-not-real-0001');
    const b = await w.add('b', 'LTAI5tSessB000000000001', 'sess-secret-b-not-real-0001');
    await w.settle();
    const first = await w.sessions.active();
    assert.equal(first?.profile.id, a.id);
    assert.equal(await w.sessions.active(), first, 'asked again, the same session');

    await w.active.set(b.id);
    await w.settle();
    const second = await w.sessions.active();
    assert.equal(second?.profile.id, b.id);
    assert.ok(second && first && second.generation > first.generation);

    w.changes.length = 0;
    await w.store.update(b.id, { label: 'dev' });
    await w.settle();
    assert.equal(await w.sessions.active(), second, 'a label is not part of the session');
    assert.deepEqual(w.changes, []);

    await w.store.update(b.id, {}, { accessKeySecret: 'sess-secret-b-replaced-00001' });
    await w.settle();
    const third = await w.sessions.active();
    assert.ok(third && third.generation > second.generation, 'a new secret is a new session');
    assert.equal(w.made.at(-1)?.credentials.accessKeySecret, 'sess-secret-b-replaced-00001');
    assert.equal(w.changes.length, 1);
  });

  it('obtains temporary credentials again shortly before they expire, in the same generation', async () => {
    let clock = Date.parse('2026-12-06T10:00:00Z');
    let issued = 0;
    const temporary = (): CredentialsFor => async (profile) => {
      issued++;
      return { accessKeyId: `STS.${profile.name}${issued}`, accessKeySecret: `s${issued}`, securityToken: `t${issued}`, expiration: new Date(clock + 3600_000).toISOString() };
    };
    const w = world(temporary, () => clock);
    await w.add('role', 'LTAI5tSessRole0000000001', 'sess-secret-role-not-real-01');
    await w.settle();
    const first = await w.sessions.active();
    clock += 50 * 60_000;
    assert.equal(await w.sessions.active(), first, 'ten minutes left: still the same');
    clock += 6 * 60_000;
    const renewed = await w.sessions.active();
    assert.notEqual(renewed, first);
    assert.equal(renewed?.generation, first?.generation, 'the views keep what they loaded');
    assert.equal(w.made.at(-1)?.credentials.securityToken, `t${issued}`);
  });
});

describe('errorMessage', () => {
  it('shows our errors as they are and anything else redacted', () => {
    assert.equal(errorMessage(new UserFacingError('Name the AccessKey.')), 'Name the AccessKey.');
    const other = errorMessage(new Error('request to https://ram.aliyuncs.com/?Signature=abc failed'));
    assert.match(other, /^Something went wrong: /);
    assert.doesNotMatch(other, /Signature=abc/);
  });
});
