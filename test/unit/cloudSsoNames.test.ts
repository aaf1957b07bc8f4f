import * as assert from 'node:assert/strict';
import { definitionOf, isSuggestedName, suggestedName, uniqueName } from '../../src/commands/cloudSso/ssoNames';
import { sameCloudSsoTarget as sameTarget } from '../../src/credentials/cloudSso/sameTarget';
import type { Profile } from '../../src/credentials/profile';

const URL = 'https://signin-cn-shanghai.alibabacloudsso.com/start/login';
const profile = (id: string, name: string): Profile => ({ id, name, kind: 'CloudSSO', accessKeyId: '', regionId: 'cn-hangzhou', createdAt: '2026-01-01T00:00:00Z', source: 'cloudsso' } as Profile);

describe('CloudSSO profile names', () => {
  const prod = definitionOf(URL, { account: { accountId: '1234567890123456', displayName: 'Production' }, accessConfiguration: { id: 'ac-read', name: 'ReadOnly', description: '' } });

  it('takes what the portal calls the account and the access configuration', () => {
    assert.deepEqual(prod, { signInUrl: URL, accountId: '1234567890123456', accountName: 'Production', accessConfigurationId: 'ac-read', accessConfigurationName: 'ReadOnly' });
    assert.equal(suggestedName(prod), 'Production/ReadOnly');
  });

  it('falls back to the ids when the portal gives no names', () => {
    const bare = definitionOf(URL, { account: { accountId: '42', displayName: '' }, accessConfiguration: { id: 'ac-x', name: '', description: '' } });
    assert.equal(bare.accountName, undefined);
    assert.equal(suggestedName(bare), '42/ac-x');
  });

  it('makes a name unique, case aside, except for the profile being renamed', () => {
    const taken = [profile('a', 'production/readonly'), profile('b', 'Production/ReadOnly (2)')];
    assert.equal(uniqueName('Production/ReadOnly', taken), 'Production/ReadOnly (3)');
    assert.equal(uniqueName('Production/ReadOnly', taken, 'a'), 'Production/ReadOnly');
    assert.equal(uniqueName('Staging/ReadOnly', taken), 'Staging/ReadOnly');
  });

  it('knows the names it gave, and no other', () => {
    assert.equal(isSuggestedName('Production/ReadOnly', prod), true);
    assert.equal(isSuggestedName('Production/ReadOnly (12)', prod), true);
    assert.equal(isSuggestedName('Production/ReadOnly (mine)', prod), false);
    assert.equal(isSuggestedName('prod-reader', prod), false);
  });

  it('is the same target only with the same directory, account and access configuration', () => {
    assert.equal(sameTarget(prod, { ...prod, accountName: 'renamed' }), true);
    assert.equal(sameTarget(prod, { ...prod, accessConfigurationId: 'ac-admin' }), false);
    assert.equal(sameTarget(prod, { ...prod, accountId: '1' }), false);
    assert.equal(sameTarget(prod, { ...prod, signInUrl: 'https://signin-cn-hangzhou.alibabacloudsso.com/start/login' }), false);
  });
});
