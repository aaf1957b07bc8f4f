import * as assert from 'node:assert/strict';
import { checkAccessKeyId, checkAccessKeySecret, checkProfileName, checkSecurityToken } from '../../src/credentials/profile';

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
