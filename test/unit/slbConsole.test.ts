import * as assert from 'node:assert/strict';
import { consoleSite, docsUrl, loadBalancerConsoleUrl, ramUserConsoleUrl, rootAccessKeyConsoleUrl } from '../../src/aliyun/console';

describe('SLB console links', () => {
  it('guesses the site from the profile\'s region when set to auto', () => {
    assert.equal(consoleSite('auto', 'cn-hangzhou'), 'china');
    assert.equal(consoleSite(undefined, 'cn-wulanchabu'), 'china');
    assert.equal(consoleSite('auto', 'cn-hongkong'), 'international');
    assert.equal(consoleSite('auto', 'ap-southeast-1'), 'international');
    assert.equal(consoleSite('auto', undefined), 'international');
  });

  it('follows the setting when it names a site', () => {
    assert.equal(consoleSite('international', 'cn-hangzhou'), 'international');
    assert.equal(consoleSite('china', 'eu-central-1'), 'china');
  });

  it('links an instance on each site', () => {
    assert.equal(loadBalancerConsoleUrl('china', 'cn-shanghai', 'lb-uf6abc'), 'https://slb.console.aliyun.com/slb/cn-shanghai/slbs/lb-uf6abc');
    assert.equal(loadBalancerConsoleUrl('international', 'eu-central-1', 'lb-gw8xyz'), 'https://slb.console.alibabacloud.com/slb/eu-central-1/slbs/lb-gw8xyz');
  });

  it('escapes what goes into a path or query', () => {
    assert.equal(loadBalancerConsoleUrl('china', 'cn-x/../y', 'lb-1?a=b'), 'https://slb.console.aliyun.com/slb/cn-x%2F..%2Fy/slbs/lb-1%3Fa%3Db');
    assert.equal(ramUserConsoleUrl('international', 'a&b'), 'https://ram.console.alibabacloud.com/users/detail?userName=a%26b');
  });

  it('links RAM users, root keys and docs on the right site', () => {
    assert.equal(ramUserConsoleUrl('china'), 'https://ram.console.aliyun.com/users');
    assert.equal(rootAccessKeyConsoleUrl('international'), 'https://ram.console.alibabacloud.com/manage/ak');
    assert.match(docsUrl('china', 'accessKey'), /^https:\/\/help\.aliyun\.com\/zh\//);
    assert.match(docsUrl('international', 'permissions'), /^https:\/\/www\.alibabacloud\.com\/help\/en\//);
  });
});
