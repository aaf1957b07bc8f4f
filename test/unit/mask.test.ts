import * as assert from 'node:assert/strict';
import { maskAccessKeyId, redact } from '../../src/util/mask';

describe('maskAccessKeyId', () => {
  it('keeps the first and last four characters', () => {
    assert.equal(maskAccessKeyId('LTAI5tAbCdEfGh1234abcd'), 'LTAI****abcd');
  });
  it('masks STS ids after the prefix', () => {
    assert.equal(maskAccessKeyId('STS.NUaBcDeFgHiJkLmN9xyz'), 'STS.****9xyz');
  });
  it('reveals almost nothing of short or missing ids', () => {
    assert.equal(maskAccessKeyId('abcdef'), '****ef');
    assert.equal(maskAccessKeyId(undefined), '****');
  });
});

describe('redact', () => {
  it('drops the string to sign that SignatureDoesNotMatch echoes', () => {
    const out = redact('Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tAbCdEfGh1234abcd');
    assert.ok(!out.includes('AccessKeyId%3D'));
    assert.ok(out.includes('(omitted)'));
  });
  it('drops signed query strings and masks key ids in free text', () => {
    const out = redact('ReadTimeout: 3000. GET /?AccessKeyId=LTAI5tAbCdEfGh1234abcd&Signature=abc failed. key LTAI5tAbCdEfGh1234abcd');
    assert.ok(!out.includes('Signature=abc'));
    assert.ok(!out.includes('LTAI5tAbCdEfGh1234abcd'));
    assert.ok(out.includes('LTAI****abcd'));
  });
  it('removes given secrets wherever they appear', () => {
    assert.equal(redact('secret is s3cretValue!', ['s3cretValue']), 'secret is ****!');
  });
});
