import * as assert from 'node:assert/strict';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import type { Credentials } from '../../src/aliyun/types';
import { ActiveProfile } from '../../src/credentials/activeProfile';
import { KeyRotation } from '../../src/credentials/keys/rotation';
import { RotationJournal } from '../../src/credentials/keys/rotationJournal';
import { RotationReminders } from '../../src/credentials/keys/rotationReminders';
import { RotationError, type RotationProfiles, type RotationStep } from '../../src/credentials/keys/rotationTypes';
import type { Profile, ProfileSecrets } from '../../src/credentials/profile';
import { ProfileSessions } from '../../src/credentials/profileSessions';
import { ProfileStore } from '../../src/credentials/profileStore';
import { FakeMemento, FakeSecretBackend, MemoryLog } from './fakes';
import { FakeCloud } from './ramFakes';

const ADMIN = { id: 'LTAI5tRamUnitAdmin000001', secret: 'unit-secret-admin-not-real-01' };
const DEV = { id: 'LTAI5tRamUnitDev00000001', secret: 'unit-secret-dev-not-real-0001' };
const SELF = { id: 'LTAI5tRamUnitSelf0000001', secret: 'unit-secret-self-not-real-001' };
const ROOT = { id: 'LTAI5tRamUnitRoot0000001', secret: 'unit-secret-root-not-real-001' };

/** One "window": a store, a journal and a rotation over the shared secret backend and cloud. */
function windowOf(world: World) {
  const log = new MemoryLog();
  const store = new ProfileStore(world.backend.window(), log);
  const journal = new RotationJournal(world.backend.window(), log);
  // Profile writes can be made to fail on chosen calls (the n-th update from now).
  const profiles: RotationProfiles = {
    list: () => store.list(),
    get: (id) => store.get(id),
    add: (p, s) => store.add(p, s),
    update: (id, changes, secrets?: ProfileSecrets) => {
      world.updates++;
      if (world.failUpdates.includes(world.updates)) {
        return Promise.reject(new Error('SecretStorage is unavailable'));
      }
      return store.update(id, changes, secrets);
    },
  };
  const sleeps: number[] = [];
  // The fake cloud serves RAM and STS only, which is all a rotation calls.
  const clients = { session: (credentials: Credentials) => world.cloud.session(credentials) as CloudSession };
  const sessions = new ProfileSessions(store, new ActiveProfile(store, new FakeMemento(), new FakeMemento()), clients);
  const rotation = new KeyRotation({
    journal, profiles, sessions, clients, log,
    reminders: world.reminders,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    verify: { attempts: 3, delayMs: 10, maxDelayMs: 40 },
  });
  return { store, journal, rotation, log, sleeps };
}

interface World {
  cloud: FakeCloud;
  backend: FakeSecretBackend;
  memento: FakeMemento;
  reminders: RotationReminders;
  updates: number;
  failUpdates: number[];
}

function world(): World {
  const cloud = new FakeCloud();
  cloud.addKey(cloud.addUser('admin', true), ADMIN.id, ADMIN.secret);
  cloud.addKey(cloud.addUser('dev', false), DEV.id, DEV.secret, 'Active', '2024-01-01T00:00:00Z');
  cloud.addKey(cloud.addUser('selfie', true), SELF.id, SELF.secret);
  cloud.addKey('root', ROOT.id, ROOT.secret);
  const memento = new FakeMemento();
  return { cloud, backend: new FakeSecretBackend(), memento, reminders: new RotationReminders(memento), updates: 0, failUpdates: [] };
}

async function addProfile(store: ProfileStore, name: string, key: { id: string; secret: string }): Promise<Profile> {
  return store.add({ name, kind: 'AccessKey', accessKeyId: key.id, regionId: 'cn-hangzhou', source: 'manual' }, { accessKeySecret: key.secret });
}

/** Every profile's key and secret work, or belong to a key that exists (disabled keys are kept, never lost). */
async function assertNothingLost(w: World, store: ProfileStore): Promise<void> {
  for (const p of await store.list()) {
    const secrets = await store.getSecrets(p.id);
    assert.ok(secrets, `profile ${p.name} lost its secret`);
    const found = w.cloud.findKey(p.accessKeyId);
    assert.ok(found, `profile ${p.name} points at a key that does not exist`);
    assert.equal(found.key.secret, secrets.accessKeySecret, `profile ${p.name} holds a secret that does not match its key`);
  }
  for (const user of ['dev', 'selfie', 'admin']) {
    assert.ok(w.cloud.keysOf(user).length <= 2);
  }
}

async function stepOf(journal: RotationJournal): Promise<RotationStep | undefined> {
  const entries = await journal.list();
  assert.ok(entries.length <= 1);
  return entries[0]?.step;
}

describe('Key rotation (state machine with fakes)', () => {
  it('rotates a RAM user\'s key end to end, managed by an administrator profile', async () => {
    const w = world();
    const { store, rotation, journal } = windowOf(w);
    const admin = await addProfile(store, 'admin', ADMIN);
    const dev = await addProfile(store, 'dev', DEV);
    const copy = await addProfile(store, 'dev-copy', DEV);
    const steps: string[] = [];

    const result = await rotation.start({ profileId: dev.id, managerProfileId: admin.id }, { onProgress: (s) => steps.push(s) });

    assert.equal(result.status, 'done');
    assert.equal(result.oldAccessKeyId, DEV.id);
    assert.notEqual(result.newAccessKeyId, DEV.id);
    assert.deepEqual(result.repointedProfileIds, [copy.id]);
    assert.deepEqual(steps, ['checking', 'creating', 'storing', 'verifying', 'repointing', 'disabling']);
    const devNow = await store.get(dev.id);
    assert.equal(devNow?.accessKeyId, result.newAccessKeyId);
    assert.equal(devNow?.keyCreatedAt, '2026-02-01T00:00:00Z', 'the profile knows the new key\'s age');
    assert.ok(w.cloud.works({ accessKeyId: result.newAccessKeyId, accessKeySecret: (await store.getSecrets(dev.id))!.accessKeySecret }));
    assert.equal((await store.get(copy.id))?.accessKeyId, result.newAccessKeyId);
    assert.equal(w.cloud.findKey(DEV.id)?.key.status, 'Inactive', 'the old key is disabled');
    assert.equal(w.cloud.keysOf('dev').length, 2, 'the old key is disabled, not deleted');
    assert.equal(await stepOf(journal), undefined, 'the journal entry is gone');
    assert.equal(w.backend.data.has('alibabaCloud.rotations'), false);
    assert.equal((await store.get(admin.id))?.accessKeyId, ADMIN.id, 'the manager is untouched');
    const reminder = w.reminders.find(DEV.id);
    assert.equal(reminder?.userName, 'dev');
    assert.equal(reminder?.managerProfileId, admin.id);
    assert.ok(!JSON.stringify([...w.memento.data]).includes(DEV.secret), 'a secret reached globalState');
    await assertNothingLost(w, store);
  });

  it('rotates a key that manages itself, and the account\'s own (root) key', async () => {
    const w = world();
    const { store, rotation } = windowOf(w);
    const selfie = await addProfile(store, 'selfie', SELF);
    const root = await addProfile(store, 'root', ROOT);
    const admin = await addProfile(store, 'admin', ADMIN);

    const a = await rotation.start({ profileId: selfie.id });
    assert.equal(w.cloud.findKey(SELF.id)?.key.status, 'Inactive');
    assert.equal(w.cloud.findKey(a.newAccessKeyId)?.user?.userName, 'selfie');
    // A RAM administrator cannot manage root keys: the root profile signs its own rotation.
    const b = await rotation.start({ profileId: root.id, managerProfileId: admin.id });
    assert.equal(b.userName, undefined);
    assert.ok(w.cloud.rootKeys.some((k) => k.accessKeyId === b.newAccessKeyId));
    assert.equal(w.cloud.findKey(ROOT.id)?.key.status, 'Inactive');
    await assertNothingLost(w, store);
  });

  it('retries the verification while the new key propagates', async () => {
    const w = world();
    const { store, rotation, sleeps } = windowOf(w);
    const dev = await addProfile(store, 'dev', DEV);
    const admin = await addProfile(store, 'admin', ADMIN);
    w.cloud.propagationDelay = 2;
    const result = await rotation.start({ profileId: dev.id, managerProfileId: admin.id });
    assert.equal(result.status, 'done');
    assert.deepEqual(sleeps, [10, 20], 'two waits with backoff before the third try worked');
  });

  it('at the two-key limit asks to delete the inactive key, and deletes it only when confirmed', async () => {
    const w = world();
    const { store, rotation, journal } = windowOf(w);
    const dev = await addProfile(store, 'dev', DEV);
    const admin = await addProfile(store, 'admin', ADMIN);
    w.cloud.addKey(w.cloud.users.get('dev')!, 'LTAI5tRamUnitDevOld00001', 'unit-secret-dev-old-not-real', 'Inactive');

    await assert.rejects(rotation.start({ profileId: dev.id, managerProfileId: admin.id }), (e: RotationError) =>
      e.code === 'limitInactive' && e.details.inactiveKeyId === 'LTAI5tRamUnitDevOld00001' && /two AccessKeys/.test(e.message));
    assert.equal(w.cloud.keysOf('dev').length, 2, 'nothing deleted without confirmation');
    assert.equal(await stepOf(journal), undefined);
    assert.ok(!w.cloud.calls.includes('CreateAccessKey'));

    const result = await rotation.start({ profileId: dev.id, managerProfileId: admin.id, deleteInactiveKeyId: 'LTAI5tRamUnitDevOld00001' });
    assert.equal(w.cloud.findKey('LTAI5tRamUnitDevOld00001'), undefined);
    assert.deepEqual(w.cloud.keysOf('dev').map((k) => k.accessKeyId).sort(), [DEV.id, result.newAccessKeyId].sort());
  });

  it('refuses when both keys are active, and for STS profiles, changing nothing', async () => {
    const w = world();
    const { store, rotation } = windowOf(w);
    const dev = await addProfile(store, 'dev', DEV);
    const admin = await addProfile(store, 'admin', ADMIN);
    w.cloud.addKey(w.cloud.users.get('dev')!, 'LTAI5tRamUnitDevTwo00001', 'unit-secret-dev-two-not-real');
    await assert.rejects(rotation.start({ profileId: dev.id, managerProfileId: admin.id }), (e: RotationError) => e.code === 'limit');
    const sts = await store.add({ name: 'sts', kind: 'StsToken', accessKeyId: 'STS.NUUnitToken00000001', regionId: 'cn-hangzhou', source: 'manual' }, { accessKeySecret: 'unit-sts-secret-not-real', securityToken: 'tok' });
    await assert.rejects(rotation.start({ profileId: sts.id }), (e: RotationError) => e.code === 'notRotatable');
    assert.ok(!w.cloud.calls.includes('CreateAccessKey'));
    assert.equal((await store.get(dev.id))?.accessKeyId, DEV.id);
  });

  it('refuses a second rotation of a key while one is unfinished', async () => {
    const w = world();
    const { store, rotation } = windowOf(w);
    const dev = await addProfile(store, 'dev', DEV);
    const admin = await addProfile(store, 'admin', ADMIN);
    w.cloud.fault('UpdateAccessKey', 'before');
    await assert.rejects(rotation.start({ profileId: dev.id, managerProfileId: admin.id }));
    await assert.rejects(rotation.start({ profileId: dev.id, managerProfileId: admin.id }), (e: RotationError) => e.code === 'pending' && !!e.details.entryId);
  });

  it('a create that fails outright changes nothing and leaves no journal entry', async () => {
    const w = world();
    const { store, rotation, journal } = windowOf(w);
    const dev = await addProfile(store, 'dev', DEV);
    const admin = await addProfile(store, 'admin', ADMIN);
    w.cloud.fault('CreateAccessKey', 'before', 'serverError', 'InternalError');
    await assert.rejects(rotation.start({ profileId: dev.id, managerProfileId: admin.id }), (e: RotationError) =>
      e.code === 'createFailed' && /No key was made/.test(e.message));
    assert.equal(w.cloud.calls.filter((c) => c === 'CreateAccessKey').length, 1, 'the create was retried');
    assert.equal(await stepOf(journal), undefined);
    assert.equal(w.cloud.keysOf('dev').length, 1);
  });

  it('a create whose answer is lost is never repeated: the new key is reported, then deleted on resume or rollback', async () => {
    for (const how of ['finish', 'rollback'] as const) {
      const w = world();
      const first = windowOf(w);
      const dev = await addProfile(first.store, 'dev', DEV);
      const admin = await addProfile(first.store, 'admin', ADMIN);
      w.cloud.fault('CreateAccessKey', 'after', 'timeout', 'Timeout');
      const error = await first.rotation.start({ profileId: dev.id, managerProfileId: admin.id }).then(() => undefined, (e: RotationError) => e);
      assert.equal(error?.code, 'orphans');
      const orphan = error?.details.orphanKeyIds?.[0];
      assert.ok(orphan && w.cloud.findKey(orphan), 'the orphan is named');
      assert.equal(w.cloud.calls.filter((c) => c === 'CreateAccessKey').length, 1, 'the create was repeated blindly');
      assert.equal(await stepOf(first.journal), 'started');

      const later = windowOf(w); // as after a restart: only what was persisted
      const entryId = (await later.journal.list())[0].id;
      if (how === 'finish') {
        await assert.rejects(later.rotation.finish(entryId), (e: RotationError) => e.code === 'orphans', 'the orphan is deleted only when allowed');
        const result = await later.rotation.finish(entryId, { deleteOrphans: true });
        assert.equal(w.cloud.findKey(orphan), undefined);
        assert.equal((await later.store.get(dev.id))?.accessKeyId, result.newAccessKeyId);
      } else {
        const result = await later.rotation.rollback(entryId);
        assert.deepEqual(result.deletedAccessKeyIds, [orphan]);
        assert.equal(w.cloud.keysOf('dev').length, 1);
        assert.equal((await later.store.get(dev.id))?.accessKeyId, DEV.id);
      }
      assert.equal(await stepOf(later.journal), undefined);
      await assertNothingLost(w, later.store);
    }
  });

  // Each step interrupted, for a key managed by an administrator and for a key that manages itself;
  // then resumed in a new "window" (as after a restart), or rolled back there.
  type Interrupt = { name: string; step: RotationStep; arm: (w: World) => void; heal?: (w: World) => void };
  const interrupts: Interrupt[] = [
    { name: 'storing the new key in the profile', step: 'created', arm: (w) => (w.failUpdates = [w.updates + 1]) },
    {
      name: 'verifying the new key', step: 'stored', arm: (w) => (w.cloud.propagationDelay = 100),
      heal: (w) => w.cloud.users.forEach((u) => u.keys.forEach((k) => (k.propagating = 0))),
    },
    { name: 'repointing the other profiles', step: 'verified', arm: (w) => (w.failUpdates = [w.updates + 2]) },
    { name: 'disabling the old key (refused)', step: 'repointed', arm: (w) => w.cloud.fault('UpdateAccessKey', 'before') },
    { name: 'disabling the old key (done, answer lost)', step: 'repointed', arm: (w) => w.cloud.fault('UpdateAccessKey', 'after', 'timeout', 'Timeout') },
  ];
  for (const managed of ['by an administrator', 'by itself'] as const) {
    for (const interrupt of interrupts) {
      for (const how of ['finish', 'rollback'] as const) {
        it(`interrupted while ${interrupt.name}, managed ${managed}: ${how === 'finish' ? 'resumed' : 'rolled back'} without losing a key or secret`, async () => {
          const w = world();
          const first = windowOf(w);
          const key = managed === 'by itself' ? SELF : DEV;
          const owner = managed === 'by itself' ? 'selfie' : 'dev';
          const admin = await addProfile(first.store, 'admin', ADMIN);
          const target = await addProfile(first.store, 'target', key);
          const copy = await addProfile(first.store, 'copy', key);
          interrupt.arm(w);

          const error = await first.rotation.start({ profileId: target.id, managerProfileId: managed === 'by itself' ? undefined : admin.id })
            .then(() => undefined, (e: RotationError) => e);
          assert.ok(error instanceof RotationError, 'the rotation should have stopped');
          assert.equal(error.details.step, interrupt.step);
          assert.equal(await stepOf(first.journal), interrupt.step);
          assert.ok(w.backend.data.get('alibabaCloud.rotations')?.includes(key.secret), 'the old secret is kept in the journal (SecretStorage)');
          assert.ok(!JSON.stringify([...w.memento.data]).includes(key.secret));
          await assertNothingLost(w, first.store);

          w.cloud.clearFaults();
          w.failUpdates = [];
          interrupt.heal?.(w);
          const later = windowOf(w);
          const entryId = (await later.journal.list())[0].id;
          if (how === 'finish') {
            const result = await later.rotation.finish(entryId);
            assert.equal(result.status, 'done');
            for (const id of [target.id, copy.id]) {
              const p = await later.store.get(id);
              assert.equal(p?.accessKeyId, result.newAccessKeyId);
              assert.ok(w.cloud.works({ accessKeyId: p!.accessKeyId, accessKeySecret: (await later.store.getSecrets(id))!.accessKeySecret }));
            }
            assert.equal(w.cloud.findKey(key.id)?.key.status, 'Inactive');
            assert.equal(w.cloud.keysOf(owner).length, 2);
          } else {
            const result = await later.rotation.rollback(entryId);
            assert.equal(result.status, 'rolledBack');
            for (const id of [target.id, copy.id]) {
              const p = await later.store.get(id);
              assert.equal(p?.accessKeyId, key.id);
              // Profiles that were switched get the old key's date back; untouched ones never had one.
              assert.ok([undefined, managed === 'by itself' ? '2025-01-01T00:00:00Z' : '2024-01-01T00:00:00Z'].includes(p?.keyCreatedAt), `key date ${p?.keyCreatedAt}`);
              assert.ok(w.cloud.works({ accessKeyId: key.id, accessKeySecret: (await later.store.getSecrets(id))!.accessKeySecret }), 'the old key works again');
            }
            assert.deepEqual(w.cloud.keysOf(owner).map((k) => k.accessKeyId), [key.id], 'the new key is deleted');
          }
          assert.equal(await stepOf(later.journal), undefined);
          assert.equal(w.backend.data.has('alibabaCloud.rotations'), false, 'the journal (and the old secret) is gone');
          assert.equal((await later.store.get(admin.id))?.accessKeyId, ADMIN.id);
          await assertNothingLost(w, later.store);
        });
      }
    }
  }

  it('a rollback that fails keeps the entry and can be tried again', async () => {
    const w = world();
    const first = windowOf(w);
    const admin = await addProfile(first.store, 'admin', ADMIN);
    const dev = await addProfile(first.store, 'dev', DEV);
    w.cloud.fault('UpdateAccessKey', 'before');
    await assert.rejects(first.rotation.start({ profileId: dev.id, managerProfileId: admin.id }));
    const entryId = (await first.journal.list())[0].id;
    w.cloud.fault('DeleteAccessKey', 'before', 'noPermission', 'NoPermission');
    await assert.rejects(first.rotation.rollback(entryId), (e: RotationError) => e.details.entryId === entryId && /try it again/.test(e.message));
    assert.equal((await first.journal.list())[0].lastError?.includes('NoPermission'), true);
    await assertNothingLost(w, first.store);
    const done = await first.rotation.rollback(entryId);
    assert.equal(done.deletedAccessKeyIds.length, 1);
    assert.equal((await first.store.get(dev.id))?.accessKeyId, DEV.id);
  });
});
