/* global describe, it, before -- Mocha's BDD interface */
// Step 1 of issue 6: pick a profile from the status bar. Starts from a fresh browser (no profile):
// the empty state, then two profiles added through the real prompts (one from the command palette,
// one from the picker's "Add Profile…"), then the first one picked from the status bar.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { addProfile, demo, mask } from './flows.mjs';
import { strings } from './l10n.mjs';
import { session } from './session.mjs';
import {
  clearToasts, note, quickInputInfo, quickRow, quickRows, screenshot, screenshotFailures, setSidebarWidth, statusItem, statusItemInfo, statusItemTooltip,
  waitForQuickInput, waitForStatusText, waitForToast,
} from './workbench-ui.mjs';

describe('1. Pick a profile from the status bar', function () {
  let page;
  let tr;
  const alice = demo.user('alice').accessKeys[0]; // AliyunRAMFullAccess + AliyunSLBFullAccess
  const frank = demo.user('frank').accessKeys[0]; // read-only RAM and SLB

  before(async function () {
    ({ page } = session());
    // Room for tree descriptions in the side bar (done here, long before any screenshot of it).
    await setSidebarWidth(page, 620);
    const l10n = strings();
    ({ tr } = l10n);
    if (l10n.locale !== 'en') {
      const { bundle, nls } = l10n.coverage();
      note(`display language ${l10n.locale}: ${bundle} translated runtime strings, ${nls} translated manifest strings`);
      const lang = l10n.locale.split('-')[0];
      if (['zh', 'ja', 'ko'].includes(lang)) {
        let fonts = '';
        try {
          fonts = execFileSync('fc-list', [`:lang=${lang}`], { encoding: 'utf8' });
        } catch { /* no fontconfig: cannot tell */ }
        if (!fonts.trim()) note(`WARNING: no font for "${lang}" (fc-list :lang=${lang}): the screenshots will show boxes instead of characters (Debian: apt-get install fonts-wqy-microhei or fonts-noto-cjk)`);
      }
    }
  });

  screenshotFailures('01');

  it('shows "Alibaba Cloud" with the cloud icon and an accessible label when there is no profile', async function () {
    const info = await statusItemInfo(page);
    note(`found #${info.id}: "${info.text}", aria-label "${info.ariaLabel}", starts with ${info.firstThing}`);
    assert.match(info.firstThing, /\bcodicon-cloud\b/, 'the text starts with the $(cloud) codicon');
    assert.equal(info.text, tr('Alibaba Cloud'));
    assert.equal(info.ariaLabel, tr('Alibaba Cloud profile: none. Click to add one.'));
  });

  it('opens the empty profile picker with "Add Profile…", "Import…" and "Sign In with CloudSSO…"', async function () {
    await statusItem(page).locator('a.statusbar-item-label').click();
    await waitForQuickInput(page, tr('Select Alibaba Cloud Profile'));
    await quickRow(page, tr('Add Profile…')).waitFor({ state: 'visible' });
    const info = await quickInputInfo(page);
    const rows = await quickRows(page);
    note(`"${info.title}", placeholder "${info.placeholder}"; rows: ${rows.map((r) => `"${r.label}"`).join(', ')}`);
    assert.equal(info.placeholder, tr('No profile yet: add or import one'));
    assert.deepEqual(rows.map((r) => r.label), [tr('Add Profile…'), tr('Import…'), tr('Sign In with CloudSSO…')]);
    await screenshot(page, '00-status-bar-empty');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });

  it('adds a profile from the command palette (name, AccessKey ID, secret, region, label)', async function () {
    await addProfile(page, {
      name: 'alice', accessKeyId: alice.accessKeyId, secret: alice.accessKeySecret, regionId: 'cn-shanghai', label: 'dev',
      onRegionStep: () => screenshot(page, '01-add-profile-region'),
    });
    const { message, buttons } = await waitForToast(page, { severity: 'info', text: tr('Profile "{0}" added and selected.', 'alice') });
    note(`notification: "${message}" [${buttons.join(', ')}]`);
    assert.deepEqual(buttons, [tr('Test Credentials')]);
  });

  it('adds a second profile from the status bar picker\'s "Add Profile…"', async function () {
    await clearToasts(page);
    await statusItem(page).locator('a.statusbar-item-label').click();
    await waitForQuickInput(page, tr('Select Alibaba Cloud Profile'));
    await addProfile(page, { name: 'frank', accessKeyId: frank.accessKeyId, secret: frank.accessKeySecret, regionId: 'cn-beijing', from: 'picker' });
    await clearToasts(page);
  });

  it('picks the first profile from the status bar: it shows "alice · cn-shanghai"', async function () {
    await statusItem(page).locator('a.statusbar-item-label').click();
    await waitForQuickInput(page, tr('Select Alibaba Cloud Profile'));
    await quickRow(page, /alice/).waitFor({ state: 'visible' });
    const info = await quickInputInfo(page);
    const rows = await quickRows(page);
    note(`placeholder "${info.placeholder}"; rows: ${rows.map((r) => `${r.separator ? `[${r.separator}] ` : ''}"${r.label}"${r.description ? ` (${r.description})` : ''}${r.icons.includes('check') ? ' ✓' : ''}`).join(', ')}`);
    assert.equal(info.placeholder, tr('Choose the profile to use in this workspace'));
    const byName = Object.fromEntries(rows.map((r) => [r.label, r]));
    assert.ok(byName.alice && byName.frank, 'both profiles are offered');
    assert.equal(byName.alice.description, ['cn-shanghai', mask(alice.accessKeyId), 'dev'].join(' · '));
    assert.equal(byName.frank.description, ['cn-beijing', mask(frank.accessKeyId)].join(' · '));
    assert.ok(byName.frank.icons.includes('check'), 'the active profile (the last one added) is checked');
    assert.ok(!byName.alice.icons.includes('check'), 'only the active profile is checked');
    assert.deepEqual(rows.filter((r) => r.separator).map((r) => r.separator), ['dev', tr('No label')], 'grouped by environment label');
    assert.ok(rows.some((r) => r.label === tr('Add Profile…')) && rows.some((r) => r.label === tr('Import…')));
    await screenshot(page, '01-status-bar-picker');

    await quickRow(page, 'alice').click();
    await waitForStatusText(page, 'alice · cn-shanghai');
    const item = await statusItemInfo(page);
    note(`status bar: "${item.text}", aria-label "${item.ariaLabel}"`);
    assert.equal(item.ariaLabel, tr('Alibaba Cloud profile: {0}, region {1}, environment {2}', 'alice', 'cn-shanghai', 'dev'));
    const tooltip = await statusItemTooltip(page, mask(alice.accessKeyId));
    note(`tooltip: ${JSON.stringify(tooltip)}`);
    assert.ok(tooltip.includes('cn-shanghai'), 'the tooltip shows the region');
    assert.ok(tooltip.includes(tr('Click to switch profile')), 'and what a click does');
    assert.ok(!tooltip.includes(alice.accessKeyId), 'the AccessKey ID is masked in the tooltip');
    await screenshot(page, '01-status-bar-selected', { keepHover: true });
    await page.mouse.move(2, 2);
  });
});
