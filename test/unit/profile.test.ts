import * as assert from 'node:assert/strict';
import {
  checkAccessKeyId, checkAccessKeySecret, checkCredentials, checkExpiration, checkLabel, checkProfileName, checkRegionId,
  checkSecurityToken, checkTokenFor, isProductionLabel, suffixedName, uniqueProfileName,
} from '../../src/credentials/profile';
import { describeSpan } from '../../src/util/span';

describe('profile input checks', () => {
  it('trims outer whitespace of a pasted key', () => {
    assert.deepEqual(checkAccessKeyId('  LTAI5tAbCdEfGh1234abcd\n'), { ok: true, value: 'LTAI5tAbCdEfGh1234abcd' });
    assert.deepEqual(checkAccessKeySecret('\tabcdefghij0123456789ABCDEFGHIJ  '), { ok: true, value: 'abcdefghij0123456789ABCDEFGHIJ' });
  });
  it('rejects inner whitespace and line breaks with an explanation', () => {
    const id = checkAccessKeyId('LTAI5tAbCd EfGh1234abcd');
    assert.equal(id.ok, false);
    assert.match((id as { message: string }).message, /space or line break/);
    assert.equal(checkAccessKeySecret('abcdefghij\n0123456789').ok, false);
  });
  it('rejects empty, too short, too long and odd ids', () => {
    assert.equal(checkAccessKeyId('').ok, false);
    assert.equal(checkAccessKeyId('LTAI12').ok, false);
    assert.equal(checkAccessKeyId('L'.repeat(129)).ok, false);
    assert.equal(checkAccessKeyId('LTAI5t-AbCdEfGh1234').ok, false);
    assert.equal(checkAccessKeySecret('x'.repeat(257)).ok, false);
    assert.equal(checkSecurityToken('   ').ok, false);
  });
  it('accepts STS ids', () => {
    assert.equal(checkAccessKeyId('STS.NUaBcDeFgHiJkLmN9xyz').ok, true);
  });
  it('refuses a name that is taken, whatever its case', () => {
    assert.equal(checkProfileName('Dev', ['dev']).ok, false);
    assert.deepEqual(checkProfileName(' prod ', ['dev']), { ok: true, value: 'prod' });
    assert.equal(checkProfileName('a\nb').ok, false);
  });
});

describe('profile input checks: STS, expiry, label, region', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('explains that an STS. ID needs its token, and that a token needs an STS. ID', () => {
    const missing = checkTokenFor('STS.NUaBcDeFgHiJkLmN9xyz', '  ');
    assert.equal(missing.ok, false);
    assert.match((missing as { message: string }).message, /starts with "STS\." is temporary and works only with its security token/);
    const stray = checkTokenFor('LTAI5tAbCdEfGh1234abcd', 'tok');
    assert.equal(stray.ok, false);
    assert.match((stray as { message: string }).message, /goes only with a temporary AccessKey ID/);
    assert.deepEqual(checkTokenFor('LTAI5tAbCdEfGh1234abcd', undefined), { ok: true, value: '' });
    assert.equal(checkTokenFor('STS.NUaBcDeFgHiJkLmN9xyz', 'a token with spaces').ok, false);
  });

  it('takes an ISO expiry in the future, refuses one in the past or garbled, allows none', () => {
    assert.deepEqual(checkExpiration('2030-02-01T12:00:00Z', now), { ok: true, value: '2030-02-01T12:00:00.000Z' });
    assert.deepEqual(checkExpiration('', now), { ok: true, value: '' });
    assert.match((checkExpiration('2029-12-31T00:00:00Z', now) as { message: string }).message, /in the past/);
    assert.match((checkExpiration('next tuesday', now) as { message: string }).message, /date and time/);
    assert.equal(checkExpiration('2030-13-45T99:00:00Z', now).ok, false);
  });

  it('checks a whole set of credentials, naming the first problem', () => {
    const ok = checkCredentials({ accessKeyId: ' STS.NUaBcDeFgHiJkLmN9xyz ', accessKeySecret: 'abcdefghij0123', securityToken: 'tok-123', expiration: '2030-06-01T00:00:00Z' }, now);
    assert.deepEqual(ok, { ok: true, accessKeyId: 'STS.NUaBcDeFgHiJkLmN9xyz', kind: 'StsToken', secrets: { accessKeySecret: 'abcdefghij0123', securityToken: 'tok-123' }, expiration: '2030-06-01T00:00:00.000Z' });
    const ak = checkCredentials({ accessKeyId: 'LTAI5tAbCdEfGh1234abcd', accessKeySecret: 'abcdefghij0123', expiration: 'ignored for AK' }, now);
    assert.equal(ak.ok && ak.kind, 'AccessKey');
    assert.equal(ak.ok && ak.expiration, undefined);
    assert.equal(checkCredentials({ accessKeyId: 'STS.NUaBcDeFgHiJkLmN9xyz', accessKeySecret: 'abcdefghij0123' }, now).ok, false);
    assert.equal(checkCredentials({ accessKeyId: 'LTAI5tAbCdEfGh1234abcd', accessKeySecret: 'short' }, now).ok, false);
    assert.equal(checkCredentials({ accessKeyId: 'LTAI5tAbCdEfGh1234abcd', accessKeySecret: 'x'.repeat(300) }, now).ok, false);
  });

  it('checks labels and regions', () => {
    assert.deepEqual(checkLabel('  prod '), { ok: true, value: 'prod' });
    assert.deepEqual(checkLabel(''), { ok: true, value: '' });
    assert.equal(checkLabel('x'.repeat(33)).ok, false);
    assert.equal(checkLabel('a\nb').ok, false);
    assert.deepEqual(checkRegionId(' ap-southeast-1 '), { ok: true, value: 'ap-southeast-1' });
    assert.equal(checkRegionId('Hangzhou').ok, false);
    assert.equal(checkRegionId('').ok, false);
    assert.equal(isProductionLabel('Production'), true);
    assert.equal(isProductionLabel('preprod'), false);
  });
});

describe('profile: spans of time in tooltips', () => {
  it('says minutes, hours, days, months or years', () => {
    const minute = 60_000;
    assert.equal(describeSpan(1 * minute), '1 minute');
    assert.equal(describeSpan(-45 * minute), '45 minutes');
    assert.equal(describeSpan(60 * minute), '1 hour');
    assert.equal(describeSpan(30 * 60 * minute), '30 hours');
    assert.equal(describeSpan(3 * 24 * 60 * minute), '3 days');
    assert.equal(describeSpan(200 * 24 * 60 * minute), '7 months');
    assert.equal(describeSpan(3 * 365 * 24 * 60 * minute), '3 years');
  });
});

describe('unique profile names', () => {
  it('takes the first candidate no profile has, whatever its case', () => {
    const name = uniqueProfileName(['Dev', 'dev (2)'], (n) => (n === 1 ? 'dev' : `dev (${n})`));
    assert.equal(name, 'dev (3)');
  });
  it('cuts the base so a suffixed name stays within 64 characters', () => {
    const long = 'x'.repeat(70);
    const name = suffixedName(long, ' (2)');
    assert.equal(name.length, 64);
    assert.ok(name.endsWith(' (2)'));
    assert.equal(checkProfileName(name).ok, true);
  });
});
