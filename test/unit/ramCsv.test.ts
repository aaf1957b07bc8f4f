import * as assert from 'node:assert/strict';
import { accessKeyCsv, csvFileName } from '../../src/commands/ram/accessKeyCsv';
import { summarize, type RotationEntry } from '../../src/credentials/keys/rotationTypes';

describe('RAM: the new key\'s CSV and what may be shown of a rotation', () => {
  it('writes the console\'s columns for a RAM user, with a BOM and CRLF', () => {
    const csv = accessKeyCsv({ accessKeyId: 'LTAI5tRamUnitCsv00000001', accessKeySecret: 'unit-secret-csv-not-real-0001', userName: 'alice', accountId: '3000000000000000' });
    assert.equal(csv, '\uFEFFUser Principal Name,AccessKey ID,AccessKey Secret\r\nalice@3000000000000000.onaliyun.com,LTAI5tRamUnitCsv00000001,unit-secret-csv-not-real-0001\r\n');
  });

  it('writes two columns for the account\'s own key and quotes what needs quoting', () => {
    const csv = accessKeyCsv({ accessKeyId: 'LTAI5tRamUnitCsv00000002', accessKeySecret: 'a,b"c', accountId: '3000000000000000' });
    assert.equal(csv, '\uFEFFAccessKey ID,AccessKey Secret\r\nLTAI5tRamUnitCsv00000002,"a,b""c"\r\n');
    assert.equal(csvFileName('LTAI5tRamUnitCsv00000002', undefined), 'AccessKey_root_LTAI5tRamUnitCsv00000002.csv');
    assert.equal(csvFileName('LTAI5tRamUnitCsv00000002', 'a/b'), 'AccessKey_a_b_LTAI5tRamUnitCsv00000002.csv');
  });

  it('a rotation summary carries no secret', () => {
    const entry: RotationEntry = {
      id: 'r1', profileId: 'p', profileName: 'dev', regionId: 'cn-hangzhou', managerProfileId: 'p', accountId: '3',
      oldAccessKeyId: 'LTAI5tRamUnitOld00000001', oldAccessKeySecret: 'unit-old-secret-not-real-0001',
      newAccessKeyId: 'LTAI5tRamUnitNew00000001', newAccessKeySecret: 'unit-new-secret-not-real-0001',
      keysBefore: [], step: 'stored', startedAt: 'x', updatedAt: 'x',
    };
    const summary = summarize(entry);
    assert.ok(!JSON.stringify(summary).includes('not-real'));
    assert.equal(summary.hasNewSecret, true);
    assert.equal(summary.newAccessKeyId, 'LTAI5tRamUnitNew00000001');
  });
});
