/* global describe, it, before -- Mocha's BDD interface */
// Step 4 of issue 6: find load balancers in all regions. The Load Balancers view's title button
// "Find Load Balancers in All Regions" scans every region; the view then lists only the regions
// with instances, with their counts, and says what it found. One region is expanded.
import assert from 'node:assert/strict';
import { demo } from './flows.mjs';
import { strings } from './l10n.mjs';
import { session } from './session.mjs';
import {
  childrenOf, clearToasts, clickViewAction, collapseRow, expandRow, note, openContainer, screenshot, screenshotFailures,
  setPaneExpanded, setSidebarWidth, treeRows, viewMessage, viewPane, waitForToastsSettled, waitUntil,
} from './workbench-ui.mjs';

/** A region row: `<local name>` with description `<regionId> · <count>`. */
function regionOf(row) {
  const [regionId, count] = row.description.split(' · ');
  return { regionId, count: count === undefined ? undefined : Number(count) };
}

describe('4. Find load balancers in all regions', function () {
  let page;
  let l10n;
  let pane;
  const expected = Object.entries(demo.perRegion).sort(([, a], [, b]) => b - a);
  const total = demo.loadBalancers.length;

  before(function () {
    ({ page } = session());
    l10n = strings();
  });

  screenshotFailures('04');

  it('runs "Find Load Balancers in All Regions" from the view\'s title bar', async function () {
    const { view, container, command, nls } = l10n;
    await clearToasts(page);
    await openContainer(page, container('alibabaCloud'));
    await setSidebarWidth(page, 620);
    await setPaneExpanded(page, view('alibabaCloud.profiles'), false);
    await setPaneExpanded(page, view('alibabaCloud.ram'), false);
    await setPaneExpanded(page, view('alibabaCloud.loadBalancers'), true);
    pane = viewPane(page, view('alibabaCloud.loadBalancers'));
    // The view lists the regions of the active profile (alice, cn-shanghai first) before the scan.
    await waitUntil(() => treeRows(pane), (r) => r.some((row) => row.level === 1 && regionOf(row).regionId === 'cn-shanghai'),
      { what: 'the regions', timeout: 30000 });
    assert.ok(command('alibabaCloud.slb.findInAllRegions').endsWith(nls('command.slb.findInAllRegions')));
    await clickViewAction(page, view('alibabaCloud.loadBalancers'), nls('command.slb.findInAllRegions'));
  });

  it('shows only the regions with load balancers, with their counts', async function () {
    const { trPattern } = l10n;
    const summary = trPattern('Found {0} load balancers in {1} of {2} regions.', String(total), String(expected.length), /(\d+)/);
    const message = await waitUntil(() => viewMessage(pane), (m) => summary.test(m), { what: 'the scan summary', timeout: 30000 });
    note(`view message: "${message}"`);
    const scanned = Number(message.match(summary)[1]);
    assert.ok(scanned >= expected.length, 'every region was scanned');

    const rows = await waitUntil(() => treeRows(pane), (r) => r.filter((row) => row.level === 1).length === expected.length,
      { what: `${expected.length} regions` });
    const regions = rows.filter((r) => r.level === 1);
    note(`regions: ${regions.map((r) => `${r.label} (${r.description})`).join(', ')}`);
    const found = Object.fromEntries(regions.map((r) => [regionOf(r).regionId, regionOf(r).count]));
    assert.deepEqual(found, Object.fromEntries(expected), 'each region with instances, with its count');
    assert.equal(regionOf(regions[0]).regionId, 'cn-shanghai', 'the profile\'s region comes first');
  });

  it('expands a region: its load balancers with ID, address and status', async function () {
    const { trPattern } = l10n;
    const regionId = 'cn-beijing';
    const inRegion = demo.loadBalancers.filter((lb) => lb.regionId === regionId);
    // Fold the profile's region (expanded by default) so the one expanded here is in view.
    const rowFor = (id) => pane.locator('.monaco-list-row[role="treeitem"][aria-level="1"]')
      .filter({ has: page.locator('.label-description', { hasText: new RegExp(`^${id} · `) }) }).first();
    await collapseRow(rowFor('cn-shanghai'));
    await expandRow(rowFor(regionId));
    const rows = await waitUntil(() => treeRows(pane), (r) => {
      const parent = r.find((row) => row.level === 1 && regionOf(row).regionId === regionId);
      return parent && childrenOf(r, parent).length === inRegion.length;
    }, { what: `the ${inRegion.length} load balancers of ${regionId}` });
    const parent = rows.find((row) => row.level === 1 && regionOf(row).regionId === regionId);
    const children = childrenOf(rows, parent);
    note(`${parent.label} (${parent.description}): ${children.map((c) => c.label).join(', ')}`);
    for (const lb of inRegion) {
      const row = children.find((c) => c.description.startsWith(`${lb.loadBalancerId} · `));
      assert.ok(row, `${lb.loadBalancerId} is listed`);
      if (lb.loadBalancerName) assert.equal(row.label, lb.loadBalancerName);
      assert.match(row.ariaLabel, trPattern('Load balancer {0}, {1}, address {2}, {3}', lb.loadBalancerName || lb.loadBalancerId, lb.loadBalancerId, /[\d.]+/, /\w+/),
        'the row reads as name, ID, address and status');
    }
    await waitForToastsSettled(page); // the scan's progress notification has closed
    await screenshot(page, '04-load-balancers-all-regions');
  });
});
