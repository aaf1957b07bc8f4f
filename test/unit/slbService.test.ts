import * as assert from 'node:assert/strict';
import { ApiCaller } from '../../src/aliyun/call';
import { AliyunSlbService } from '../../src/aliyun/slbService';
import type { LoadBalancer, SlbApi } from '../../src/aliyun/types';
import { MemoryLog } from './fakes';

function fakeSlb(total: number, calls: number[]): SlbApi {
  const all: LoadBalancer[] = Array.from({ length: total }, (_, i) => ({
    loadBalancerId: `lb-${i}`, loadBalancerName: `n${i}`, loadBalancerStatus: 'active', address: '10.0.0.1',
    addressType: 'intranet', networkType: 'vpc', regionId: 'cn-chengdu',
  }));
  return {
    describeRegions: async () => [],
    describeLoadBalancers: async (_region, pageNumber, pageSize) => {
      calls.push(pageNumber);
      assert.ok(pageSize <= 100);
      return { loadBalancers: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize), totalCount: total, pageNumber, pageSize };
    },
    describeLoadBalancerAttribute: async () => { throw new Error('unused'); },
  };
}

describe('AliyunSlbService.listAllLoadBalancers', () => {
  it('fetches every page of 100 exactly once', async () => {
    const calls: number[] = [];
    const api = fakeSlb(345, calls);
    const caller = new ApiCaller({ product: 'slb', endpoint: { host: 'x', protocol: 'https' }, credentials: { accessKeyId: 'LTAIabcdefgh1234', accessKeySecret: 'secretsecret' }, log: new MemoryLog() });
    const service = new AliyunSlbService(() => ({ api: () => api, caller }), 'cn-chengdu');
    const lbs = await service.listAllLoadBalancers('cn-chengdu');
    assert.equal(lbs.length, 345);
    assert.equal(new Set(lbs.map((l) => l.loadBalancerId)).size, 345);
    assert.deepEqual([...calls].sort(), [1, 2, 3, 4]);
  });

  it('makes one call for an empty region', async () => {
    const calls: number[] = [];
    const api = fakeSlb(0, calls);
    const caller = new ApiCaller({ product: 'slb', endpoint: { host: 'x', protocol: 'https' }, credentials: { accessKeyId: 'LTAIabcdefgh1234', accessKeySecret: 'secretsecret' }, log: new MemoryLog() });
    const service = new AliyunSlbService(() => ({ api: () => api, caller }), 'cn-chengdu');
    assert.deepEqual(await service.listAllLoadBalancers('cn-chengdu'), []);
    assert.deepEqual(calls, [1]);
  });
});
