import * as assert from 'node:assert/strict';
import type { Profile } from '../../src/credentials/profile';
import { Emitter } from '../../src/util/events';
import { holderNames, keyHolders, KeyHolders } from '../../src/views/ram/keyHolders';

const KEY = 'LTAI5tRoleImpDev00000001';
const base = { regionId: 'cn-hangzhou', source: 'manual', createdAt: '2025-01-01T00:00:00Z' };
const key = (id: string, name: string, accessKeyId = KEY): Profile => ({ ...base, id, name, kind: 'AccessKey', accessKeyId });
const role = (id: string, name: string, sourceProfileId: string): Profile => ({
  ...base, id, name, kind: 'RamRole', accessKeyId: '',
  role: { roleArn: `acs:ram::3400000000000004:role/${name}`, sourceProfileId, sessionName: 'session', durationSeconds: 3600 },
});

describe('RAM: which local profiles use a key, following role chains', () => {
  const profiles = [
    role('r2', 'audit', 'r1'), key('k1', 'dev'), role('r1', 'deploy', 'k1'), key('k2', 'dev copy'),
    key('k3', 'other', 'LTAI5tSomeOtherKey000001'), role('r3', 'elsewhere', 'k3'),
    role('la', 'loop-a', 'lb'), role('lb', 'loop-b', 'la'), role('gone', 'orphan', 'nobody'),
  ];

  it('lists the holders first, then role profiles by the length of their chain', () => {
    const holders = keyHolders(profiles, KEY);
    assert.deepEqual(holders.map((h) => [h.profile.name, h.via.map((p) => p.name)]), [
      ['dev', []], ['dev copy', []], ['deploy', ['dev']], ['audit', ['deploy', 'dev']],
    ]);
    assert.equal(holderNames(holders), '"dev", "dev copy", "deploy" (role profile via "dev"), "audit" (role profile via "deploy" → "dev")');
  });

  it('counts no role profile whose chain is broken, loops or ends at another key', () => {
    assert.deepEqual(keyHolders(profiles, 'LTAI5tSomeOtherKey000001').map((h) => h.profile.name), ['other', 'elsewhere']);
    assert.deepEqual(keyHolders(profiles, '').map((h) => h.profile.name), [], 'role profiles hold no key of their own');
    const long = [key('k', 'k'), ...[1, 2, 3, 4, 5, 6].map((n) => role(`r${n}`, `r${n}`, n === 1 ? 'k' : `r${n - 1}`))];
    assert.deepEqual(keyHolders(long, KEY).map((h) => h.profile.name), ['k', 'r1', 'r2', 'r3', 'r4', 'r5'], 'a chain longer than STS allows uses no key');
  });

  it('reads the profiles again after they change', async () => {
    const changed = new Emitter<void>();
    let list = [key('k1', 'dev')];
    let fired = 0;
    const holders = new KeyHolders({ list: async () => list, onDidChange: changed.event }, () => fired++);
    assert.deepEqual((await holders.using(KEY)).map((p) => p.name), ['dev']);
    list = [key('k1', 'dev'), role('r1', 'deploy', 'k1')];
    changed.fire();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fired, 1);
    assert.deepEqual((await holders.holders(KEY)).map((h) => h.profile.name), ['dev', 'deploy']);
    holders.dispose();
  });
});
