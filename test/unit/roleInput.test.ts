import * as assert from 'node:assert/strict';
import { checkDuration, checkExternalId, checkSessionName, checkSessionPolicy, parseRoleArn, sessionNameFrom } from '../../src/credentials/roles/roleInput';

describe('role profile input', () => {
  it('parses a role ARN, and refuses other forms', () => {
    assert.deepEqual(parseRoleArn(' acs:ram::1234567890123456:role/deployer '), { ok: true, value: { arn: 'acs:ram::1234567890123456:role/deployer', accountId: '1234567890123456', roleName: 'deployer' } });
    for (const bad of ['', 'deployer', 'acs:ram::123:user/alice', 'acs:ram:cn-hangzhou:123:role/x', 'arn:aws:iam::123:role/x', 'acs:ram::123:role/a b', 'acs:ram::abc:role/x']) {
      assert.equal(parseRoleArn(bad).ok, false, bad);
    }
  });

  it('checks session names as STS does, and makes one from a user name', () => {
    assert.equal(checkSessionName('alice@corp.example').ok, true);
    for (const bad of ['a', 'has space', 'x'.repeat(65), 'ümlaut']) {
      assert.equal(checkSessionName(bad).ok, false, bad);
    }
    assert.equal(sessionNameFrom('Zhang San'), 'Zhang-San');
    assert.equal(sessionNameFrom('a'), 'vscode-session');
    assert.equal(checkSessionName(sessionNameFrom('张三 (dev)')).ok, true);
  });

  it('takes durations from 900 to 43200 seconds, 3600 when empty', () => {
    assert.deepEqual(checkDuration(''), { ok: true, value: 3600 });
    assert.deepEqual(checkDuration('900'), { ok: true, value: 900 });
    for (const bad of ['899', '43201', '1.5', 'an hour', '-900']) {
      assert.equal(checkDuration(bad).ok, false, bad);
    }
  });

  it('takes an optional external ID without spaces', () => {
    assert.deepEqual(checkExternalId(''), { ok: true, value: undefined });
    assert.deepEqual(checkExternalId('abc-123'), { ok: true, value: 'abc-123' });
    assert.equal(checkExternalId('a b').ok, false);
    assert.equal(checkExternalId('a').ok, false);
  });

  it('takes a session policy only as a JSON document with statements', () => {
    assert.deepEqual(checkSessionPolicy(' '), { ok: true, value: undefined });
    const policy = '{ "Version": "1", "Statement": [{"Effect":"Allow","Action":"slb:Describe*","Resource":"*"}] }';
    assert.deepEqual(checkSessionPolicy(policy), { ok: true, value: JSON.stringify(JSON.parse(policy)) });
    for (const bad of ['slb:Describe*', '{"Version":"1"}', '{"Statement":[]}', '[1]', 'null', '{"Statement":[' + 'x'.repeat(3000) + ']}']) {
      assert.equal(checkSessionPolicy(bad).ok, false, bad);
    }
  });
});
