/* global afterEach, document, getComputedStyle, Node, NodeFilter -- Mocha's BDD interface; DOM inside page.evaluate */
// Driving the VS Code 1.100 workbench the way a user does: command palette, quick inputs, modal
// dialogs, notification toasts, the activity bar, view panes and their trees, the status bar.
// Selectors are roles, aria-labels, titles and the workbench's stable class names; every wait is
// on a condition, never a fixed sleep.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { session } from './session.mjs';

export const STATUS_ITEM_ID = 'alibabaCloud.activeProfile';
const QUICK = '.quick-input-widget';
const DIALOG = '.monaco-dialog-box';

export function note(text) {
  process.stdout.write(`      · ${text}\n`);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches the whole (trimmed) text: exact('carol') does not match "carol-new". */
export function exact(text) {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

// ---------------------------------------------------------------------------------------------
// Secrets must never reach a screenshot: every secret a spec types or sees is remembered (in memory
// only, never printed), and a screenshot is refused while a modal dialog is open or while any of
// them is in the page's text.
const secrets = new Set();

export function rememberSecret(secret) {
  if (secret) secrets.add(secret);
}

async function secretExposure(page) {
  if (await page.locator(DIALOG).isVisible().catch(() => false)) return 'a modal dialog is open (it may show a secret)';
  const text = await page.evaluate(() => {
    const parts = [document.body.innerText];
    // Values of text inputs are not in innerText; password inputs never render their value.
    for (const input of document.querySelectorAll('input:not([type=password]), textarea')) parts.push(input.value);
    return parts.join('\n');
  });
  for (const secret of secrets) if (text.includes(secret)) return 'a secret is on the screen';
  return undefined;
}

/**
 * Saves `<results>/<name>.png`, after checking that no secret is on the screen. The mouse is moved
 * out of the way first (no stray hover), unless `keepHover` (the picture is of a hover).
 */
export async function screenshot(page, name, { keepHover = false } = {}) {
  const { resultsDir } = session();
  const exposure = await secretExposure(page);
  assert.equal(exposure, undefined, `refusing to save screenshot ${name}: ${exposure}`);
  if (!keepHover) await page.mouse.move(2, 2);
  const file = path.join(resultsDir, `${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  note(`screenshot: ${path.relative(process.cwd(), file)}`);
  return file;
}

/** In a describe(): a screenshot of every failed test, unless a secret could be on it. */
export function screenshotFailures(prefix) {
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const { page, resultsDir } = session();
    const exposure = await secretExposure(page).catch((err) => `cannot check for secrets (${err.message})`);
    if (exposure) {
      note(`no screenshot of the failure: ${exposure}`);
      return;
    }
    const file = path.join(resultsDir, `failed-${prefix}-${this.currentTest.title.replace(/[^\w-]+/g, '-')}.png`);
    await page.screenshot({ path: file }).catch(() => {});
    note(`screenshot of the failure: ${path.relative(process.cwd(), file)}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Quick input (command palette, quick picks, input boxes)

export function quickInput(page) {
  return page.locator(QUICK);
}

function quickBox(page) {
  return page.locator(`${QUICK} .quick-input-box input`).first();
}

/** The visible rows of the open quick pick: label (without codicons), description, aria-label. */
export async function quickRows(page) {
  return page.locator(`${QUICK} .quick-input-list .monaco-list-row`).evaluateAll((rows) => rows
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .map((row) => ({
      label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
      ariaLabel: row.getAttribute('aria-label') ?? '',
      separator: (row.querySelector('.quick-input-list-separator')?.textContent ?? '').trim(),
      icons: [...row.querySelectorAll('.label-name .codicon')].map((i) => [...i.classList].find((c) => c.startsWith('codicon-'))?.slice(8)),
    })));
}

/** The row whose label (codicons aside) is `label` (a string: exactly; or a RegExp). */
export function quickRow(page, label) {
  const match = typeof label === 'string' ? exact(label) : label;
  return page.locator(`${QUICK} .quick-input-list .monaco-list-row`).filter({ has: page.locator('.label-name', { hasText: match }) });
}

/** Waits for the quick input titled `title` (a substring or RegExp) to be shown. */
export async function waitForQuickInput(page, title, timeout = 15000) {
  await page.locator(QUICK).waitFor({ state: 'visible', timeout });
  if (title) await page.locator(`${QUICK} .quick-input-title`, { hasText: title }).waitFor({ state: 'visible', timeout });
}

export async function quickInputInfo(page) {
  const widget = page.locator(QUICK);
  return {
    title: ((await widget.locator('.quick-input-title').textContent()) ?? '').trim(),
    placeholder: (await quickBox(page).getAttribute('placeholder')) ?? '',
    prompt: ((await widget.locator('.quick-input-message').textContent().catch(() => '')) ?? '').trim(),
    type: (await quickBox(page).getAttribute('type')) ?? 'text',
    value: await quickBox(page).inputValue(),
  };
}

/** Types into the open input box (replacing what it holds) and accepts with Enter. */
export async function enterText(page, text) {
  await quickBox(page).fill(text);
  await page.keyboard.press('Enter');
}

/** Filters the open quick pick by `filter` (optional) and clicks the row labelled `label`. */
export async function pickQuickItem(page, label, { filter, timeout = 15000 } = {}) {
  if (filter !== undefined) await quickBox(page).fill(filter);
  const row = quickRow(page, label).first();
  await row.waitFor({ state: 'visible', timeout });
  await row.click();
}

/** F1, the command's title as the palette shows it ("Category: Title"), then that row. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await waitForQuickInput(page);
  await quickBox(page).fill(`>${title}`);
  const row = quickRow(page, title).first();
  await row.waitFor({ state: 'visible', timeout: 15000 });
  await row.click();
}

// ---------------------------------------------------------------------------------------------
// Modal dialogs (vscode.window.show*Message with modal: true)

export function dialog(page) {
  return page.locator(DIALOG);
}

export function dialogButton(page, text) {
  return page.locator(`${DIALOG} .dialog-buttons .monaco-button`, { hasText: exact(text) });
}

/** The open dialog's message, detail (kept in memory only: it may hold a secret) and buttons. */
export async function readDialog(page, timeout = 30000) {
  await page.locator(DIALOG).waitFor({ state: 'visible', timeout });
  return page.locator(DIALOG).evaluate((el) => ({
    message: el.querySelector('.dialog-message-text')?.textContent ?? '',
    detail: el.querySelector('.dialog-message-detail')?.innerText ?? '',
    buttons: [...el.querySelectorAll('.dialog-buttons .monaco-button')].map((b) => b.textContent.trim()),
  }));
}

// ---------------------------------------------------------------------------------------------
// Notifications (toasts in the bottom right)

export function toasts(page) {
  return page.locator('.notification-toast');
}

/** Closes every toast (they stay in the notification centre). */
export async function clearToasts(page) {
  const visible = page.locator('.notification-toast:visible');
  for (let i = 0; i < 10 && (await visible.count()) > 0; i++) {
    const toast = await visible.first().elementHandle();
    if (!toast) return;
    await toast.hover().catch(() => {});
    const clear = await toast.$('.action-label.codicon-notifications-clear');
    if (!clear) return;
    await clear.click().catch(() => {});
    await toast.waitForElementState('hidden', { timeout: 5000 }).catch(() => {});
  }
}

/**
 * Waits for a toast of that severity ('info' | 'warning' | 'error') whose message matches `text`
 * (string or RegExp; optional); returns its locator, message and buttons.
 */
export async function waitForToast(page, { severity, text, timeout = 30000 } = {}) {
  let toast = page.locator('.notification-toast');
  if (severity) toast = toast.filter({ has: page.locator(`.notification-list-item-icon.codicon-${severity}`) });
  if (text) toast = toast.filter({ has: page.locator('.notification-list-item-message', { hasText: text }) });
  toast = toast.first();
  await toast.waitFor({ state: 'visible', timeout });
  return {
    toast,
    message: ((await toast.locator('.notification-list-item-message').textContent()) ?? '').trim(),
    buttons: (await toast.locator('.notification-list-item-buttons-container .monaco-button').allTextContents()).map((b) => b.trim()),
  };
}

/**
 * Waits until no toast shows running progress (a withProgress notification that has finished
 * closes) and every toast has finished fading in: what a screenshot should show.
 */
export async function waitForToastsSettled(page, timeout = 10000) {
  await page.waitForFunction(() => {
    const shown = [...document.querySelectorAll('.notification-toast')].filter((t) => t.offsetParent !== null);
    return shown.every((t) => t.classList.contains('notification-fade-in-done')
      && !t.querySelector('.monaco-progress-container.active:not(.done)'));
  }, undefined, { timeout, polling: 100 });
}

/** Shows a long toast message in full (the toast's expand button). */
export async function expandToast(toast) {
  const expand = toast.locator('.action-label.codicon-notifications-expand');
  if (await expand.count()) {
    await toast.hover();
    await expand.first().click();
    await toast.locator('.action-label.codicon-notifications-collapse').waitFor({ state: 'attached', timeout: 5000 }).catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Status bar

/**
 * The status bar entry of `createStatusBarItem('alibabaCloud.activeProfile', …)`. VS Code 1.100
 * renders it as `div.statusbar-item#<publisher.name>.<id>` holding `a.statusbar-item-label` whose
 * aria-label is the item's accessibilityInformation.label.
 */
export function statusItem(page) {
  const { extensionId } = session();
  return page.locator(`.statusbar-item[id="${extensionId}.${STATUS_ITEM_ID}"]`).first();
}

export async function statusItemInfo(page) {
  const item = statusItem(page);
  await item.waitFor({ state: 'visible', timeout: 60000 });
  const label = item.locator('a.statusbar-item-label');
  const firstThing = await label.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) return `text "${node.textContent.trim()}"`;
      if (node.nodeType === Node.ELEMENT_NODE && node.classList.contains('codicon')) return node.className;
    }
    return 'nothing';
  });
  return {
    id: await item.getAttribute('id'),
    text: (await label.innerText()).trim(),
    ariaLabel: (await label.getAttribute('aria-label')) ?? '',
    firstThing,
    className: (await item.getAttribute('class')) ?? '',
    background: await item.evaluate((el) => getComputedStyle(el).backgroundColor),
  };
}

/** Hovers the status bar item and returns its tooltip's text (the workbench hover). */
export async function statusItemTooltip(page, containing) {
  await statusItem(page).locator('a.statusbar-item-label').hover();
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: containing }).first();
  await hover.waitFor({ state: 'visible', timeout: 10000 });
  return (await hover.innerText()).trim();
}

/** Waits until the status bar item's text is `text`. */
export async function waitForStatusText(page, text, timeout = 15000) {
  await statusItem(page).locator('a.statusbar-item-label', { hasText: exact(text) }).waitFor({ state: 'visible', timeout });
}

// ---------------------------------------------------------------------------------------------
// Activity bar, side bar, view panes, trees

/** Opens the activity bar container titled `title` (does nothing if it is open). */
export async function openContainer(page, title) {
  const tab = page.locator('.activitybar li.action-item[role="tab"]').filter({ has: page.locator(`a[aria-label^="${title.replace(/"/g, '\\"')}"]`) }).first();
  await tab.waitFor({ state: 'visible', timeout: 30000 });
  if ((await tab.getAttribute('aria-selected')) !== 'true' && !(await tab.evaluate((el) => el.classList.contains('checked')))) {
    await tab.click();
  }
  await page.locator('.part.sidebar .composite.title', { hasText: title }).first().waitFor({ state: 'visible', timeout: 15000 }).catch(() => {});
}

/** Drags the side bar's edge so it is `width` pixels wide (room for tree descriptions). */
export async function setSidebarWidth(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || Math.abs(box.width - width) < 4) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (width - box.width) / 2, y, { steps: 4 });
  await page.mouse.move(x + (width - box.width), y, { steps: 4 });
  await page.mouse.up();
  // Away from the sash, and wait for its hover highlight to fade (it would be in a screenshot).
  await page.mouse.move(2, 2);
  await page.waitForFunction(() => !document.querySelector('.monaco-sash.hover, .monaco-sash.active'), undefined, { timeout: 5000 }).catch(() => {});
}

/** The pane of the view named `name` in the side bar. */
export function viewPane(page, name) {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header .title', { hasText: exact(name) }) }).first();
}

/** Expands (true) or collapses (false) a view pane. */
/**
 * A hover left open (the status bar item's tooltip, shown while the item has the focus) lies over
 * the sidebar and takes the click: move away, and if it stays (focus keeps it), Escape closes it.
 */
async function dismissHover(page) {
  const hover = page.locator('.context-view .monaco-hover, .context-view .rendered-markdown').first();
  if (!(await hover.isVisible().catch(() => false))) return;
  await page.mouse.move(700, 5);
  if (await hover.waitFor({ state: 'hidden', timeout: 1000 }).then(() => true, () => false)) return;
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
}

export async function setPaneExpanded(page, name, expanded) {
  const header = viewPane(page, name).locator('.pane-header').first();
  await header.waitFor({ state: 'visible', timeout: 15000 });
  if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) {
    await dismissHover(page);
    await header.click();
  }
  await page.waitForFunction(([el, want]) => el.getAttribute('aria-expanded') === String(want),
    [await header.elementHandle(), expanded], { timeout: 5000 });
}

/** Clicks a view's title button (hovering the header first, which is when VS Code shows them). */
export async function clickViewAction(page, name, actionLabel) {
  const pane = viewPane(page, name);
  await pane.locator('.pane-header').hover();
  const action = pane.locator(`.pane-header .action-label[aria-label="${actionLabel.replace(/"/g, '\\"')}"]`).first();
  await action.waitFor({ state: 'visible', timeout: 10000 });
  await action.click();
}

/** The message a tree view shows above its rows (TreeView.message), or ''. */
export async function viewMessage(pane) {
  return ((await pane.locator('.tree-explorer-viewlet-tree-view .message').textContent().catch(() => '')) ?? '').trim();
}

/** The rendered rows of a pane's tree, in tree order. */
export async function treeRows(pane) {
  return pane.locator('.monaco-list-row[role="treeitem"]').evaluateAll((rows) => rows
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .map((row) => ({
      index: Number(row.dataset.index),
      level: Number(row.getAttribute('aria-level')),
      expanded: row.getAttribute('aria-expanded'),
      label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
      ariaLabel: row.getAttribute('aria-label') ?? '',
    })));
}

/** The row labelled `label` (exact string, or RegExp) at `level` (1 = root). */
export function treeRow(pane, label, level) {
  const match = typeof label === 'string' ? exact(label) : label;
  const rows = level ? pane.locator(`.monaco-list-row[role="treeitem"][aria-level="${level}"]`) : pane.locator('.monaco-list-row[role="treeitem"]');
  return rows.filter({ has: pane.page().locator('.label-name', { hasText: match }) }).first();
}

/** Expands a collapsible row (a click on its twistie) unless it is expanded. */
export async function expandRow(row, timeout = 15000) {
  await row.waitFor({ state: 'visible', timeout });
  if ((await row.getAttribute('aria-expanded')) === 'false') {
    await row.locator('.monaco-tl-twistie').click();
  }
  await row.page().waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout });
}

export async function collapseRow(row, timeout = 15000) {
  await row.waitFor({ state: 'visible', timeout });
  if ((await row.getAttribute('aria-expanded')) === 'true') {
    await row.locator('.monaco-tl-twistie').click();
  }
  await row.page().waitForFunction((el) => el.getAttribute('aria-expanded') === 'false', await row.elementHandle(), { timeout });
}

/** The rows under the row at `parentIndex` (deeper levels, until the next row of its level). */
export function childrenOf(rows, parent) {
  const start = rows.findIndex((r) => r.index === parent.index);
  const out = [];
  for (const row of rows.slice(start + 1)) {
    if (row.level <= parent.level) break;
    if (row.level === parent.level + 1) out.push(row);
  }
  return out;
}

/** Polls `read` until `ok(value)` holds; returns the value (or throws with the last one). */
export async function waitUntil(read, ok, { timeout = 15000, interval = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let value;
  for (;;) {
    value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
