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

describe('redact: encoded secrets', () => {
  const secret = "unit/Secret+not=real!'()*0001";

  it('removes the URL-encoded forms, RFC 3986 and lower-case hex included', () => {
    const rfc = encodeURIComponent(secret).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    for (const form of [encodeURIComponent(secret), rfc, rfc.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())]) {
      const out = redact(`POST body=a&secret=${form}&b=1`, [secret]);
      assert.ok(!out.includes(form), `${form} survived: ${out}`);
      assert.ok(out.includes('secret=****&b=1'), out);
    }
  });

  it('removes the base64 and base64url forms, with and without padding', () => {
    const bytes = Buffer.from(secret);
    for (const form of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('base64').replace(/=+$/, '')]) {
      assert.equal(redact(`token ${form} end`, [secret]), 'token **** end');
    }
  });

  it('removes the secret inside a longer base64 value, at every alignment', () => {
    for (const prefix of ['', 'i', 'id', 'id:']) {
      const header = Buffer.from(`${prefix}${secret}:tail`).toString('base64');
      const out = redact(`Authorization: Basic ${header}`, [secret]);
      assert.ok(out.includes('****'), `prefix "${prefix}": ${out}`);
      // What is left encodes the prefix and the tail, plus at most a character either side.
      const left = out.slice('Authorization: Basic '.length).replace('****', '');
      assert.ok(left.length <= Math.ceil(((prefix.length + ':tail'.length) * 4) / 3) + 4, `prefix "${prefix}": ${left}`);
    }
  });

  it('leaves text alone that does not hold the secret', () => {
    assert.equal(redact('nothing to see here /?x=1', [secret]), 'nothing to see here /?x=1');
  });
});

describe('redact: linear time', () => {
  // Each of these made the old patterns backtrack over the rest of the text at every position.
  const size = 200 * 1024;
  const inputs: Record<string, string> = {
    'question marks': '?'.repeat(size),
    'slash-question pairs': '/?a'.repeat(size / 3),
    'long key-like runs': ('LTAI' + 'a'.repeat(1000) + '_').repeat(size / 1005),
    'string-to-sign look-alikes': 'server string to sign i'.repeat(size / 23),
    'near-secrets': 'unit-secret-not-real-000'.repeat(size / 24),
  };
  for (const [name, input] of Object.entries(inputs)) {
    it(`takes well under a second on 200 KB of ${name}`, () => {
      const started = Date.now();
      redact(input, ['unit-secret-not-real-0001']);
      assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
    });
  }

  it('still drops a signed query at the end of a long run', () => {
    const out = redact('?'.repeat(size) + 'AccessKeyId=LTAI5tAbCdEfGh1234abcd&Signature=x');
    assert.ok(out.endsWith('?(signed query omitted)'));
    assert.ok(out.length < 100);
  });
});
