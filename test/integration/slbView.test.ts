import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FilterResult } from '../../src/commands/slb/filterLoadBalancers';
import type { FindInAllRegionsResult } from '../../src/commands/slb/findInAllRegions';
import type { Profile } from '../../src/credentials/profile';
import type { TreeNode } from '../../src/views/tree/treeNode';
import { activateExtension, addProfile, control, seed } from './helpers';
import { children, exportsOf, item, label, lastSeq, requestsSince, slbSeed, waitFor } from './slbFixtures';

const run = <T>(command: string, args?: unknown) => vscode.commands.executeCommand<T>(command, args);

async function regionNode(regionId: string): Promise<TreeNode> {
  for (const node of await children()) {
    if (node.id.endsWith(`/region/${regionId}`)) {
      return node;
    }
  }
  assert.fail(`no region node for ${regionId}`);
}

async function lbNode(regionId: string, loadBalancerId: string): Promise<TreeNode> {
  const node = (await children(await regionNode(regionId))).find((n) => n.id.endsWith(`/lb/${loadBalancerId}`));
  assert.ok(node, `no node for ${loadBalancerId} in ${regionId}`);
  return node;
}

describe('SLB view: every load balancer of the active profile, region by region', () => {
  let reader: Profile;

  before(async () => {
    await activateExtension();
    reader = await addProfile('slb-view', slbSeed.reader.id, slbSeed.reader.secret, { regionId: 'cn-shanghai' });
  });
  beforeEach(async () => {
    // Other suites switch profiles: start each test from this one, with nothing cached.
    await run('alibabaCloud.selectProfile', { profileId: reader.id });
    await run('alibabaCloud.slb.clearFilter');
    await run('alibabaCloud.slb.showAllRegions');
    await run('alibabaCloud.slb.refresh');
  });
  afterEach(async () => {
    await control('DELETE', 'faults');
  });

  it('lists the regions from DescribeRegions, the profile\'s region first', async () => {
    const regions = await children();
    assert.ok(regions.length >= 27, `${regions.length} regions`);
    const first = await item(regions[0]);
    assert.equal(first.contextValue, 'slbRegion');
    assert.match(String(first.description), /^cn-shanghai/);
    assert.equal(label(first), 'China (Shanghai)', 'region names are not in the UI language');
    assert.equal(first.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the profile\'s region starts expanded');
    assert.equal((await item(regions[1])).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(new Set(regions.map((r) => r.id)).size, regions.length, 'region ids are not unique');
    assert.ok(regions.every((r) => r.id.startsWith(`profile/${reader.id}/slb/region/`)));
  });

  it('shows every instance of a region with more than two pages, each with name, id, address, status, network and spec', async () => {
    const since = await lastSeq();
    const nodes = await children(await regionNode('cn-shanghai'));
    assert.equal(nodes.length, 230);
    assert.equal(new Set(nodes.map((n) => n.id)).size, 230);
    const pages = (await requestsSince(since)).filter((r) => r.action === 'DescribeLoadBalancers' && r.accessKeyId === 'LTAI****0001');
    assert.equal(pages.length, 3, 'PageSize 100: three pages for 230 instances');
    const first = await item(nodes.find((n) => n.id.endsWith('/lb/lb-slbsh0001')) ?? nodes[0]);
    assert.equal(first.contextValue, 'lb');
    assert.equal(label(first), 'shop-api-0001');
    const description = String(first.description);
    for (const part of ['lb-slbsh0001', 'active', 'vpc', 'slb.s2.medium']) {
      assert.ok(description.includes(part), `"${part}" missing from "${description}"`);
    }
    assert.match(description, /\d+\.\d+\.\d+\.\d+/, 'no address');
    const tooltip = (first.tooltip as vscode.MarkdownString).value.replace(/\\/g, ''); // appendText escapes Markdown
    for (const part of ['cn-shanghai-a', 'PayOnDemand', 'vpc-', 'internet']) {
      assert.ok(tooltip.includes(part), `"${part}" missing from the tooltip`);
    }
    // The region now shows its count.
    assert.match(String((await item(await regionNode('cn-shanghai'))).description), /cn-shanghai · 230/);
  });

  it('says so for a region without instances', async () => {
    const nodes = await children(await regionNode('cn-qingdao'));
    assert.equal(nodes.length, 1);
    const message = await item(nodes[0]);
    assert.equal(message.contextValue, 'message');
    assert.equal(label(message), 'No load balancers in this region');
  });

  it('shows an instance\'s listeners and backend servers from DescribeLoadBalancerAttribute', async () => {
    const groups = await children(await lbNode('cn-hangzhou', 'lb-slbweb0001'));
    const [listeners, backends] = await Promise.all(groups.map(item));
    assert.deepEqual([label(listeners), listeners.description, label(backends), backends.description], ['Listeners', '2', 'Backend servers', '2']);
    const listenerItems = await Promise.all((await children(groups[0])).map(item));
    assert.deepEqual(listenerItems.map((i) => [label(i), i.description]), [['80/HTTP', 'redirects to 443'], ['443/HTTPS', undefined]]);
    const backendItems = await Promise.all((await children(groups[1])).map(item));
    assert.deepEqual(backendItems.map((i) => [label(i), i.description]), [
      ['i-slbweb0001', '192.168.0.5 · weight 100 · ecs'], ['i-slbweb0002', '192.168.0.6 · weight 0 · ecs'],
    ]);
    const empty = await children(await lbNode('cn-hangzhou', 'lb-slbidle001'));
    assert.deepEqual(await Promise.all((await Promise.all(empty.map(children))).map(async (c) => label(await item(c[0])))), ['No listeners', 'No backend servers']);
  });

  it('finds instances in all regions in parallel and shows only the regions that have some, with counts', async () => {
    const since = await lastSeq();
    const result = await run<FindInAllRegionsResult>('alibabaCloud.slb.findInAllRegions', { quiet: true });
    const expected = Object.entries(slbSeed.counts).map(([regionId, count]) => ({ regionId, count }));
    assert.deepEqual(result.found, expected, 'home region first, then by count');
    assert.equal(result.loadBalancers, 244);
    assert.deepEqual(result.failed, []);
    assert.equal(result.scanned, result.total);
    assert.ok(result.total >= 27);
    const calls = (await requestsSince(since)).filter((r) => r.action === 'DescribeLoadBalancers' && r.accessKeyId === 'LTAI****0001');
    assert.equal(calls.length, result.total + 2, 'one call per region and two more pages for cn-shanghai');
    // The tree now shows only those regions, with counts, and reuses what the scan loaded.
    const roots = await children();
    assert.deepEqual(roots.map((n) => n.id.split('/region/')[1]), expected.map((e) => e.regionId));
    assert.match(String((await item(roots[1])).description), /cn-chengdu · 4/);
    const before = await lastSeq();
    assert.equal((await children(roots[0])).length, 230);
    assert.equal((await requestsSince(before)).filter((r) => r.action === 'DescribeLoadBalancers').length, 0, 'the scan\'s answers were not reused');
    assert.match(exportsOf().loadBalancers.treeView.message ?? '', /Found 244 load balancers in 8 of \d+ regions/);
    await run('alibabaCloud.slb.showAllRegions');
    assert.ok((await children()).length >= 27);
    assert.equal(exportsOf().loadBalancers.treeView.message, undefined);
  });

  it('filters by name, id or address, in one region and across a scan', async () => {
    await children(await regionNode('cn-hangzhou'));
    let result = await run<FilterResult>('alibabaCloud.slb.filter', { text: '47.100.200' });
    assert.equal(result.filter, '47.100.200');
    assert.equal(result.matches, 1);
    const shown = await children(await regionNode('cn-hangzhou'));
    assert.deepEqual(shown.map((n) => n.id.split('/lb/')[1]), ['lb-slbweb0001']);
    assert.match(String((await item(await regionNode('cn-hangzhou'))).description), /1 of 2/);
    assert.equal(exportsOf().loadBalancers.treeView.description, 'Filter: "47.100.200"');
    const none = await children(await regionNode('cn-chengdu'));
    assert.match(label(await item(none[0])), /None of the 4 load balancers matches/);

    await run('alibabaCloud.slb.findInAllRegions', { quiet: true });
    result = await run<FilterResult>('alibabaCloud.slb.filter', { text: 'SHOP-API-012' });
    assert.equal(result.matches, 10);
    assert.deepEqual((await children()).map((n) => n.id.split('/region/')[1]), ['cn-shanghai'], 'regions without a match are shown');
    assert.equal((await children((await children())[0])).length, 10);
    result = await run<FilterResult>('alibabaCloud.slb.filter', { text: 'lb-slbcd0002' });
    assert.deepEqual((await children()).map((n) => n.id.split('/region/')[1]), ['cn-chengdu']);
    await run('alibabaCloud.slb.clearFilter');
    assert.equal((await children()).length, 8);
    assert.equal(exportsOf().loadBalancers.treeView.description, undefined);
  });

  it('copies an instance\'s id, address and console link from its node or by id', async () => {
    const node = await lbNode('cn-hangzhou', 'lb-slbweb0001');
    assert.equal(await run('alibabaCloud.slb.copyId', node), 'lb-slbweb0001');
    assert.equal(await vscode.env.clipboard.readText(), 'lb-slbweb0001');
    assert.equal(await run('alibabaCloud.slb.copyAddress', { loadBalancerId: 'lb-slbweb0001', regionId: 'cn-hangzhou' }), '47.100.200.1');
    assert.equal(await vscode.env.clipboard.readText(), '47.100.200.1');
    // The profile's region is in mainland China: the China site's console.
    const url = await run<string>('alibabaCloud.slb.copyConsoleLink', node);
    assert.equal(url, 'https://slb.console.aliyun.com/slb/cn-hangzhou/slbs/lb-slbweb0001');
    assert.equal(await vscode.env.clipboard.readText(), url);
  });

  it('uses the international console when the setting says so', async () => {
    const config = vscode.workspace.getConfiguration('alibabaCloud');
    await config.update('consoleSite', 'international', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => vscode.workspace.getConfiguration('alibabaCloud').get('consoleSite') === 'international', 'consoleSite');
      const url = await run<string>('alibabaCloud.slb.copyConsoleLink', { loadBalancerId: 'lb-slbweb0001', regionId: 'cn-hangzhou' });
      assert.equal(url, 'https://slb.console.alibabacloud.com/slb/cn-hangzhou/slbs/lb-slbweb0001');
    } finally {
      await config.update('consoleSite', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('turns a failing region list into an error node, and Retry loads it', async () => {
    await control('POST', 'faults', { product: 'slb', action: 'DescribeRegions', accessKeyId: slbSeed.reader.id, type: 'status', status: 503, times: 0 });
    await run('alibabaCloud.slb.refresh');
    const [error] = await children();
    const errorItem = await item(error);
    assert.equal(errorItem.contextValue, 'error');
    assert.match(label(errorItem), /internal error \(ServiceUnavailable, HTTP 503\)/);
    await control('DELETE', 'faults');
    await vscode.commands.executeCommand(String(errorItem.command?.command), ...(errorItem.command?.arguments ?? []));
    assert.ok((await children()).length >= 27);
  });

  it('turns a failing region into an error node under it, not a broken tree', async () => {
    await control('POST', 'faults', { product: 'slb', action: 'DescribeLoadBalancers', accessKeyId: slbSeed.reader.id, type: 'status', status: 500, times: 0 });
    const [error] = await children(await regionNode('cn-beijing'));
    const errorItem = await item(error);
    assert.equal(errorItem.contextValue, 'error');
    await control('DELETE', 'faults');
    await vscode.commands.executeCommand(String(errorItem.command?.command), ...(errorItem.command?.arguments ?? []));
    assert.equal((await children(await regionNode('cn-beijing'))).length, 1);
  });

  it('remembers which regions were expanded, per profile', async () => {
    const model = exportsOf().loadBalancers.model;
    await model.setExpanded(reader.id, 'cn-chengdu', true, 'cn-shanghai');
    await model.setExpanded(reader.id, 'cn-shanghai', false, 'cn-shanghai');
    try {
      assert.equal((await item(await regionNode('cn-chengdu'))).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
      assert.equal((await item(await regionNode('cn-shanghai'))).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    } finally {
      await model.setExpanded(reader.id, 'cn-chengdu', false, 'cn-shanghai');
      await model.setExpanded(reader.id, 'cn-shanghai', true, 'cn-shanghai');
    }
  });

  it('switching profile shows the other account\'s load balancers', async () => {
    const mine = (await children(await regionNode('cn-hangzhou'))).map((n) => n.id);
    assert.ok(mine.some((id) => id.endsWith('/lb/lb-slbweb0001')));
    const other = await addProfile('slb-view-other', seed.alice.id, seed.alice.secret); // adding selects it
    await waitFor(async () => (await children())[0]?.id.startsWith(`profile/${other.id}/`) ?? false, 'the view to follow the profile');
    const first = await item((await children())[0]);
    assert.match(String(first.description), /^cn-hangzhou/, 'the other profile\'s region is not first');
    const theirs = (await children((await children())[0])).map((n) => n.id);
    assert.ok(theirs.length > 0);
    assert.ok(theirs.every((id) => !id.includes('lb-slb')), 'the old account\'s instances are still shown');
  });
});
