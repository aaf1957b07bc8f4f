/* global describe, it, before, afterEach, document, Node, NodeFilter -- Mocha's BDD interface; DOM inside page.evaluate */
// UI smoke test: the active-profile status bar item is shown and opens the profile picker.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { session } from './session.mjs';

const ITEM_ID = 'alibabaCloud.activeProfile';
const ADD_PROFILE = 'Add Profile…';

function note(text) {
  process.stdout.write(`      · ${text}\n`);
}

/**
 * The status bar entry of `createStatusBarItem('alibabaCloud.activeProfile', …)`. VS Code 1.100
 * renders it as `div.statusbar-item#<publisher.name>.<id>` holding `a.statusbar-item-label` whose
 * aria-label is the item's accessibilityInformation.label; match either, the id first.
 */
function statusItem(page, extensionId) {
  return page
    .locator(`.statusbar-item[id="${extensionId}.${ITEM_ID}"], .statusbar-item:has(> a[aria-label^="Alibaba Cloud profile"])`)
    .first();
}

describe('Alibaba Cloud status bar item', function () {
  let page;
  let extensionId;
  let resultsDir;

  before(function () {
    ({ page, extensionId, resultsDir } = session());
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const file = path.join(resultsDir, `failed-${this.currentTest.title.replace(/[^\w-]+/g, '-')}.png`);
      await page.screenshot({ path: file }).catch(() => {});
      note(`screenshot of the failure: ${path.relative(process.cwd(), file)}`);
    }
  });

  it('is visible, with the cloud icon and an accessible label', async function () {
    const item = statusItem(page, extensionId);
    await item.waitFor({ state: 'visible', timeout: 60000 });
    const id = await item.getAttribute('id');
    const label = item.locator('a.statusbar-item-label');
    const ariaLabel = (await label.getAttribute('aria-label')) ?? (await item.getAttribute('aria-label'));
    const text = (await label.innerText()).trim();
    note(`found #${id}`);
    note(`aria-label: "${ariaLabel}"`);
    note(`text: "${text}"`);
    assert.match(ariaLabel ?? '', /^Alibaba Cloud profile/, 'accessibility label starts with "Alibaba Cloud profile"');
    // `$(cloud) …` renders as <span class="codicon codicon-cloud"></span> before the text.
    const first = await label.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) return `text "${node.textContent.trim()}"`;
        if (node.nodeType === Node.ELEMENT_NODE && node.classList.contains('codicon')) return node.className;
      }
      return 'nothing';
    });
    note(`first thing in the item: ${first}`);
    assert.match(first, /\bcodicon-cloud\b/, 'the text starts with the $(cloud) codicon');
    assert.ok(text.length > 0, 'shows a profile name or "Alibaba Cloud"');
  });

  it('opens the profile picker with "Add Profile…" when clicked', async function () {
    const item = statusItem(page, extensionId);
    await item.locator('a.statusbar-item-label').click();
    const widget = page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible', timeout: 15000 });
    const title = ((await widget.locator('.quick-input-title').textContent()) ?? '').trim();
    const placeholder = (await widget.locator('.quick-input-box input').first().getAttribute('placeholder')) ?? '';
    note(`quick pick title: "${title}"`);
    note(`quick pick placeholder: "${placeholder}"`);
    assert.match(`${title} ${placeholder}`, /profile/i, 'the quick pick title or placeholder mentions "profile"');

    const rows = widget.locator('.quick-input-list .monaco-list-row');
    const addRow = rows.filter({ hasText: ADD_PROFILE });
    await addRow.first().waitFor({ state: 'visible', timeout: 10000 });
    const labels = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent));
    note(`rows: ${labels.map((l) => `"${l}"`).join(', ')}`);

    const screenshot = path.join(resultsDir, 'status-bar-picker.png');
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    note(`screenshot: ${path.relative(process.cwd(), screenshot)}`);
    await page.keyboard.press('Escape');
  });
});
