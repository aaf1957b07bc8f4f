import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { scanLine, scanText } from '../../src/leaks/detector';
import { KeyedHasher, KeyIndex, matchablePart } from '../../src/leaks/keyIndex';
import { addedLines } from '../../src/leaks/stagedDiff';
import { buildIndex, decoys, KEYS, PROFILES, randomString, seededRandom } from './leakFixtures';

describe('leak detection: finding keys in text', () => {
  it('finds AccessKey IDs wherever code and config put them, with their columns', async () => {
    const index = KeyIndex.empty();
    const id = 'LTAI5tUnknownKey00000042';
    const lines = [
      `const id = '${id}';`,
      `ALIBABA_CLOUD_ACCESS_KEY_ID=${id}`,
      `{"accessKeyId": "${id}"}`,
      `  access_key_id: ${id} # prod`,
      `aliyun configure --access-key-id ${id}`,
      `https://example.com/?AccessKeyId=${id}&x=1`,
      `KEY_${id}`,
    ];
    for (const line of lines) {
      const found = scanLine(index, line);
      assert.equal(found.length, 1, line);
      assert.equal(line.slice(found[0].start, found[0].end), id, line);
      assert.equal(found[0].kind, 'unknownId');
    }
    assert.deepEqual(scanLine(index, 'old: LTAI1234567890ab, sts: STS.NV2wq8rTzP3ax9bC01de').map((f) => f.accessKeyId), ['LTAI1234567890ab', 'STS.NV2wq8rTzP3ax9bC01de']);
  });

  it('tells the IDs of our profiles (warning) from any other ID (information)', async () => {
    const index = await buildIndex();
    const found = scanLine(index, `a=${KEYS.prod.id} b=${KEYS.dev.id} c=LTAI5tSomebodyElse000001 d=${KEYS.sts.id}`);
    assert.deepEqual(found.map((f) => [f.kind, f.accessKeyId, f.profileIds]), [
      ['knownId', KEYS.prod.id, ['prod']],
      ['knownId', KEYS.dev.id, ['dev', 'dev-copy']],
      ['unknownId', 'LTAI5tSomebodyElse000001', []],
      ['knownId', KEYS.sts.id, ['sts']],
    ]);
  });

  it('finds a stored secret or STS token through its keyed hash, naming the profile, not the secret', async () => {
    const index = await buildIndex();
    const text = [
      'const client = new Client({',
      `  accessKeyId: '${KEYS.dev.id}',`,
      `  accessKeySecret: "${KEYS.dev.secret}",`,
      `  securityToken: \`${KEYS.sts.token}\`,`,
      '});',
      `export SECRET=${KEYS.prod.secret}\r`,
    ].join('\n');
    const found = scanText(index, text).filter((f) => f.kind === 'storedSecret');
    assert.deepEqual(found.map((f) => [f.line, f.accessKeyId, f.secret, f.profileIds]), [
      [2, KEYS.dev.id, 'accessKeySecret', ['dev', 'dev-copy']],
      [3, KEYS.sts.id, 'securityToken', ['sts']],
      [5, KEYS.prod.id, 'accessKeySecret', ['prod']],
    ]);
    const line3 = text.split('\n')[3];
    assert.equal(line3.slice(found[1].start, found[1].end), KEYS.sts.token);
    assert.ok(!JSON.stringify(found).includes(KEYS.dev.secret), 'a finding carries the secret');
  });

  it('scans bytes as read from disk, with columns as the editor counts them after non-ASCII text', async () => {
    const index = await buildIndex();
    const lines = ['# 配置 🔑', `密钥 = "${KEYS.prod.secret}"; id = '${KEYS.prod.id}' # ✓\r`, `ünïcode ${KEYS.dev.id}`];
    const found = scanText(index, lines.join('\n'));
    assert.deepEqual(found.map((f) => [f.line, lines[f.line].slice(f.start, f.end)]), [[1, KEYS.prod.secret], [1, KEYS.prod.id], [2, KEYS.dev.id]]);
    assert.deepEqual(scanLine(index, lines[1]).map((f) => lines[1].slice(f.start, f.end)), [KEYS.prod.secret, KEYS.prod.id]);
  });

  it('does not find a secret inside a longer token or with a character changed', async () => {
    const index = await buildIndex();
    const changed = KEYS.prod.secret.slice(0, -1) + (KEYS.prod.secret.endsWith('t') ? 'u' : 't');
    for (const line of [`x${KEYS.prod.secret}`, `${KEYS.prod.secret}0`, changed, KEYS.prod.secret.slice(1)]) {
      assert.deepEqual(scanLine(index, line).filter((f) => f.kind === 'storedSecret'), [], line);
    }
  });

  it('flags none of 20,000 random base64-like decoys, and finds every key planted among them', async () => {
    const index = await buildIndex();
    const random = seededRandom(42);
    const noise = decoys(random, 20_000);
    const flagged = noise.flatMap((d) => scanLine(index, `value = "${d}"`).map((f) => `${f.kind}: ${d}`));
    assert.deepEqual(flagged, []);
    const planted = [KEYS.prod.secret, KEYS.dev.id, KEYS.sts.token, `LTAI${randomString(random, 20)}`];
    const lines = noise.slice(0, 1000).map((d) => `v = "${d}"`);
    planted.forEach((p, i) => lines.splice(100 + i * 200, 0, `key = "${p}"`));
    const found = scanText(index, lines.join('\n'));
    assert.deepEqual(found.map((f) => lines[f.line].slice(f.start, f.end)), planted);
  });

  it('keeps no secret in the index, and no digest that anyone could recompute', async () => {
    const hasher = new KeyedHasher();
    const index = await buildIndex(hasher);
    const dump = inspect(index, { depth: 10, showHidden: true }) + inspect(hasher, { depth: 10, showHidden: true });
    for (const secret of [KEYS.prod.secret, KEYS.dev.secret, KEYS.sts.secret, KEYS.sts.token]) {
      assert.ok(!dump.includes(secret), 'the index holds a secret');
      for (const algorithm of ['sha256', 'sha1', 'md5']) {
        for (const encoding of ['hex', 'base64'] as const) {
          assert.ok(!dump.includes(createHash(algorithm).update(secret).digest(encoding)), `the index holds an unkeyed ${algorithm} of a secret`);
        }
      }
    }
    assert.notEqual(new KeyedHasher().digest(KEYS.prod.secret), hasher.digest(KEYS.prod.secret), 'every window has its own key');
    assert.equal(index.matchSecret(KEYS.prod.secret)?.accessKeyId, KEYS.prod.id);
  });

  it('reads the secrets again only of profiles that changed', async () => {
    const hasher = new KeyedHasher();
    const read: string[] = [];
    const secretsOf = async (id: string) => {
      read.push(id);
      return { accessKeySecret: `${id}-secret-0123456789abcdef` };
    };
    const first = await KeyIndex.build(PROFILES, secretsOf, hasher);
    assert.deepEqual(read.splice(0), ['prod', 'dev', 'dev-copy', 'sts']);
    const edited = PROFILES.map((p) => (p.id === 'dev' ? { ...p, updatedAt: '2026-02-02T00:00:00Z' } : p));
    const second = await KeyIndex.build(edited, secretsOf, hasher, first);
    assert.deepEqual(read, ['dev']);
    assert.equal(second.matchSecret('prod-secret-0123456789abcdef')?.accessKeyId, KEYS.prod.id, 'kept unread');
    assert.notEqual(second.version, first.version);
  });

  it('matches a secret with characters outside the token alphabet by its longest part', async () => {
    assert.equal(matchablePart('abc.defghijklmnopq'), 'defghijklmnopq');
    assert.equal(matchablePart('short'), undefined);
    const odd = [{ ...PROFILES[0], id: 'odd' }];
    const index = await KeyIndex.build(odd, async () => ({ accessKeySecret: 'pre.fix!abcdefghijklmnop' }), new KeyedHasher());
    assert.equal(scanLine(index, 'secret: "pre.fix!abcdefghijklmnop"').filter((f) => f.kind === 'storedSecret').length, 1);
  });

  it('takes the added lines of a staged diff, numbered as in the staged file', () => {
    const diff = [
      'diff --git a/app.env b/app.env',
      'index 1111111..2222222 100644',
      '--- a/app.env',
      '+++ b/app.env',
      '@@ -1,3 +1,4 @@',
      ' A=1',
      '-B=2',
      '+B=3',
      '+SECRET=x',
      ' C=4',
      '@@ -10,0 +11,1 @@',
      '++++ starts with plus',
      '\\ No newline at end of file',
    ].join('\n');
    assert.deepEqual(addedLines(diff), [{ line: 1, text: 'B=3' }, { line: 2, text: 'SECRET=x' }, { line: 10, text: '+++ starts with plus' }]);
  });
});
