import * as assert from 'node:assert/strict';
import type { Profile } from '../../src/credentials/profile';
import { MAX_TOMBSTONES, mergeIndex, parseIndex, sameIndex, serializeIndex, type IndexData } from '../../src/credentials/profileIndex';

const p = (id: string, name: string, updatedAt = '2030-01-01T00:00:00.000Z'): Profile => ({
  id, name, kind: 'AccessKey', accessKeyId: `LTAI5t${id}xxxxxxxx`, regionId: 'cn-hangzhou', source: 'manual', createdAt: '2030-01-01T00:00:00.000Z', updatedAt,
});
const idx = (profiles: Profile[], removed: Array<[string, string]> = []): IndexData => ({ profiles, removed: removed.map(([id, removedAt]) => ({ id, removedAt })) });

describe('profile index: joining what windows know', () => {
  const a = idx([p('1', 'one'), p('2', 'two')]);
  const b = idx([p('2', 'two-renamed', '2030-01-02T00:00:00.000Z'), p('3', 'three')], [['1', '2030-01-03T00:00:00.000Z']]);
  const c = idx([p('4', 'four')]);

  it('keeps every profile, the later edit, and drops removed ones', () => {
    assert.deepEqual(mergeIndex(a, b).profiles.map((x) => x.name), ['two-renamed', 'three']);
  });

  it('gives the same answer in any order, and joining again changes nothing', () => {
    const abc = serializeIndex(mergeIndex(a, b, c));
    for (const order of [[b, a, c], [c, b, a], [a, c, b]]) {
      assert.equal(serializeIndex(mergeIndex(...order)), abc);
    }
    const once = mergeIndex(a, b);
    assert.ok(sameIndex(mergeIndex(once, once), once));
    assert.ok(sameIndex(mergeIndex(once, a), once), 'an older view brought something back');
  });

  it('one key order for every copy of a profile, so equal means equal text', () => {
    const scrambled = { updatedAt: '2030-01-01T00:00:00.000Z', name: 'one', createdAt: '2030-01-01T00:00:00.000Z', id: '1', source: 'manual', regionId: 'cn-hangzhou', accessKeyId: 'LTAI5t1xxxxxxxx', kind: 'AccessKey' } as Profile;
    assert.ok(sameIndex(mergeIndex(idx([scrambled])), mergeIndex(idx([p('1', 'one')]))));
  });

  it('keeps the newest removals only, within a bound', () => {
    const many = Array.from({ length: MAX_TOMBSTONES + 50 }, (_, i) => [`r${i}`, new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString()] as [string, string]);
    const merged = mergeIndex(idx([], many));
    assert.equal(merged.removed.length, MAX_TOMBSTONES);
    assert.ok(!merged.removed.some((t) => t.id === 'r0'), 'the oldest removal should go first');
  });

  it('parses the first release\'s index and refuses junk', () => {
    const v1 = parseIndex(JSON.stringify({ version: 1, profiles: [{ id: 'x', name: 'x', accessKeyId: 'LTAI5tXXXXXXXX', regionId: 'cn-beijing' }, { junk: true }, null] }));
    assert.ok(v1.ok);
    assert.deepEqual(v1.ok && v1.data.profiles.map((x) => [x.id, x.kind, x.source]), [['x', 'AccessKey', 'manual']]);
    assert.equal(parseIndex('{not json').ok, false);
    assert.equal(parseIndex('{"profiles": 3}').ok, false);
    assert.deepEqual(parseIndex(undefined), { ok: true, data: { profiles: [], removed: [] }, badRegions: [] });
  });
});
