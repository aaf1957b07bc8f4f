import * as assert from 'node:assert/strict';
import { CloudSsoError, type CloudSsoPortal } from '../../src/aliyun/cloudSsoPortal';
import type { TemporaryCredentials } from '../../src/aliyun/types';
import { CloudSsoCredentials, SignInExpiredError } from '../../src/credentials/cloudSso/cloudSsoCredentials';
import { waitForApproval } from '../../src/credentials/cloudSso/deviceLogin';
import { followActiveSignIn } from '../../src/credentials/cloudSso/services';
import { CloudSsoSignIns } from '../../src/credentials/cloudSso/signIns';
import type { CloudSsoDefinition, Profile } from '../../src/credentials/profile';
import { toProfile } from '../../src/credentials/profileIndex';
import { ProfileStore } from '../../src/credentials/profileStore';
import { signInStatus, signInAgainLink, SIGN_IN_ENDING_MS } from '../../src/views/profiles/cloudSsoTooltip';
import { RoleCredentials } from '../../src/credentials/roles/roleCredentials';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import type { AssumeRoleRequest, Credentials } from '../../src/aliyun/types';
import { FakeMemento, FakeSecretBackend, MemoryLog } from './fakes';

const URL_A = 'https://signin-cn-shanghai.alibabacloudsso.com/start/login';
const TOKEN = 'sso-access-token-not-real-0001';

function ssoProfile(id: string, sso: Partial<CloudSsoDefinition> = {}): Profile {
  return {
    id, name: id, kind: 'CloudSSO', accessKeyId: '', regionId: 'cn-hangzhou', source: 'cloudsso', createdAt: '',
    sso: { signInUrl: URL_A, accountId: '1234567890123456', accessConfigurationId: 'ac-read', ...sso },
  };
}

/** A clock, a secret store, sign-ins, and a portal that counts and answers cloud-credentials. */
function world(options: { lifetimeMs?: number; portalDelayMs?: number } = {}) {
  let now = Date.parse('2026-12-06T10:00:00Z');
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const backend = new FakeSecretBackend();
  const state = new FakeMemento();
  const log = new MemoryLog();
  const signIns = new CloudSsoSignIns(backend.window(), state, log, { now: clock.now });
  const calls: Array<{ token: string; accountId: string; accessConfigurationId: string }> = [];
  let fail: Error | undefined;
  const portal = {
    host: 'signin-cn-shanghai.alibabacloudsso.com',
    cloudCredentials: async (token: string, accountId: string, accessConfigurationId: string): Promise<TemporaryCredentials> => {
      calls.push({ token, accountId, accessConfigurationId });
      await new Promise((r) => setTimeout(r, options.portalDelayMs ?? 5));
      if (fail) {
        throw fail;
      }
      const n = calls.length;
      return { accessKeyId: `STS.sso${n}`, accessKeySecret: `secret${n}`, securityToken: `token${n}`, expiration: new Date(now + (options.lifetimeMs ?? 3600_000)).toISOString() };
    },
  } as unknown as CloudSsoPortal;
  const portals: string[] = [];
  const stored = async () => ({ accessKeyId: 'LTAI5tStoredKey000000001', accessKeySecret: 'stored-secret' });
  const credentials = new CloudSsoCredentials({ signIns, portal: (url) => (portals.push(url), portal), log, now: clock.now }, stored);
  return { clock, backend, state, log, signIns, credentials, calls, portals, setFailure: (e: Error | undefined) => void (fail = e) };
}

describe('CloudSSO credentials', () => {
  it('other profiles go to the next provider', async () => {
    const w = world();
    const ak: Profile = { id: 'ak', name: 'ak', kind: 'AccessKey', accessKeyId: 'LTAI5tStoredKey000000001', regionId: 'cn-hangzhou', source: 'manual', createdAt: '' };
    assert.equal((await w.credentials.credentialsFor(ak)).accessKeySecret, 'stored-secret');
    assert.equal(w.calls.length, 0);
  });

  it('SignInExpiredError before any request when never signed in, or when the token has ended', async () => {
    const w = world();
    await assert.rejects(w.credentials.credentialsFor(ssoProfile('p')), (e: unknown) => e instanceof SignInExpiredError && e.signInUrl === URL_A && /[Ss]ign in again/.test(e.message));
    await w.signIns.save(URL_A, { accessToken: TOKEN, expiresAt: new Date(w.clock.now() + 30 * 60_000).toISOString() });
    w.clock.advance(29.5 * 60_000); // within the last minute: not used any more
    await assert.rejects(w.credentials.credentialsFor(ssoProfile('p')), SignInExpiredError);
    assert.equal(w.calls.length, 0);
    assert.deepEqual(w.portals, []);
  });

  it('asks the portal with the token, once for concurrent callers, and reuses until shortly before Expiration', async () => {
    const w = world({ lifetimeMs: 3600_000 });
    await w.signIns.save(URL_A, { accessToken: TOKEN, expiresAt: new Date(w.clock.now() + 8 * 3600_000).toISOString() });
    const p = ssoProfile('p');
    const got = await Promise.all([1, 2, 3, 4].map(() => w.credentials.credentialsFor(p)));
    assert.equal(w.calls.length, 1);
    assert.deepEqual(w.calls[0], { token: TOKEN, accountId: '1234567890123456', accessConfigurationId: 'ac-read' });
    assert.ok(got.every((c) => c.accessKeyId === 'STS.sso1' && c.expiration));
    w.clock.advance(50 * 60_000);
    assert.equal((await w.credentials.credentialsFor(p)).accessKeyId, 'STS.sso1');
    w.clock.advance(5 * 60_000); // 5 minutes left: less than 10 % of the hour
    assert.equal((await w.credentials.credentialsFor(p)).accessKeyId, 'STS.sso2');
    assert.equal(w.calls.length, 2);
    const state = w.credentials.state('p');
    assert.equal(state?.expiresAt, w.clock.now() + 3600_000);
    assert.equal(state?.signInEndsAt, Date.parse('2026-12-06T18:00:00Z'));
    assert.ok(!w.log.lines.some((l) => l.includes(TOKEN) || l.includes('secret2')));
    assert.ok(w.log.lines.some((l) => l.includes('STS.****sso2') || l.includes('****o2')), w.log.lines.join('\n'));
  });

  it('a changed account or access configuration gets new credentials; a sign-out drops them', async () => {
    const w = world();
    await w.signIns.save(URL_A, { accessToken: TOKEN, expiresAt: new Date(w.clock.now() + 8 * 3600_000).toISOString() });
    await w.credentials.credentialsFor(ssoProfile('p'));
    await w.credentials.credentialsFor(ssoProfile('p', { accessConfigurationId: 'ac-admin' }));
    assert.deepEqual(w.calls.map((c) => c.accessConfigurationId), ['ac-read', 'ac-admin']);
    const fired: string[] = [];
    w.credentials.onDidChange((s) => fired.push(s.profileId));
    await w.signIns.signOut(URL_A);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(w.credentials.state('p'), undefined);
    assert.ok(fired.includes('p'));
    await assert.rejects(w.credentials.credentialsFor(ssoProfile('p', { accessConfigurationId: 'ac-admin' })), SignInExpiredError);
    assert.equal(w.calls.length, 2);
  });

  it('a 401 from the portal becomes SignInExpiredError; other portal errors pass as they are', async () => {
    const w = world();
    await w.signIns.save(URL_A, { accessToken: TOKEN, expiresAt: new Date(w.clock.now() + 8 * 3600_000).toISOString() });
    w.setFailure(new CloudSsoError('signInExpired', 'cloud-credentials', 'ended', 401));
    await assert.rejects(w.credentials.credentialsFor(ssoProfile('p')), SignInExpiredError);
    w.setFailure(new CloudSsoError('notAssigned', 'cloud-credentials', 'not assigned', 403));
    await assert.rejects(w.credentials.credentialsFor(ssoProfile('q')), (e: unknown) => e instanceof CloudSsoError && e.kind === 'notAssigned');
  });

  it('a role profile whose source is a CloudSSO profile assumes the role with the CloudSSO credentials', async () => {
    const w = world();
    await w.signIns.save(URL_A, { accessToken: TOKEN, expiresAt: new Date(w.clock.now() + 8 * 3600_000).toISOString() });
    const source = ssoProfile('sso');
    const role: Profile = {
      id: 'role', name: 'role', kind: 'RamRole', accessKeyId: '', regionId: 'cn-hangzhou', source: 'manual', createdAt: '',
      role: { roleArn: 'acs:ram::1234567890123456:role/deployer', sourceProfileId: 'sso', sessionName: 'me', durationSeconds: 3600 },
    };
    const byId = new Map([[source.id, source], [role.id, role]]);
    const asked: string[] = [];
    const clients = {
      session: (c: Credentials) => ({
        roles: {
          assumeRole: async (_r: AssumeRoleRequest) => {
            asked.push(c.accessKeyId);
            return { accessKeyId: 'STS.role1', accessKeySecret: 's', securityToken: 't', expiration: new Date(w.clock.now() + 3600_000).toISOString(), arn: 'arn', assumedRoleId: 'x' };
          },
        },
      }) as unknown as CloudSession,
    };
    const roles = new RoleCredentials({ store: { get: async (id) => byId.get(id) }, clients, log: new MemoryLog(), now: w.clock.now }, w.credentials.credentialsFor);
    assert.equal((await roles.credentialsFor(role)).accessKeyId, 'STS.role1');
    assert.deepEqual(asked, ['STS.sso1']);
  });
});

describe('CloudSSO sign-ins', () => {
  it('keeps the token in secret storage only; globalState holds the URLs, most recent first', async () => {
    const w = world();
    const other = 'https://signin-cn-beijing.alibabacloudsso.com/start/login';
    await w.signIns.save(URL_A, { accessToken: TOKEN, expiresAt: '2026-12-06T18:00:00.000Z' });
    await w.signIns.save(other, { accessToken: 'other-token-not-real', expiresAt: '2026-12-06T18:00:00.000Z' });
    await w.signIns.save(` ${URL_A} `, { accessToken: TOKEN, expiresAt: '2026-12-06T18:00:00.000Z' });
    assert.deepEqual(await w.signIns.knownSignInUrls(), [URL_A, other]);
    assert.deepEqual([...w.state.data.keys()], ['alibabaCloud.cloudSso.signInUrls']);
    assert.ok(!JSON.stringify([...w.state.data.values()]).includes('token'));
    assert.ok([...w.backend.data.values()].some((v) => v.includes(TOKEN)));
    assert.equal(await w.signIns.token(URL_A), TOKEN);
    assert.deepEqual(await w.signIns.signIn(URL_A), { signInUrl: URL_A, expiresAt: '2026-12-06T18:00:00.000Z' });
    assert.ok(!w.log.lines.some((l) => l.includes(TOKEN)));
  });

  it('sign-out forgets the token but remembers the URL; a damaged entry reads as signed out', async () => {
    const w = world();
    const changes: string[] = [];
    w.signIns.onDidChange((u) => changes.push(u));
    await w.signIns.save(URL_A, { accessToken: TOKEN, expiresAt: '2026-12-06T18:00:00.000Z' });
    await w.signIns.signOut(URL_A);
    assert.equal(await w.signIns.token(URL_A), undefined);
    assert.equal(await w.signIns.signIn(URL_A), undefined);
    assert.deepEqual(await w.signIns.knownSignInUrls(), [URL_A]);
    assert.ok(changes.length >= 2 && changes.every((u) => u === URL_A));
    await w.backend.window().store(`alibabaCloud.cloudSso.token.${URL_A}`, '{not json');
    assert.equal(await w.signIns.token(URL_A), undefined);
  });

  it('a sign-in or sign-out renews the sessions only when it is the active profile\'s directory', async () => {
    const w = world();
    let active: Profile | undefined = ssoProfile('p');
    let renewed = 0;
    followActiveSignIn(w.signIns, { current: async () => active, onDidChange: () => ({ dispose() {} }) }, () => renewed++);
    await w.signIns.save(URL_A, { accessToken: TOKEN, expiresAt: '2026-12-06T18:00:00.000Z' });
    await w.signIns.save('https://signin-cn-beijing.alibabacloudsso.com/start/login', { accessToken: 'x-not-real', expiresAt: '2026-12-06T18:00:00.000Z' });
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(renewed, 1);
    active = undefined;
    await w.signIns.signOut(URL_A);
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(renewed, 1);
  });

  it('an ended token is not handed out, but its end stays known', async () => {
    const w = world();
    await w.signIns.save(URL_A, { accessToken: TOKEN, expiresAt: new Date(w.clock.now() + 10 * 60_000).toISOString() });
    assert.equal(await w.signIns.token(URL_A), TOKEN);
    w.clock.advance(10 * 60_000);
    assert.equal(await w.signIns.token(URL_A), undefined);
    assert.ok(await w.signIns.signIn(URL_A));
  });
});

describe('CloudSSO profiles in the index', () => {
  it('reads a CloudSSO profile with its definition and an empty key; drops one without a definition', () => {
    const p = toProfile({ ...ssoProfile('p', { accountName: 'Main', accessConfigurationName: 'Read' }), accessKeyId: 'ignored', createdAt: '2026-01-01T00:00:00Z' });
    assert.equal(p?.kind, 'CloudSSO');
    assert.equal(p?.accessKeyId, '');
    assert.deepEqual(p?.sso, { signInUrl: URL_A, accountId: '1234567890123456', accessConfigurationId: 'ac-read', accountName: 'Main', accessConfigurationName: 'Read' });
    assert.equal(toProfile({ id: 'x', name: 'x', kind: 'CloudSSO', accessKeyId: '', sso: { signInUrl: URL_A } }), undefined);
  });
});

describe('CloudSSO profiles in the store', () => {
  it('addCloudSso keeps the definition, no key and nothing secret; update switches the access configuration; another window reads it', async () => {
    const backend = new FakeSecretBackend();
    const store = new ProfileStore(backend.window(), new MemoryLog());
    const sso = { signInUrl: URL_A, accountId: '1234567890123456', accountName: 'Main', accessConfigurationId: 'ac-read', accessConfigurationName: 'Read' };
    const p = await store.addCloudSso({ name: 'corp', regionId: 'cn-shanghai', source: 'cloudsso', sso });
    assert.equal(p.kind, 'CloudSSO');
    assert.equal(p.accessKeyId, '');
    assert.deepEqual(p.sso, sso);
    assert.deepEqual(await store.getSecrets(p.id), { accessKeySecret: '', securityToken: undefined });
    const switched = await store.update(p.id, { sso: { ...sso, accessConfigurationId: 'ac-admin', accessConfigurationName: 'Admin' } });
    assert.equal(switched.sso?.accessConfigurationId, 'ac-admin');
    const other = new ProfileStore(backend.window(), new MemoryLog());
    assert.deepEqual((await other.get(p.id))?.sso, switched.sso);
    store.dispose();
    other.dispose();
  });
});

describe('CloudSSO sign-in status for the status bar', () => {
  it('signed in, ending under 15 minutes, ended (or signed out)', () => {
    const now = 1_000_000_000;
    assert.equal(signInStatus(now + SIGN_IN_ENDING_MS + 1, now), 'signedIn');
    assert.equal(signInStatus(now + SIGN_IN_ENDING_MS - 1, now), 'ending');
    assert.equal(signInStatus(now, now), 'ended');
    assert.equal(signInStatus(undefined, now), 'ended');
  });

  it('the Sign In Again link names the profile, nothing secret', () => {
    const link = signInAgainLink('profile-1');
    assert.equal(link, `command:alibabaCloud.cloudSso.signInAgain?${encodeURIComponent('[{"profileId":"profile-1"}]')}`);
  });
});

describe('CloudSSO device login: waiting for approval', () => {
  const login = { verifier: 'v', authorization: { deviceCode: 'd', userCode: 'ABCD-EFGH', verificationUri: 'https://x/device', expiresInSeconds: 600, intervalSeconds: 5 } };
  const portalAnswering = (answers: Array<'pending' | 'slowDown' | Error | { accessToken: string; expiresAt: string }>) => ({
    host: 'x',
    pollToken: async () => {
      const next = answers.shift();
      if (next instanceof Error) {
        throw next;
      }
      return next;
    },
  }) as unknown as CloudSsoPortal;

  it('waits the interval, 5 s longer after each slow down, and rides out two failed polls in a row', async () => {
    const waits: number[] = [];
    const unreachable = new CloudSsoError('unreachable', 'token', 'down');
    const token = { accessToken: 'a', expiresAt: '2026-12-06T18:00:00Z' };
    const got = await waitForApproval(portalAnswering(['pending', 'slowDown', unreachable, unreachable, 'pending', token]), login, { sleep: async (ms) => void waits.push(ms) });
    assert.deepEqual(got, token);
    assert.deepEqual(waits, [5000, 5000, 10_000, 15_000, 20_000, 20_000]);
  });

  it('a third failed poll in a row, or a denial, ends the wait', async () => {
    const unreachable = new CloudSsoError('unreachable', 'token', 'down');
    await assert.rejects(waitForApproval(portalAnswering([unreachable, unreachable, unreachable]), login, { sleep: async () => undefined }), (e: unknown) => e === unreachable);
    const denied = new CloudSsoError('denied', 'token', 'no');
    await assert.rejects(waitForApproval(portalAnswering([denied]), login, { sleep: async () => undefined }), (e: unknown) => e === denied);
  });
});
