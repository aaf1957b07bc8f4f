import * as assert from 'node:assert/strict';
import { ApiCaller } from '../../src/aliyun/call';
import { AliyunSlbService, SCAN_PARALLELISM } from '../../src/aliyun/slbService';
import type { SlbApi } from '../../src/aliyun/types';
import { silentLog } from '../../src/util/log';
import { FakeSlb, fail, lb } from './slbFakes';

/** The real service over a fake API (SlbApi has the same three calls as the fake's SlbService). */
function service(fake: FakeSlb): AliyunSlbService {
  const api: SlbApi = {
    describeRegions: (lang) => fake.describeRegions(lang),
    describeLoadBalancers: (r, p, s) => {
      assert.equal(s, 100, 'every page asks for the most DescribeLoadBalancers allows');
      return fake.describeLoadBalancers(r, p, s);
    },
    describeLoadBalancerAttribute: (r, id) => fake.describeLoadBalancerAttribute(r, id),
  };
  const caller = new ApiCaller({
    product: 'slb', endpoint: { host: 'slb.example', protocol: 'https' },
    credentials: { accessKeyId: 'LTAI5tTestTestTest0001', accessKeySecret: 'secret-secret' }, log: silentLog,
    retry: { attempts: 2, baseDelayMs: 0, maxDelayMs: 0 }, sleep: async () => undefined,
  });
  return new AliyunSlbService(() => ({ api: () => api, caller }), 'cn-hangzhou');
}

describe('SLB service', () => {
  it('lists every page of a region with PageSize 100, each page exactly once', async () => {
    const fake = FakeSlb.withCounts({ 'cn-shanghai': 230 });
    const all = await service(fake).listAllLoadBalancers('cn-shanghai');
    assert.equal(all.length, 230);
    assert.equal(new Set(all.map((x) => x.loadBalancerId)).size, 230);
    assert.deepEqual(fake.calls.sort(), ['DescribeLoadBalancers cn-shanghai 1', 'DescribeLoadBalancers cn-shanghai 2', 'DescribeLoadBalancers cn-shanghai 3']);
  });

  it('asks once for a region with no instances', async () => {
    const fake = FakeSlb.withCounts({ 'cn-qingdao': 0 });
    assert.deepEqual(await service(fake).listAllLoadBalancers('cn-qingdao'), []);
    assert.equal(fake.calls.length, 1);
  });

  it('never shows an instance twice when pages shift between calls', async () => {
    const fake = FakeSlb.withCounts({ r: 150 });
    const list = fake.instances.get('r') ?? [];
    // An instance created at the front after page 1 was read: page 2 repeats the last of page 1.
    const original = fake.describeLoadBalancers.bind(fake);
    fake.describeLoadBalancers = async (regionId, page = 1, size = 100) => {
      if (page === 2) {
        list.unshift(lb('r', 999));
      }
      return original(regionId, page, size);
    };
    const all = await service(fake).listAllLoadBalancers('r');
    assert.equal(new Set(all.map((x) => x.loadBalancerId)).size, all.length);
  });

  it('passes the language for the regions\' local names', async () => {
    const fake = FakeSlb.withCounts({ a: 0 });
    await service(fake).describeRegions('en-US');
    assert.deepEqual(fake.calls, ['DescribeRegions en-US']);
  });

  it('scans regions in parallel, bounded, and reports a failing region instead of failing', async () => {
    const regions = Array.from({ length: 14 }, (_, i) => `r${i}`);
    const fake = FakeSlb.withCounts(Object.fromEntries(regions.map((r, i) => [r, i % 3 === 0 ? 0 : i])), regions);
    fake.failures.set('r4', fail('noPermission', 'Forbidden.RAM'));
    const seen: string[] = [];
    const scans = await service(fake).scanRegions(regions, (s) => seen.push(s.regionId));
    assert.equal(scans.length, 14);
    assert.deepEqual(scans.map((s) => s.regionId), regions, 'results keep the order of the regions');
    assert.equal(seen.length, 14);
    assert.ok((scans[4].error as Error).message.includes('Forbidden.RAM'));
    assert.equal(scans[5].loadBalancers?.length, 5);
    assert.ok(fake.maxInFlight > 1, 'regions were scanned one after another');
    assert.ok(fake.maxInFlight <= SCAN_PARALLELISM, `${fake.maxInFlight} requests at once`);
  });

  it('shares one pool of requests between the regions of a scan: a region of many pages does not hold back the rest', async () => {
    const regions = ['big', ...Array.from({ length: 20 }, (_, i) => `small${i}`)];
    const fake = FakeSlb.withCounts(Object.fromEntries(regions.map((r) => [r, r === 'big' ? 950 : 3])), regions);
    const scans = await service(fake).scanRegions(regions);
    assert.equal(scans[0].loadBalancers?.length, 950, 'every page of the big region');
    assert.ok(scans.slice(1).every((s) => s.loadBalancers?.length === 3));
    assert.equal(fake.maxInFlight, SCAN_PARALLELISM, `${fake.maxInFlight} requests at once`);
  });

  it('stops starting regions once cancelled', async () => {
    const regions = Array.from({ length: 3 * SCAN_PARALLELISM }, (_, i) => `r${i}`);
    const fake = FakeSlb.withCounts(Object.fromEntries(regions.map((r) => [r, 1])), regions);
    let done = 0;
    const scans = await service(fake).scanRegions(regions, () => done++, () => done >= 2);
    assert.ok(scans.some((s) => s.cancelled), 'nothing was cancelled');
    assert.ok(scans.filter((s) => s.loadBalancers).length < 2 * SCAN_PARALLELISM, 'regions queued after the cancel were not scanned');
    assert.equal(scans.length, regions.length, 'every region is reported, scanned or not');
  });

  it('retries a region that is throttled once', async () => {
    const fake = FakeSlb.withCounts({ r: 3 });
    let first = true;
    const original = fake.describeLoadBalancers.bind(fake);
    fake.describeLoadBalancers = async (...args) => {
      if (first) {
        first = false;
        throw fail('throttled', 'Throttling.User');
      }
      return original(...args);
    };
    assert.equal((await service(fake).listAllLoadBalancers('r')).length, 3);
  });
});
