import * as assert from 'node:assert/strict';
import { parseCsv, readConsoleCsv, removeCsvSecrets } from '../../src/credentials/importers/consoleCsv';
import { readSourceFile } from '../../src/credentials/sourceFile';
import { assertNoSecret, failure, fixture, readFixture } from './importFixtures';

describe('import: the console\'s AccessKey CSV', () => {
  it('reads the root account variant with a byte-order mark and CRLF', async () => {
    const source = await readSourceFile(fixture('csv', 'root-with-bom.csv'));
    assert.equal(source.bom, true);
    const parsed = readConsoleCsv(source.text, 'root-with-bom.csv');
    assert.deepEqual(parsed.found.map((f) => [f.name, f.accessKeyId, f.secrets.accessKeySecret, f.source]), [
      ['root-0001', 'LTAI5tProfRoot0000000001', 'prof-secret-root-not-real-00001', 'csv:root-with-bom.csv'],
    ]);
  });

  it('reads the RAM user variant and names the profile after the user', () => {
    const parsed = readConsoleCsv(readFixture('csv', 'ram-user.csv'), 'ram-user.csv');
    assert.deepEqual(parsed.found.map((f) => [f.name, f.accessKeyId, f.ref]), [['quinn', 'LTAI5tProfQuinn000000001', '2']]);
  });

  it('matches headers whatever their case, spacing, underscores and quotes, and reads a creation time', () => {
    const parsed = readConsoleCsv(readFixture('csv', 'ram-user-odd-headers.csv'), 'x.csv');
    assert.equal(parsed.found.length, 1);
    assert.equal(parsed.found[0].name, 'pat');
    assert.equal(parsed.found[0].secrets.accessKeySecret, 'prof-secret-pat-not-real-000002');
    assert.equal(parsed.found[0].keyCreatedAt, new Date('2025-02-04T05:06:07').toISOString());
  });

  it('refuses wrong columns without echoing the first line (it could be a key)', () => {
    const wrong = failure(() => readConsoleCsv(readFixture('csv', 'wrong-columns.csv'), 'wrong.csv'));
    assert.match(wrong.message, /^wrong\.csv: its first line does not name the columns "AccessKey ID" and "AccessKey Secret" \(it has 3 columns\)/);
    const headerless = failure(() => readConsoleCsv(readFixture('csv', 'no-header.csv'), 'keys.csv'));
    assert.match(headerless.message, /it has 2 columns/);
    assert.ok(!headerless.message.includes('LTAI5tProfRoot'), headerless.message);
  });

  it('refuses a header without a key, an empty file and an unclosed quote', () => {
    assert.match(failure(() => readConsoleCsv(readFixture('csv', 'header-only.csv'), 'h.csv')).message, /a header but no key under it/);
    assert.match(failure(() => readConsoleCsv('\n\n', 'e.csv')).message, /it is empty/);
    assert.match(failure(() => readConsoleCsv(readFixture('csv', 'unclosed-quote.csv'), 'q.csv')).message, /line 2: a quoted value is not closed/);
  });

  it('lists a short row as not importable', () => {
    const parsed = readConsoleCsv(readFixture('csv', 'short-row.csv'), 's.csv');
    assert.equal(parsed.found.length, 0);
    assert.match(parsed.notImportable[0].reason, /line 2 has 1 values where the header has 2/);
  });

  it('parses quoted cells with commas, doubled quotes and line breaks', () => {
    const rows = parseCsv('a,"b,c","say ""hi""","two\nlines"\r\nx,y,z,w', 'f.csv');
    assert.deepEqual(rows.map((r) => [r.line, r.cells]), [[1, ['a', 'b,c', 'say "hi"', 'two\nlines']], [3, ['x', 'y', 'z', 'w']]]);
  });

  it('empties the secret cell of imported rows and keeps the rest of the file', () => {
    const original = readFixture('csv', 'ram-user-odd-headers.csv');
    const { text, removed } = removeCsvSecrets(original, 'x.csv', ['2']);
    assert.equal(removed, 1);
    assert.equal(text, '"userPrincipalName"," ACCESSKEY_ID ","accesskeysecret","Create Time"\r\npat@3300000000000003.onaliyun.com,LTAI5tProfPat00000000002,,2025-02-04 05:06:07\r\n\r\n');
    assertNoSecret(text);
  });
});
