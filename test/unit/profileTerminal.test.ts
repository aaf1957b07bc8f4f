import * as assert from 'node:assert/strict';
import { ActiveProfile } from '../../src/credentials/activeProfile';
import { ProfileStore } from '../../src/credentials/profileStore';
import {
  TerminalEnvironment, terminalConsentWords, terminalRevivalStorage, type EnvironmentCollection, type TerminalConsentWords, type TerminalRevivalSettings,
} from '../../src/credentials/terminalEnvironment';
import { endpointVariables } from '../../src/credentials/serving/programEnvironment';
import { Emitter } from '../../src/util/events';
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
  forEach(callback: (variable: string) => unknown): void {
    [...this.values.keys()].forEach((k) => callback(k));
  }
}

/** VS Code's defaults on the desktop: terminals are revived after a quit. */
const DESKTOP: TerminalRevivalSettings = { uiKind: 'desktop', reviveProcess: undefined, persistentSessions: undefined };
const agree = async (_words: TerminalConsentWords): Promise<void> => undefined;

const AK = { accessKeySecret: 'prof-secret-pat-not-real-000001' };
const STS = { accessKeySecret: 'prof-secret-sts-not-real-00001', securityToken: 'prof-security-token-not-real-0001' };

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

describe('profile: use in terminal (environment variable collection)', () => {
  it('is off until asked, and never persistent', async () => {
    const { collection, terminal } = await setup();
    assert.equal(collection.persistent, false);
    assert.equal(terminal.enabled, false);
    assert.equal(collection.values.size, 0);
  });

  it('puts the active profile in, follows a switch to an STS profile, and takes everything out on stop', async () => {
    const { collection, terminal, active, ak, sts, log } = await setup();
    const on = await terminal.enable(agree, DESKTOP);
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
    await terminal.enable(agree, DESKTOP);
    await store.update(ak.id, { regionId: 'cn-chengdu' }, { accessKeySecret: 'prof-secret-pat-not-real-000009' });
    await new Promise((r) => setTimeout(r, 20));
    await terminal.current();
    assert.equal(collection.values.get('ALIBABA_CLOUD_ACCESS_KEY_SECRET'), 'prof-secret-pat-not-real-000009');
    assert.equal(collection.values.get('ALIBABA_CLOUD_REGION_ID'), 'cn-chengdu');
  });

  it('comes back after a restart from the opt-in alone (values come from secret storage again)', async () => {
    const { store, active, workspace, terminal, log } = await setup();
    await terminal.enable(agree, DESKTOP);
    terminal.dispose();
    const fresh = new FakeCollection();
    const again = new TerminalEnvironment(fresh, store, active, workspace, log);
    await again.current();
    assert.equal(fresh.values.get('ALIBABA_CLOUD_ACCESS_KEY_SECRET'), AK.accessKeySecret);
    assert.equal(fresh.persistent, false);
  });

  it('empties the variables when the active profile is deleted and none is left', async () => {
    const { store, terminal, collection, ak, sts } = await setup();
    await terminal.enable(agree, DESKTOP);
    await store.remove(sts.id);
    await store.remove(ak.id);
    await new Promise((r) => setTimeout(r, 20));
    const state = await terminal.current();
    assert.equal(state.enabled, true);
    assert.deepEqual(state.variables, []);
    assert.equal(collection.values.size, 0);
  });

  it('asks first, for the whole workspace, and stays off when the answer is no', async () => {
    const { collection, terminal, workspace } = await setup();
    const asked: TerminalConsentWords[] = [];
    await assert.rejects(terminal.enable(async (words) => {
      asked.push(words);
      throw new Error('declined');
    }, DESKTOP), /declined/);
    assert.equal(asked.length, 1);
    assert.match(asked[0].message, /every new terminal in this workspace .*"ak"/);
    assert.match(asked[0].detail, /whoever opens it/);
    assert.match(asked[0].detail, /consent for the whole workspace/);
    assert.equal(terminal.enabled, false);
    assert.equal(workspace.get('alibabaCloud.terminalEnvironment'), undefined);
    assert.equal(collection.values.size, 0, 'a declined consent still put the secret in');
  });
});

describe('profile: use in terminal through the credentials endpoint', () => {
  const URL = 'http://127.0.0.1:1234/secret-path-not-real';
  function endpoint() {
    const changed = new Emitter<void>();
    let serving = false;
    return {
      onDidChange: changed.event,
      variables: async () => (serving ? { variables: endpointVariables(URL, 'cn-shanghai'), profileName: 'reader' } : undefined),
      set(on: boolean) {
        serving = on;
        changed.fire();
      },
    };
  }

  it('gives new terminals the address and the variables that make it win, never a secret; follows the endpoint', async () => {
    const { collection, terminal, log } = await setup();
    await terminal.enable(agree, DESKTOP);
    assert.equal(collection.values.get('ALIBABA_CLOUD_ACCESS_KEY_SECRET'), AK.accessKeySecret);
    const served = endpoint();
    terminal.attachEndpoint(served);
    const waiting = await terminal.enableEndpoint();
    assert.deepEqual([waiting.mode, waiting.variables], ['endpoint', []], 'no address while it does not serve');
    assert.equal(collection.values.size, 0, 'the secret went at once');
    served.set(true);
    const on = await terminal.current();
    assert.equal(on.profileName, 'reader');
    assert.deepEqual(Object.fromEntries(collection.values), endpointVariables(URL, 'cn-shanghai'));
    assert.ok(![...collection.values.values()].includes(AK.accessKeySecret));
    served.set(false);
    assert.deepEqual((await terminal.current()).variables, []);
    assert.equal(collection.values.size, 0);
    await terminal.disable();
    assert.equal(terminal.mode, 'variables');
    assert.ok(!log.lines.join('\n').includes('secret-path-not-real'), 'the address is not logged');
  });

  it('stays in endpoint mode across a restart, and goes back to the variables only when asked with their consent', async () => {
    const { store, active, workspace, terminal, log } = await setup();
    const served = endpoint();
    served.set(true);
    terminal.attachEndpoint(served);
    await terminal.enableEndpoint();
    terminal.dispose();
    const fresh = new FakeCollection();
    const again = new TerminalEnvironment(fresh, store, active, workspace, log);
    again.attachEndpoint(served);
    await again.current();
    assert.equal(fresh.values.get('ALIBABA_CLOUD_CREDENTIALS_URI'), URL);
    await again.enable(agree, DESKTOP);
    assert.equal(fresh.values.has('ALIBABA_CLOUD_CREDENTIALS_URI'), false);
    assert.equal(fresh.values.get('ALIBABA_CLOUD_ACCESS_KEY_SECRET'), AK.accessKeySecret);
  });
});

describe('profile: use in terminal, what VS Code saves when it revives terminals', () => {
  const revival = (over: Partial<TerminalRevivalSettings>): TerminalRevivalSettings => ({ ...DESKTOP, ...over });

  it('saves on the desktop and in the browser unless revival or persistent sessions are off', () => {
    assert.equal(terminalRevivalStorage(DESKTOP), 'desktop', 'the default (onExit) saves the environment');
    assert.equal(terminalRevivalStorage(revival({ reviveProcess: 'onExit' })), 'desktop');
    assert.equal(terminalRevivalStorage(revival({ reviveProcess: 'onExitAndWindowClose' })), 'desktop');
    assert.equal(terminalRevivalStorage(revival({ uiKind: 'web' })), 'web');
    assert.equal(terminalRevivalStorage(revival({ reviveProcess: 'never' })), undefined);
    assert.equal(terminalRevivalStorage(revival({ persistentSessions: false })), undefined);
  });

  it('tells that the secret goes to disk, and the way out, exactly when it does', () => {
    const saved = terminalConsentWords('prod', DESKTOP).detail;
    assert.match(saved, /saves their environment, the secret included, in this workspace's storage on this computer/);
    assert.match(saved, /terminal\.integrated\.persistentSessionReviveProcess to "never"/);
    assert.match(terminalConsentWords('prod', revival({ uiKind: 'web' })).detail, /browser's storage .*"never"/);
    for (const off of [revival({ reviveProcess: 'never' }), revival({ persistentSessions: false })]) {
      const detail = terminalConsentWords('prod', off).detail;
      assert.doesNotMatch(detail, /storage/);
      assert.match(detail, /whoever opens it/, 'the workspace-wide part is said in every case');
    }
  });
});
