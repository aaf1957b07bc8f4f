import * as assert from 'node:assert/strict';
import { SELF, userOwner, type KeyOwner } from '../../src/aliyun/identity';
import type { AccessKeyInfo } from '../../src/aliyun/types';
import type { CredentialTestResult } from '../../src/credentials/credentialCheck';
import { Emitter } from '../../src/util/events';
import { KeyOwners } from '../../src/views/leaks/keyOwners';
import { findingMessage } from '../../src/views/leaks/leakMessages';
import type { Loaded, RamChange } from '../../src/views/ram/ramModel';
import { KEYS, profile } from './leakFixtures';

/** What the RAM view has loaded so far; nothing is loaded on request. */
class LoadedRam {
  readonly changes = new Emitter<RamChange>();
  readonly onDidChange = this.changes.event;
  users: Array<{ userName: string }> = [];
  keys = new Map<string, AccessKeyInfo[]>();
  asked = 0;
  usersState() {
    return { users: this.users };
  }
  loadedKeys(owner: KeyOwner): Loaded<AccessKeyInfo[]> | undefined {
    this.asked++;
    const keys = this.keys.get(owner.kind === 'self' ? 'self' : owner.userName);
    return keys ? { ok: true, value: keys } : undefined;
  }
}

class Results {
  readonly changes = new Emitter<string>();
  readonly onDidChange = this.changes.event;
  readonly byProfile = new Map<string, CredentialTestResult>();
  get(id: string) {
    return this.byProfile.get(id);
  }
}

const key = (accessKeyId: string, status: 'Active' | 'Inactive' = 'Active'): AccessKeyInfo => ({ accessKeyId, status, createDate: '2026-01-01T00:00:00Z' });

describe('leak detection: whose key it is, from what is already loaded', () => {
  it('names the RAM user and the status the RAM view loaded, and follows its changes', () => {
    const ram = new LoadedRam();
    const owners = new KeyOwners(ram, new Results());
    let changed = 0;
    owners.onDidChange(() => changed++);
    assert.equal(owners.ownerOf(KEYS.prod.id), undefined);
    ram.users = [{ userName: 'alice' }, { userName: 'bob' }];
    ram.keys.set('alice', [key(KEYS.prod.id)]);
    ram.keys.set('self', [key(KEYS.dev.id, 'Inactive')]);
    ram.changes.fire({ kind: 'keys', owner: userOwner('alice') });
    assert.equal(changed, 1);
    assert.deepEqual(owners.ownerOf(KEYS.prod.id), { userName: 'alice', status: 'Active', source: 'ram' });
    assert.deepEqual(owners.ownerOf(KEYS.dev.id), { self: true, status: 'Inactive', source: 'ram' });
    const asked = ram.asked;
    owners.ownerOf(KEYS.prod.id);
    assert.equal(ram.asked, asked, 'the index is kept until the RAM data changes');
    ram.changes.fire({ kind: 'lastUsed', owner: SELF, accessKeyId: KEYS.dev.id });
    assert.equal(changed, 1, 'a last-use answer changes no owner');
  });

  it('falls back to an owner search the person ran, then to the last test of a profile that holds the key', () => {
    const results = new Results();
    const owners = new KeyOwners(new LoadedRam(), results);
    const holder = profile('prod', KEYS.prod.id);
    results.byProfile.set('prod', {
      profileId: 'prod', accessKeyId: KEYS.prod.id, testedAt: '', ok: true, summary: '', identityCheck: { ok: true, message: '' },
      identity: { identityType: 'RAMUser', accountId: '123', principalId: 'p', arn: 'acs:ram::123:user/carol' },
    });
    assert.deepEqual(owners.ownerOf(KEYS.prod.id, [holder]), { userName: 'carol', accountId: '123', source: 'test' });
    owners.remember(KEYS.prod.id, { userName: 'dave', accountId: '456', viaProfileId: 'admin', viaProfileName: 'admin' });
    assert.equal(owners.ownerOf(KEYS.prod.id, [holder])?.userName, 'dave');
  });

  it('says in the diagnostic what was found, whose it is and what to do, never the secret', () => {
    const holders = [profile('prod', KEYS.prod.id)];
    const message = findingMessage(
      { kind: 'storedSecret', line: 3, start: 1, end: 31, accessKeyId: KEYS.prod.id, profileIds: ['prod'], secret: 'accessKeySecret' },
      { holders, owner: { userName: 'alice', status: 'Active', source: 'ram' }, inGitHistory: true },
    );
    assert.match(message, /AccessKey secret of profile "prod" \(LTAI\*\*\*\*0001\)/);
    assert.match(message, /RAM user alice and is active/);
    assert.match(message, /Git has this file in its history/);
    assert.ok(!message.includes(KEYS.prod.secret));
    assert.equal(
      findingMessage({ kind: 'unknownId', line: 0, start: 0, end: 24, accessKeyId: 'LTAI5tOther000000000001', profileIds: [] }, { holders: [] }),
      'AccessKey ID LTAI****0001: no profile on this computer holds it.',
    );
  });
});
