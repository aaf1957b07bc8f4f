import * as assert from 'node:assert/strict';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import type { RamService } from '../../src/aliyun/ramService';
import type { Profile } from '../../src/credentials/profile';
import { Emitter } from '../../src/util/events';
import { keyHealth, cleanHealthSettings, DEFAULT_HEALTH_SETTINGS, atKeyLimit } from '../../src/views/ram/keyHealth';
import { SELF, userOwner } from '../../src/aliyun/identity';
import { LAST_USED_PARALLELISM, RamExplorerModel, type RamChange } from '../../src/views/ram/ramModel';
import { USERS_DISPLAY_STEP } from '../../src/views/ram/ramUsers';
import { MemoryLog } from './fakes';
import { FakeCloud } from './ramFakes';

const ADMIN = { accessKeyId: 'LTAI5tRamUnitAdmin000001', accessKeySecret: 'unit-secret-admin-not-real-01' };

function profile(id: string, accessKeyId: string): Profile {
  return { id, name: id, kind: 'AccessKey', accessKeyId, regionId: 'cn-hangzhou', source: 'manual', createdAt: '2026-01-01T00:00:00Z' };
}

function cloudWithUsers(n: number): FakeCloud {
  const cloud = new FakeCloud();
  cloud.addKey(cloud.addUser('admin', true, 'Administrator'), ADMIN.accessKeyId, ADMIN.accessKeySecret);
  for (let i = 0; i < n; i++) {
    cloud.addUser(`user-${String(i).padStart(5, '0')}`, false, `Person ${i}`);
  }
  return cloud;
}

function setup(ram: (base: RamService) => RamService = (r) => r, cloud = cloudWithUsers(2500)) {
  const sessionChanged = new Emitter<unknown>();
  const profilesChanged = new Emitter<void>();
  let profiles: Profile[] = [profile('admin', ADMIN.accessKeyId)];
  let current = { profile: profiles[0], session: { ...cloud.session(ADMIN), ram: ram(cloud.session(ADMIN).ram) } as unknown as CloudSession };
  const model = new RamExplorerModel(
    { active: async () => ({ ...current, generation: 0 }), onDidChange: sessionChanged.event },
    { list: async () => profiles, onDidChange: profilesChanged.event },
    new MemoryLog(),
  );
  const changes: RamChange[] = [];
  model.onDidChange((c) => changes.push(c));
  return {
    cloud, model, changes,
    switchTo(next: { profile: Profile; session: CloudSession }) {
      current = next;
      sessionChanged.fire(undefined);
    },
    setProfiles(list: Profile[]) {
      profiles = list;
      profilesChanged.fire();
    },
  };
}

describe('RAM explorer model', () => {
  it('shows the first page at once and loads the rest in the background, 1000 per request', async () => {
    const pages: Array<string | undefined> = [];
    const { model, cloud } = setup((ram) => ({ ...ram, listUsers: (marker, max) => {
      pages.push(`${marker ?? 'first'}:${max}`);
      return ram.listUsers(marker, max);
    } }));
    await model.loadUsers();
    assert.ok(model.usersState().users.length >= 1000, 'the first page is in');
    const state = await model.whenUsersLoaded();
    assert.equal(state.users.length, cloud.users.size);
    assert.equal(state.done, true);
    assert.equal(state.loading, false);
    assert.deepEqual(pages, ['first:1000', '1000:1000', '2000:1000'], 'three pages of 1000 for 2,501 users');
    const visible = model.visibleUsers();
    assert.equal(visible.users.length, USERS_DISPLAY_STEP);
    assert.equal(visible.total, 2501);
    model.showMoreUsers();
    model.showMoreUsers();
    assert.equal(model.visibleUsers().users.length, 2501);
  });

  it('hands over the first 1,000 users while page 2 is still on its way, then the rest', async () => {
    let askedForPage2: () => void = () => undefined;
    const page2Asked = new Promise<void>((r) => (askedForPage2 = r));
    let releasePage2: () => void = () => undefined;
    const page2Held = new Promise<void>((r) => (releasePage2 = r));
    const { model, cloud, changes } = setup((ram) => ({ ...ram, listUsers: async (marker, max) => {
      if (marker === '1000') {
        askedForPage2();
        await page2Held;
      }
      return ram.listUsers(marker, max);
    } }));
    let firstPageIn = false;
    const firstPage = model.loadUsers().then(() => (firstPageIn = true));
    await page2Asked;
    await new Promise((r) => setImmediate(r));
    assert.equal(firstPageIn, true, 'loadUsers() waited for page 2: the first page was not shown at once');
    const state = model.usersState();
    assert.equal(state.users.length, 1000);
    assert.equal(state.loading, true, 'no loading marker while page 2 is on its way');
    assert.equal(state.done, false);
    assert.deepEqual(model.visibleUsers(), { users: state.users, matching: 1000, total: 1000 });
    assert.ok(changes.some((c) => c.kind === 'users'), 'the view was not told about the first page');
    releasePage2();
    await firstPage;
    const all = await model.whenUsersLoaded();
    assert.equal(all.users.length, cloud.users.size);
    assert.equal(all.loading, false);
    assert.equal(all.done, true);
  });

  it('filters by user name or display name, case-insensitively', async () => {
    const { model } = setup();
    await model.whenUsersLoaded();
    model.setFilter('USER-0123');
    assert.deepEqual(model.visibleUsers().users.map((u) => u.userName), Array.from({ length: 10 }, (_, i) => `user-0123${i}`));
    assert.equal(model.visibleUsers().matching, 10);
    model.setFilter('administrator');
    assert.deepEqual(model.visibleUsers().users.map((u) => u.userName), ['admin']);
    model.setFilter('');
    assert.equal(model.visibleUsers().matching, 2501);
  });

  it('keeps the users it has when a later page fails, and Retry continues from there', async () => {
    let failSecond = true;
    const { model, cloud } = setup((ram) => ({ ...ram, listUsers: (marker, max) => {
      if (marker && failSecond) {
        failSecond = false;
        return Promise.reject(new Error('network'));
      }
      return ram.listUsers(marker, max);
    } }));
    const state = await model.whenUsersLoaded();
    assert.equal(state.users.length, 1000);
    assert.ok(state.error);
    model.retryUsers();
    const after = await model.whenUsersLoaded();
    assert.equal(after.users.length, cloud.users.size);
    assert.equal(after.error, undefined);
    assert.equal(new Set(after.users.map((u) => u.userName)).size, after.users.length, 'no user twice');
  });

  it('drops a late answer for the previous profile and never mixes accounts', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const t = setup((ram) => ({ ...ram, listUsers: async (marker, max) => {
      await gate;
      return ram.listUsers(marker, max);
    } }));
    const oldGeneration = t.model.generation;
    const firstLoad = t.model.loadUsers();
    const other = cloudWithUsers(3);
    t.switchTo({ profile: profile('other', ADMIN.accessKeyId), session: other.session(ADMIN) as unknown as CloudSession });
    assert.equal(t.model.isCurrent(oldGeneration), false);
    assert.deepEqual(t.changes.at(-1), { kind: 'all' });
    const fresh = await t.model.whenUsersLoaded();
    assert.equal(fresh.users.length, 4);
    release();
    await firstLoad.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(t.model.usersState().users.length, 4, 'the old account\'s users leaked into the new generation');
  });

  it('loads an owner\'s keys once per generation and again after invalidation', async () => {
    let calls = 0;
    const { model, cloud } = setup((ram) => ({ ...ram, listAccessKeys: (userName) => {
      calls++;
      return ram.listAccessKeys(userName);
    } }));
    const admin = cloud.users.get('admin')!;
    cloud.addKey(admin, 'LTAI5tRamUnitAdmin000002', 'unit-secret-admin-two-not-real');
    const owner = userOwner('admin');
    const first = await model.keys(owner);
    assert.ok(first.ok && first.value.length === 2);
    await model.keys(owner);
    assert.equal(calls, 1);
    assert.ok(model.loadedKeys(owner)?.ok);
    assert.equal(atKeyLimit(first.ok ? first.value : []), true);
    model.invalidateKeys(owner);
    assert.equal(model.loadedKeys(owner), undefined);
    await model.keys(owner);
    assert.equal(calls, 2);
    const own = await model.keys(SELF);
    assert.ok(own.ok && own.value.length === 2, 'the caller\'s own keys (no UserName)');
    const missing = await model.keys(userOwner('nobody'));
    assert.equal(missing.ok, false);
  });

  it('fetches last use lazily, caches it, and never runs more than the limit at once', async () => {
    let inFlight = 0;
    let peak = 0;
    let calls = 0;
    const { model, cloud } = setup((ram) => ({ ...ram, getAccessKeyLastUsed: async (id, userName) => {
      calls++;
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return ram.getAccessKeyLastUsed(id, userName);
    } }));
    const users = Array.from({ length: 12 }, (_, i) => `user-${String(i).padStart(5, '0')}`);
    users.forEach((u, i) => cloud.addKey(cloud.users.get(u)!, `LTAI5tRamUnitKey${String(i).padStart(8, '0')}`, 'unit-secret-key-not-real-000'));
    cloud.findKey('LTAI5tRamUnitKey00000003')!.key.lastUsed = '2026-03-01T00:00:00Z';
    const arrived = new Promise<void>((resolve) => {
      let n = 0;
      model.onDidChange((c) => {
        if (c.kind === 'lastUsed' && ++n === users.length) {
          resolve();
        }
      });
    });
    users.forEach((u, i) => assert.deepEqual(model.lastUse(userOwner(u), `LTAI5tRamUnitKey${String(i).padStart(8, '0')}`), { state: 'loading' }));
    await arrived;
    assert.equal(calls, 12);
    assert.ok(peak <= LAST_USED_PARALLELISM, `peak ${peak}`);
    assert.deepEqual(model.lastUse(userOwner(users[3]), 'LTAI5tRamUnitKey00000003'), { state: 'known', date: '2026-03-01T00:00:00Z' });
    assert.deepEqual(model.lastUse(userOwner(users[0]), 'LTAI5tRamUnitKey00000000'), { state: 'known', date: null });
    assert.equal(calls, 12, 'cached');
  });

  it('names the local profiles that use a key and follows profile changes', async () => {
    const t = setup();
    assert.deepEqual((await t.model.profilesUsing(ADMIN.accessKeyId)).map((p) => p.id), ['admin']);
    const profilesChanged = new Promise<void>((resolve) => t.model.onDidChange((c) => c.kind === 'profiles' && resolve()));
    t.setProfiles([profile('admin', ADMIN.accessKeyId), profile('ci', ADMIN.accessKeyId)]);
    await profilesChanged;
    assert.deepEqual((await t.model.profilesUsing(ADMIN.accessKeyId)).map((p) => p.id), ['admin', 'ci']);
  });
});

describe('RAM key health', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const key = (createDate: string, status: 'Active' | 'Inactive' = 'Active') => ({ accessKeyId: 'LTAI5tRamUnitHealth00001', status, createDate });

  it('flags keys older than the setting, and only those', () => {
    assert.deepEqual(keyHealth(key('2026-03-01T00:00:00Z'), { state: 'loading' }, DEFAULT_HEALTH_SETTINGS, now).warnings, ['old']);
    assert.deepEqual(keyHealth(key('2026-03-05T00:00:00Z'), { state: 'loading' }, DEFAULT_HEALTH_SETTINGS, now).warnings, []);
    assert.equal(keyHealth(key('2026-03-01T00:00:00Z'), { state: 'loading' }, DEFAULT_HEALTH_SETTINGS, now).ageDays, 92);
    assert.deepEqual(keyHealth(key('2026-05-01T00:00:00Z'), { state: 'loading' }, { keyAgeWarningDays: 30, unusedKeyWarningDays: 90 }, now).warnings, ['old']);
  });

  it('flags keys unused for long, never used (after a grace week), and inactive ones', () => {
    const s = DEFAULT_HEALTH_SETTINGS;
    assert.deepEqual(keyHealth(key('2026-05-01T00:00:00Z'), { state: 'known', date: '2026-01-01T00:00:00Z' }, s, now).warnings, ['unused']);
    assert.deepEqual(keyHealth(key('2026-05-01T00:00:00Z'), { state: 'known', date: '2026-05-30T00:00:00Z' }, s, now).warnings, []);
    assert.deepEqual(keyHealth(key('2026-05-01T00:00:00Z'), { state: 'known', date: null }, s, now).warnings, ['neverUsed']);
    assert.deepEqual(keyHealth(key('2026-05-30T00:00:00Z'), { state: 'known', date: null }, s, now).warnings, [], 'a new key may be unused');
    assert.deepEqual(keyHealth(key('2025-01-01T00:00:00Z', 'Inactive'), { state: 'failed', message: 'x' }, s, now).warnings, ['inactive', 'old']);
  });

  it('cleans settings typed by hand', () => {
    assert.deepEqual(cleanHealthSettings({ keyAgeWarningDays: 30.7, unusedKeyWarningDays: -1 }), { keyAgeWarningDays: 30, unusedKeyWarningDays: 90 });
    assert.deepEqual(cleanHealthSettings({ keyAgeWarningDays: 'x' }), DEFAULT_HEALTH_SETTINGS);
  });
});
