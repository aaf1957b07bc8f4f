import * as assert from 'node:assert/strict';
import { LoadBalancerModel } from '../../src/views/slb/loadBalancerModel';
import { matchesFilter, orderRegions, summarize } from '../../src/views/slb/slbRegions';
import { FakeMemento, MemoryLog } from './fakes';
import { FakeSessions, FakeSlb, fail, fakeSession, lb, profile } from './slbFakes';

const REGIONS = ['cn-qingdao', 'cn-beijing', 'cn-hangzhou', 'cn-shanghai', 'ap-southeast-1'];

function setup(counts: Record<string, number> = { 'cn-shanghai': 230, 'cn-hangzhou': 2, 'ap-southeast-1': 1 }, home = 'cn-shanghai') {
  const slb = FakeSlb.withCounts(counts, REGIONS);
  const p = profile('p1', { regionId: home });
  const sessions = new FakeSessions({ profile: p, session: fakeSession({ slb }) });
  const state = new FakeMemento();
  const model = new LoadBalancerModel(sessions, state, 'en-US', new MemoryLog());
  let changes = 0;
  model.onDidChange(() => changes++);
  return { slb, p, sessions, state, model, changes: () => changes };
}

describe('SLB view model', () => {
  it('lists regions with the profile\'s region first, in the service\'s language', async () => {
    const { model, slb } = setup();
    const view = await model.regions();
    assert.deepEqual(view?.regions.map((r) => r.regionId), ['cn-shanghai', 'cn-qingdao', 'cn-beijing', 'cn-hangzhou', 'ap-southeast-1']);
    assert.equal(view?.regions[0].home, true);
    assert.equal(view?.regions[1].home, false);
    assert.deepEqual(slb.calls, ['DescribeRegions en-US']);
    await model.regions();
    assert.equal(slb.calls.length, 1, 'regions were asked for twice');
  });

  it('keeps a profile region that DescribeRegions does not list, so its error shows', () => {
    const ordered = orderRegions([{ regionId: 'a', localName: 'A', regionEndpoint: '' }], 'cn-typo');
    assert.deepEqual(ordered.map((r) => [r.regionId, r.home]), [['cn-typo', true], ['a', false]]);
  });

  it('loads every instance of a region once, and announces the count', async () => {
    const { model, slb, changes } = setup();
    assert.equal(model.loaded('cn-shanghai'), undefined);
    const [a, b] = await Promise.all([model.loadBalancers('cn-shanghai'), model.loadBalancers('cn-shanghai')]);
    assert.equal(a.length, 230);
    assert.equal(a, b);
    assert.equal(slb.calls.filter((c) => c.startsWith('DescribeLoadBalancers')).length, 3);
    assert.equal(model.loaded('cn-shanghai')?.length, 230);
    assert.ok(changes() >= 1);
  });

  it('keeps a failure until Retry, so redraws do not repeat the call; Retry asks again', async () => {
    const { model, slb } = setup();
    slb.failures.set('cn-hangzhou', fail('serverError', 'InternalError'));
    await assert.rejects(model.loadBalancers('cn-hangzhou'), /InternalError/);
    slb.failures.clear();
    await assert.rejects(model.loadBalancers('cn-hangzhou'), /InternalError/);
    assert.equal(slb.calls.filter((c) => c.startsWith('DescribeLoadBalancers cn-hangzhou')).length, 1);
    model.forgetRegion('cn-hangzhou');
    assert.equal((await model.loadBalancers('cn-hangzhou')).length, 2);
  });

  it('keeps a failed DescribeRegions until Retry', async () => {
    const { model, slb } = setup();
    slb.failures.set('DescribeRegions', fail('noPermission', 'Forbidden.RAM'));
    await assert.rejects(model.regions(), /Forbidden.RAM/);
    slb.failures.clear();
    await assert.rejects(model.regions(), /Forbidden.RAM/);
    model.forgetRegions();
    assert.equal((await model.regions())?.regions.length, 5);
  });

  it('drops everything on a profile switch, and ignores answers for the old profile', async () => {
    const { model, sessions, slb } = setup();
    await model.loadBalancers('cn-hangzhou');
    let release: () => void = () => undefined;
    slb.gate = new Promise((r) => (release = r));
    const late = model.loadBalancers('ap-southeast-1');
    const other = FakeSlb.withCounts({ 'cn-hangzhou': 7 }, REGIONS);
    sessions.switch({ profile: profile('p2'), session: fakeSession({ slb: other }) });
    release();
    await late;
    assert.equal(model.loaded('ap-southeast-1'), undefined, 'an answer for the old profile landed in the new cache');
    assert.equal(model.loaded('cn-hangzhou'), undefined);
    assert.equal((await model.loadBalancers('cn-hangzhou')).length, 7);
    assert.equal((await model.regions())?.regions[0].regionId, 'cn-hangzhou');
  });

  it('has no regions without a profile', async () => {
    const { model, sessions } = setup();
    sessions.switch(undefined);
    assert.equal(await model.regions(), undefined);
    assert.deepEqual(await model.loadBalancers('cn-hangzhou'), []);
  });

  it('caches an instance\'s attributes and forgets them for Retry', async () => {
    const { model, slb } = setup();
    const d1 = await model.detail('cn-hangzhou', 'lb-cn-hangzhou-1');
    await model.detail('cn-hangzhou', 'lb-cn-hangzhou-1');
    assert.equal(d1.listeners.length, 1);
    assert.equal(slb.calls.filter((c) => c.startsWith('DescribeLoadBalancerAttribute')).length, 1);
    model.forgetDetail('cn-hangzhou', 'lb-cn-hangzhou-1');
    await model.detail('cn-hangzhou', 'lb-cn-hangzhou-1');
    assert.equal(slb.calls.filter((c) => c.startsWith('DescribeLoadBalancerAttribute')).length, 2);
  });

  it('scans every region and keeps only the regions with instances, home first, with counts', async () => {
    const { model, slb } = setup({ 'cn-shanghai': 230, 'cn-hangzhou': 2, 'ap-southeast-1': 9 });
    const progress: number[] = [];
    const scan = await model.scanAllRegions((done) => progress.push(done));
    assert.deepEqual(scan?.found, [
      { regionId: 'cn-shanghai', count: 230 }, { regionId: 'ap-southeast-1', count: 9 }, { regionId: 'cn-hangzhou', count: 2 },
    ]);
    assert.equal(scan?.loadBalancers, 241);
    assert.equal(scan?.scanned, 5);
    assert.deepEqual(progress, [1, 2, 3, 4, 5]);
    assert.equal(model.scan, scan);
    // The tree reuses what the scan loaded.
    const before = slb.calls.length;
    assert.equal((await model.loadBalancers('ap-southeast-1')).length, 9);
    assert.equal(slb.calls.length, before);
    model.clearScan();
    assert.equal(model.scan, undefined);
  });

  it('lists a region that fails during the scan, and a retry of it updates the scan', async () => {
    const { model, slb } = setup({ 'cn-shanghai': 3, 'cn-beijing': 4 });
    slb.failures.set('cn-beijing', fail('throttled', 'Throttling.User'));
    const scan = await model.scanAllRegions();
    assert.deepEqual(scan?.found.map((f) => f.regionId), ['cn-shanghai']);
    assert.deepEqual(scan?.failed.map((f) => f.regionId), ['cn-beijing']);
    slb.failures.clear();
    await model.rescanRegion('cn-beijing');
    assert.deepEqual(model.scan?.found, [{ regionId: 'cn-shanghai', count: 3 }, { regionId: 'cn-beijing', count: 4 }]);
    assert.deepEqual(model.scan?.failed, []);
    assert.equal(model.scan?.scanned, 5);
  });

  it('forgets the scan on refresh and on a profile switch', async () => {
    const { model, sessions } = setup();
    await model.scanAllRegions();
    model.refresh();
    assert.equal(model.scan, undefined);
    await model.scanAllRegions();
    sessions.switch({ profile: profile('p3'), session: fakeSession({ slb: FakeSlb.withCounts({}, REGIONS) }) });
    assert.equal(model.scan, undefined);
  });

  it('filters by name, id or address, case-insensitively', () => {
    const x = lb('cn-hangzhou', 1, { loadBalancerName: 'Web-Frontend', address: '47.100.200.1' });
    assert.equal(matchesFilter(x, 'web-front'), true);
    assert.equal(matchesFilter(x, 'LB-CN-HANGZHOU-1'), true);
    assert.equal(matchesFilter(x, '200.1'), true);
    assert.equal(matchesFilter(x, 'api'), false);
    assert.equal(matchesFilter(x, undefined), true);
  });

  it('announces a filter change once and trims it', () => {
    const { model, changes } = setup();
    model.setFilter('  web ');
    assert.equal(model.filter, 'web');
    const after = changes();
    model.setFilter('web');
    assert.equal(changes(), after);
    model.setFilter('   ');
    assert.equal(model.filter, undefined);
  });

  it('remembers expanded regions per profile, the profile\'s region expanded until told otherwise', async () => {
    const { model, state } = setup();
    const view = await model.regions();
    const [home, qingdao] = view?.regions ?? [];
    assert.equal(model.isExpanded('p1', home), true);
    assert.equal(model.isExpanded('p1', qingdao), false);
    await model.setExpanded('p1', 'cn-qingdao', true, 'cn-shanghai');
    assert.equal(model.isExpanded('p1', qingdao), true);
    assert.equal(model.isExpanded('p1', home), true, 'expanding another region collapsed the home region');
    await model.setExpanded('p1', 'cn-shanghai', false, 'cn-shanghai');
    assert.equal(model.isExpanded('p1', home), false);
    assert.deepEqual(state.data.get('alibabaCloud.slb.expandedRegions'), { p1: ['cn-qingdao'] });
    assert.equal(model.isExpanded('p2', qingdao), false, 'another profile shares the memory');
  });

  it('summarizes a scan with cancelled regions', () => {
    const s = summarize([
      { regionId: 'a', loadBalancers: [lb('a', 1)] },
      { regionId: 'b', cancelled: true },
      { regionId: 'c', loadBalancers: [] },
    ], 'c');
    assert.deepEqual(s.found, [{ regionId: 'a', count: 1 }]);
    assert.equal(s.scanned, 2);
    assert.equal(s.total, 3);
    assert.equal(s.cancelled, true);
  });
});
