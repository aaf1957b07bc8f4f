import * as assert from 'node:assert/strict';
import { planImport } from '../../src/credentials/importers/importPlan';
import type { FoundProfile } from '../../src/credentials/importers/types';
import type { Profile } from '../../src/credentials/profile';

const found = (name: string): FoundProfile => ({
  name, kind: 'AccessKey', accessKeyId: 'LTAI5tProfPat00000000001', secrets: { accessKeySecret: 'x'.repeat(20) }, source: `aliyun-cli:${name}`, ref: name,
});
const existing = (name: string, id = name): Profile => ({
  id, name, kind: 'AccessKey', accessKeyId: 'LTAI5tProfRoot0000000001', regionId: 'cn-hangzhou', source: 'manual', createdAt: '2025-01-01T00:00:00Z',
});

describe('import: the rule for names that exist', () => {
  it('adds what does not clash, whatever the rule', async () => {
    for (const rule of ['rename', 'replace', 'skip'] as const) {
      assert.deepEqual((await planImport([found('new')], [existing('old')], rule)).map((p) => [p.action, p.name]), [['add', 'new']]);
    }
  });

  it('rename keeps both, numbering the newcomer; names compare without case', async () => {
    const plan = await planImport([found('Dev'), found('prod')], [existing('dev'), existing('dev (2)')], 'rename');
    assert.deepEqual(plan.map((p) => [p.action, p.name]), [['add', 'Dev (3)'], ['add', 'prod']]);
    assert.equal(plan[0].existing?.name, 'dev');
  });

  it('replace targets the existing profile and keeps its name', async () => {
    const plan = await planImport([found('DEV')], [existing('dev', 'id-1')], 'replace');
    assert.deepEqual(plan.map((p) => [p.action, p.name, p.existing?.id]), [['replace', 'dev', 'id-1']]);
  });

  it('skip leaves the existing profile alone', async () => {
    const plan = await planImport([found('dev')], [existing('dev')], 'skip');
    assert.deepEqual(plan.map((p) => p.action), ['skip']);
    assert.match(plan[0].note ?? '', /exists/);
  });

  it('two found profiles with one name: the first takes it, the next is renamed (or skipped)', async () => {
    assert.deepEqual((await planImport([found('a'), found('A')], [], 'replace')).map((p) => [p.action, p.name]), [['add', 'a'], ['add', 'A (2)']]);
    assert.deepEqual((await planImport([found('a'), found('a')], [], 'skip')).map((p) => p.action), ['add', 'skip']);
  });

  it('keeps a numbered name within 64 characters', async () => {
    const long = 'n'.repeat(64);
    const [plan] = await planImport([found(long)], [existing(long)], 'rename');
    assert.equal(plan.name.length, 64);
    assert.ok(plan.name.endsWith(' (2)'));
  });
});
