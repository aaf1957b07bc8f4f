import * as assert from 'node:assert/strict';
import { RotationJournal } from '../../src/credentials/keys/rotationJournal';
import { RotationError, type RotationEntry } from '../../src/credentials/keys/rotationTypes';
import { FakeSecretBackend, MemoryLog } from './fakes';

const KEY = 'alibabaCloud.rotations';

function entry(id: string): RotationEntry {
  return {
    id, profileId: `p-${id}`, profileName: id, regionId: 'cn-hangzhou', managerProfileId: `p-${id}`, accountId: '3',
    oldAccessKeyId: 'LTAI5tRamUnitJournal0001', oldAccessKeySecret: 'unit-journal-secret-not-real-1',
    keysBefore: [], step: 'started', startedAt: 'x', updatedAt: 'x',
  };
}

async function journalError(promise: Promise<unknown>): Promise<RotationError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RotationError && error.code === 'journal', `expected a journal RotationError, got ${String(error)}`);
    return error;
  }
  assert.fail('no error');
}

describe('rotation journal: an unreadable journal is never overwritten', () => {
  const unreadable: Record<string, string> = {
    'not JSON': '{"version":1,"entries":[{"id":"r1", "oldAccessKeySecret": "unit-journal-secret-not-',
    'entries not a list': '{"version":1,"entries":{"r1":{}}}',
    'an entry at an unknown step': JSON.stringify({ version: 1, entries: [entry('r1'), { ...entry('r2'), step: 'teleported' }] }),
    'an unknown version': JSON.stringify({ version: 2, entries: [entry('r1')] }),
  };
  for (const [name, raw] of Object.entries(unreadable)) {
    it(`refuses to write over a journal with ${name}, and says so when listed`, async () => {
      const backend = new FakeSecretBackend();
      backend.data.set(KEY, raw);
      const log = new MemoryLog();
      const journal = new RotationJournal(backend.window(), log);
      const listed = await journalError(journal.list());
      assert.match(listed.message, /cannot be read\. Nothing was changed/);
      await journalError(journal.get('r1'));
      await journalError(journal.put(entry('r3')));
      await journalError(journal.remove('r1'));
      assert.equal(backend.data.get(KEY), raw, 'the stored journal was changed');
      assert.ok(!log.lines.join('\n').includes('not-real'), 'a secret reached the log');
      journal.dispose();
    });
  }

  it('refuses writes while secret storage cannot be read, and works again once it can', async () => {
    const backend = new FakeSecretBackend();
    const store = backend.window();
    let failing = true;
    const journal = new RotationJournal({ ...store, get: (key) => (failing ? Promise.reject(new Error('locked')) : store.get(key)) }, new MemoryLog());
    await store.store(KEY, JSON.stringify({ version: 1, entries: [entry('r1')] }));
    await journalError(journal.put(entry('r2')));
    failing = false;
    await journal.put(entry('r2'));
    assert.deepEqual((await journal.list()).map((e) => e.id), ['r1', 'r2']);
    journal.dispose();
  });
});
