import * as assert from 'node:assert/strict';
import { ActiveProfile } from '../../src/credentials/activeProfile';
import { ProfileStore } from '../../src/credentials/profileStore';
import { TerminalEnvironment, type EnvironmentCollection } from '../../src/credentials/terminalEnvironment';
import { FakeMemento, FakeSecretBackend, MemoryLog } from './fakes';

class FakeCollection implements EnvironmentCollection {
  persistent = true;
  description: unknown;
  readonly values = new Map<string, string>();
  replace(variable: string, value: string): void {
    this.values.set(variable, value);
  }
  delete(variable: string): void {
    this.values.delete(variable);
  }
  clear(): void {
    this.values.clear();
  }
}

const AK = { accessKeySecret: 'prof-secret-pat-not-real-000001' };
const STS = { accessKeySecret: 'prof-secret-sts-not-real-00001', securityToken: 'prof-security-token-not-real-0001' };

describe('profile: use in terminal (environment variable collection)', () => {
  async function setup() {
    const log = new MemoryLog();
    const store = new ProfileStore(new FakeSecretBackend().window(), log, { repairDelayMs: 5 });
    const ak = await store.add({ name: 'ak', kind: 'AccessKey', accessKeyId: 'LTAI5tProfPat00000000001', regionId: 'cn-shanghai', source: 'manual' }, AK);
    const sts = await store.add({ name: 'sts', kind: 'StsToken', accessKeyId: 'STS.NUProfToken000000001', regionId: 'cn-beijing', source: 'manual' }, STS);
    const workspace = new FakeMemento();
    const active = new ActiveProfile(store, workspace, new FakeMemento());
    await active.set(ak.id);
    const collection = new FakeCollection();
    const terminal = new TerminalEnvironment(collection, store, active, workspace, log);
    return { log, store, ak, sts, workspace, active, collection, terminal };
  }

  it('is off until asked, and never persistent', async () => {
    const { collection, terminal } = await setup();
    assert.equal(collection.persistent, false);
    assert.equal(terminal.enabled, false);
    assert.equal(collection.values.size, 0);
  });

  it('puts the active profile in, follows a switch to an STS profile, and takes everything out on stop', async () => {
    const { collection, terminal, active, ak, sts, log } = await setup();
    const on = await terminal.enable();
    assert.deepEqual(on.variables, ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_REGION_ID']);
    assert.deepEqual(Object.fromEntries(collection.values), {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tProfPat00000000001',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK.accessKeySecret,
      ALIBABA_CLOUD_REGION_ID: 'cn-shanghai',
    });
    assert.match(String(collection.description), /"ak" \(LTAI\*\*\*\*0001, cn-shanghai\)/);
    await active.set(sts.id);
    const switched = await terminal.current();
    assert.equal(switched.profileName, 'sts');
    assert.equal(collection.values.get('ALIBABA_CLOUD_SECURITY_TOKEN'), STS.securityToken);
    assert.equal(collection.values.get('ALIBABA_CLOUD_ACCESS_KEY_ID'), 'STS.NUProfToken000000001');
    await active.set(ak.id);
    await terminal.current();
    assert.equal(collection.values.has('ALIBABA_CLOUD_SECURITY_TOKEN'), false, 'a token stayed behind after switching to an AccessKey profile');
    await terminal.disable();
    assert.equal(collection.values.size, 0);
    assert.equal(collection.description, undefined);
    const text = log.lines.join('\n');
    assert.ok(!text.includes(AK.accessKeySecret) && !text.includes(STS.securityToken) && !text.includes(STS.accessKeySecret));
  });

  it('follows an edit of the active profile\'s secret and region', async () => {
    const { collection, terminal, store, ak } = await setup();
    await terminal.enable();
    await store.update(ak.id, { regionId: 'cn-chengdu' }, { accessKeySecret: 'prof-secret-pat-not-real-000009' });
    await new Promise((r) => setTimeout(r, 20));
    await terminal.current();
    assert.equal(collection.values.get('ALIBABA_CLOUD_ACCESS_KEY_SECRET'), 'prof-secret-pat-not-real-000009');
    assert.equal(collection.values.get('ALIBABA_CLOUD_REGION_ID'), 'cn-chengdu');
  });

  it('comes back after a restart from the opt-in alone (values come from secret storage again)', async () => {
    const { store, active, workspace, terminal, log } = await setup();
    await terminal.enable();
    terminal.dispose();
    const fresh = new FakeCollection();
    const again = new TerminalEnvironment(fresh, store, active, workspace, log);
    await again.current();
    assert.equal(fresh.values.get('ALIBABA_CLOUD_ACCESS_KEY_SECRET'), AK.accessKeySecret);
    assert.equal(fresh.persistent, false);
  });

  it('empties the variables when the active profile is deleted and none is left', async () => {
    const { store, terminal, collection, ak, sts } = await setup();
    await terminal.enable();
    await store.remove(sts.id);
    await store.remove(ak.id);
    await new Promise((r) => setTimeout(r, 20));
    const state = await terminal.current();
    assert.equal(state.enabled, true);
    assert.deepEqual(state.variables, []);
    assert.equal(collection.values.size, 0);
  });
});
