import * as assert from 'node:assert/strict';
import { CloudClientFactory } from '../../src/aliyun/clientFactory';
import type { AccessKeyInfo, SdkModule } from '../../src/aliyun/types';
import type { CredentialTestResult } from '../../src/credentials/credentialCheck';
import { ActiveProfile } from '../../src/credentials/activeProfile';
import { KeyAgeTracker } from '../../src/credentials/keys/keyAge';
import { ProfileSessions } from '../../src/credentials/profileSessions';
import { ProfileStore } from '../../src/credentials/profileStore';
import { TestResults } from '../../src/credentials/testResults';
import { FakeMemento, FakeSecretBackend, MemoryLog } from './fakes';

/** The profiles' sessions over a client factory whose RAM answers `keys` and records the signing key. */
function sessions(store: ProfileStore, keys: () => Promise<AccessKeyInfo[]>, calls: string[]): ProfileSessions {
  return new ProfileSessions(store, new ActiveProfile(store, new FakeMemento(), new FakeMemento()), factory(keys, calls));
}

function factory(keys: () => Promise<AccessKeyInfo[]>, calls: string[]): CloudClientFactory {
  const sdk = {
    createRamApi: (options: { credentials: { accessKeyId: string } }) => ({
      listAccessKeys: async () => {
        calls.push(options.credentials.accessKeyId);
        return keys();
      },
    }),
  } as unknown as SdkModule;
  return new CloudClientFactory(() => ({ endpoints: {}, connectTimeoutMs: 100, readTimeoutMs: 100 }), new MemoryLog(), () => sdk);
}

const passed = (profileId: string, accessKeyId: string, ok = true): CredentialTestResult => ({
  profileId, accessKeyId, ok, testedAt: new Date().toISOString(), summary: ok ? 'works' : 'fails',
  identityCheck: { ok, message: '' },
  identity: { identityType: 'RAMUser', accountId: '3300000000000003', principalId: '1', arn: 'acs:ram::3300000000000003:user/pat' },
});

describe('profile: key age from the last passing test', () => {
  it('learns the key\'s creation date once, after a passing test, and only for that key', async () => {
    const store = new ProfileStore(new FakeSecretBackend().window(), new MemoryLog(), { repairDelayMs: 5 });
    const results = new TestResults(new FakeMemento());
    const calls: string[] = [];
    const tracker = new KeyAgeTracker(results, store, sessions(store, async () => [
      { accessKeyId: 'LTAI5tProfPat00000000002', status: 'Active', createDate: '2025-02-04T05:06:07Z' },
      { accessKeyId: 'LTAI5tProfPat00000000001', status: 'Active', createDate: '2025-02-03T04:05:06Z' },
    ], calls), new MemoryLog());
    const p = await store.add({ name: 'pat', kind: 'AccessKey', accessKeyId: 'LTAI5tProfPat00000000001', regionId: 'cn-hangzhou', source: 'manual' }, { accessKeySecret: 'prof-secret-pat-not-real-000001' });

    await results.set(passed(p.id, p.accessKeyId, false));
    assert.equal(calls.length, 0, 'looked up after a failed test');
    assert.equal(await tracker.lookup(p.id, p.accessKeyId), '2025-02-03T04:05:06Z');
    assert.equal((await store.get(p.id))?.keyCreatedAt, '2025-02-03T04:05:06Z');
    await results.set(passed(p.id, p.accessKeyId));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(calls.length, 1, 'asked again although the age is known');
    tracker.dispose();
  });

  it('stays quiet when the key may not list keys, and does not ask twice', async () => {
    const store = new ProfileStore(new FakeSecretBackend().window(), new MemoryLog(), { repairDelayMs: 5 });
    const calls: string[] = [];
    const log = new MemoryLog();
    const tracker = new KeyAgeTracker(new TestResults(new FakeMemento()), store, sessions(store, async () => {
      throw Object.assign(new Error('denied'), { code: 'NoPermission', statusCode: 403, data: { Code: 'NoPermission' } });
    }, calls), log);
    const p = await store.add({ name: 'q', kind: 'AccessKey', accessKeyId: 'LTAI5tProfQuinn000000001', regionId: 'cn-hangzhou', source: 'manual' }, { accessKeySecret: 'prof-secret-quinn-not-real-0001' });
    assert.equal(await tracker.lookup(p.id, p.accessKeyId), undefined);
    assert.equal(await tracker.lookup(p.id, p.accessKeyId), undefined);
    assert.equal(calls.length, 1);
    assert.equal((await store.get(p.id))?.keyCreatedAt, undefined);
    assert.ok(log.lines.some((l) => l.includes('NoPermission')));
    assert.ok(!log.lines.join('\n').includes('prof-secret-quinn'));
  });

  it('never asks for an STS profile', async () => {
    const store = new ProfileStore(new FakeSecretBackend().window(), new MemoryLog(), { repairDelayMs: 5 });
    const calls: string[] = [];
    const tracker = new KeyAgeTracker(new TestResults(new FakeMemento()), store, sessions(store, async () => [], calls), new MemoryLog());
    const p = await store.add({ name: 's', kind: 'StsToken', accessKeyId: 'STS.NUProfToken000000001', regionId: 'cn-hangzhou', source: 'manual' }, { accessKeySecret: 'prof-secret-sts-not-real-00001', securityToken: 'tok' });
    await tracker.lookup(p.id, p.accessKeyId);
    assert.equal(calls.length, 0);
  });
});
