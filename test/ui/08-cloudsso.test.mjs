/* global describe, it, before -- Mocha's BDD interface */
// CloudSSO through the UI: "Sign In with CloudSSO…" from the status bar picker, the demo directory's
// sign-in URL, the code in a dialog, "Copy Code and Open Browser" opening the emulator's approval
// page in a new tab (code-server's openExternal turns the loopback URL into its /proxy/PORT/ path, so
// the page is its root and the code is typed), alice approving there, then an account and an access
// configuration picked: the status bar shows the new profile. No token or STS secret is left on disk.
import assert from 'node:assert/strict';
import path from 'node:path';
import { scanForSecrets } from '../host/secretScan.mjs';
import { strings } from './l10n.mjs';
import { session } from './session.mjs';
import {
  clearToasts, dialogButton, enterText, note, openContainer, pickQuickItem, quickInputInfo, quickRows, readDialog, runCommand, screenshot,
  screenshotFailures, setPaneExpanded, setSidebarWidth, statusItem, statusItemInfo, treeRow, treeRows, viewPane, waitForQuickInput,
  waitForToast, waitUntil,
} from './workbench-ui.mjs';

const ALICE = { userName: 'alice@demo.example', password: 'demo-password-alice-not-real' };

describe('8. CloudSSO: sign in from the status bar, approve in the browser, pick an account', function () {
  this.timeout(120000);
  let page;
  let l10n;
  let secretsBefore;

  before(async function () {
    ({ page } = session());
    l10n = strings();
    secretsBefore = new Set(await emulatorSecrets());
  });

  screenshotFailures('08');

  async function emulatorSecrets() {
    const response = await fetch(`${session().emulatorUrl}/__emulator/secrets`);
    assert.ok(response.ok, 'the emulator lists its secrets');
    return (await response.json()).secrets;
  }

  /**
   * The code dialog: its code, then "Copy Code and Open Browser", and alice approving on the page the
   * browser opened (code-server's proxy of the emulator's root: the code is typed in).
   */
  async function approveInBrowser() {
    const { tr } = l10n;
    const shown = await readDialog(page);
    const userCode = /[A-Z]{4}-[A-Z]{4}/.exec(shown.message)?.[0];
    assert.ok(userCode, `the dialog shows the code: "${shown.message}"`);
    assert.ok(shown.buttons.includes(tr('Copy Code and Open Browser')), `buttons: ${shown.buttons.join(', ')}`);
    note(`dialog: "${shown.message}"`);
    const opened = page.context().waitForEvent('page', { timeout: 30000 });
    await dialogButton(page, tr('Copy Code and Open Browser')).click();
    const portal = await opened;
    await portal.waitForLoadState('domcontentloaded');
    note(`the browser opened ${new URL(portal.url()).pathname}`);
    const codeField = portal.locator('#user_code');
    await codeField.waitFor({ state: 'visible', timeout: 30000 });
    if ((await codeField.inputValue()) !== userCode) await codeField.fill(userCode);
    await portal.locator('#user_name').fill(ALICE.userName);
    await portal.locator('#password').fill(ALICE.password);
    await portal.locator('#approve').click();
    await portal.locator('#notice').waitFor({ state: 'visible', timeout: 15000 });
    note(`the page says: "${(await portal.locator('#notice').innerText()).trim()}"`);
    await portal.close();
    await page.bringToFront();
  }

  it('signs in from the status bar picker with the browser approving on the portal\'s page', async function () {
    const { tr } = l10n;
    const signInUrl = `${session().emulatorUrl}/start/login`;
    await clearToasts(page);
    await statusItem(page).locator('a.statusbar-item-label').click();
    await waitForQuickInput(page, tr('Select Alibaba Cloud Profile'));
    await pickQuickItem(page, tr('Sign In with CloudSSO…'), { filter: 'CloudSSO' });

    await waitForQuickInput(page, tr('Sign In with CloudSSO'));
    const rows = await quickRows(page).catch(() => []);
    if (rows.some((r) => r.label === signInUrl)) {
      await pickQuickItem(page, signInUrl);
    } else {
      if (rows.some((r) => r.label === tr('Enter Another Sign-In URL…'))) await pickQuickItem(page, tr('Enter Another Sign-In URL…'));
      const box = await quickInputInfo(page);
      note(`sign-in URL prompt: "${box.prompt}"`);
      await enterText(page, signInUrl);
    }

    // The code first, in a dialog: the person checks the page shows the same one.
    await approveInBrowser();

    // Every account of alice's (one per page in the demo), then the access configurations of the one picked.
    const title = tr('Sign In with CloudSSO');
    await waitForQuickInput(page, `${title} (1/2)`, 30000);
    const accounts = await waitUntil(() => quickRows(page), (r) => r.length >= 2, { what: 'both of alice\'s accounts' });
    note(`accounts: ${accounts.map((r) => `${r.label} (${r.description})`).join(', ')}`);
    assert.deepEqual(accounts.map((r) => r.label).sort(), ['Demo production', 'Demo staging']);
    await pickQuickItem(page, 'Demo production');
    await waitForQuickInput(page, `${title} (2/2)`);
    const configurations = await waitUntil(() => quickRows(page), (r) => r.length >= 2, { what: 'the access configurations' });
    note(`access configurations: ${configurations.map((r) => `${r.label} (${r.description})`).join(', ')}`);
    assert.deepEqual(configurations.map((r) => r.label), ['ReadOnly', 'Administrator']);
    await pickQuickItem(page, 'ReadOnly');

    const status = await waitUntil(() => statusItemInfo(page), (s) => s.text.startsWith('Demo production/ReadOnly'), { what: 'the status bar to show the CloudSSO profile', timeout: 30000 });
    note(`status bar: "${status.text}"`);
    // The Profiles view beside it: the CloudSSO profile, active.
    const { view, container } = l10n;
    await openContainer(page, container('alibabaCloud'));
    await setSidebarWidth(page, 620);
    const profilesView = view('alibabaCloud.profiles');
    await setPaneExpanded(page, profilesView, true);
    const pane = viewPane(page, profilesView);
    await treeRow(pane, 'Demo production/ReadOnly', 1).waitFor({ state: 'visible', timeout: 15000 });
    note(`Profiles: ${(await treeRows(pane)).map((r) => `"${r.label}" (${r.description})`).join(', ')}`);
    // The RAM and Load Balancers views sign with the profile's temporary credentials.
    for (const id of ['alibabaCloud.ram', 'alibabaCloud.loadBalancers']) {
      await setPaneExpanded(page, view(id), true);
      const rows = await waitUntil(() => treeRows(viewPane(page, view(id))), (r) => r.length > 0, { what: `the ${view(id)} view to list what the access configuration may read`, timeout: 30000 });
      note(`${view(id)}: ${rows.slice(0, 3).map((r) => `"${r.label}"`).join(', ')}…`);
    }
    // The picture: the profile and the RAM view it signs (the load balancers' long list aside).
    await setPaneExpanded(page, view('alibabaCloud.loadBalancers'), false);
    await treeRow(pane, 'Demo production/ReadOnly', 1).scrollIntoViewIfNeeded();
    await screenshot(page, '08-cloudsso-signed-in');
  });

  it('switches to the other account from the status bar picker without signing in again', async function () {
    const { tr } = l10n;
    await clearToasts(page);
    await statusItem(page).locator('a.statusbar-item-label').click();
    await waitForQuickInput(page, tr('Select Alibaba Cloud Profile'));
    await pickQuickItem(page, tr('Switch CloudSSO Account…'), { filter: 'CloudSSO' });
    const title = tr('Switch CloudSSO Account');
    await waitForQuickInput(page, `${title} (1/2)`);
    await waitUntil(() => quickRows(page), (r) => r.length >= 2, { what: 'the accounts' });
    await pickQuickItem(page, 'Demo staging');
    // One access configuration there: taken without asking. Then: this profile, or another one.
    await waitForQuickInput(page, title);
    await pickQuickItem(page, tr('Add a Profile'));
    const status = await waitUntil(() => statusItemInfo(page), (s) => s.text.startsWith('Demo staging/ReadOnly'), { what: 'the status bar to show the new profile', timeout: 30000 });
    note(`status bar: "${status.text}"`);
    // Temporary credentials from the portal: Test Credentials signs with them.
    await clearToasts(page);
    await runCommand(page, l10n.command('alibabaCloud.testCredentials'));
    const testing = l10n.tr('Testing profile "{0}"', 'Demo staging/ReadOnly').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const result = await waitForToast(page, { severity: 'info', text: new RegExp(`^(?!${testing})`), timeout: 60000 });
    note(`Test Credentials: "${result.message}"`);
    assert.match(result.message, /AliyunReservedSSO-ReadOnly|Demo staging|5678901234567890/, 'the test names who the credentials are');
  });

  it('after Sign Out, a command says the sign-in has ended and its "Sign In Again" signs in again', async function () {
    const { tr, command } = l10n;
    const host = new URL(session().emulatorUrl).host;
    await clearToasts(page);
    await runCommand(page, command('alibabaCloud.cloudSso.signOut'));
    await waitForToast(page, { severity: 'info', text: tr('Signed out of CloudSSO at {0}. Its profiles stay; sign in again to use them.', host) });
    note(`status bar after signing out: "${(await statusItemInfo(page)).text}"`);

    await clearToasts(page);
    await runCommand(page, command('alibabaCloud.cloudSso.switch'));
    const hostPattern = new RegExp(host.replace(/\./g, '\\.'));
    let ended = await waitForToast(page, { severity: 'error', text: hostPattern, timeout: 10000 }).catch(() => undefined);
    if (!ended) {
      // Not as a toast (the workbench may keep it in the notification centre): read it there.
      await runCommand(page, 'Notifications: Show Notifications');
      const items = page.locator('.notifications-center .notification-list-item');
      note(`notification centre: ${(await items.allTextContents()).map((x) => `"${x.trim().slice(0, 120)}"`).join(' | ')}`);
      const item = items.filter({ has: page.locator('.notification-list-item-message', { hasText: hostPattern }) }).first();
      await item.waitFor({ state: 'visible', timeout: 10000 });
      ended = {
        toast: item,
        message: ((await item.locator('.notification-list-item-message').textContent()) ?? '').trim(),
        buttons: (await item.locator('.notification-list-item-buttons-container .monaco-button').allTextContents()).map((b) => b.trim()),
      };
    }
    note(`error: "${ended.message}" [${ended.buttons.join(', ')}]`);
    assert.ok(ended.buttons.includes(tr('Sign In Again')), 'the error offers Sign In Again');
    await ended.toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: tr('Sign In Again') }).click();
    await approveInBrowser();
    // A toast, or a line of the notification centre when that is open.
    const again = page.locator('.notification-list-item-message', { hasText: l10n.trPattern('Signed in again to {0}. These profiles work again: {1}.', host, /.*"Demo staging\/ReadOnly".*/) }).first();
    await again.waitFor({ state: 'visible', timeout: 30000 });
    note(`"${(await again.textContent())?.trim()}"`);
    await page.keyboard.press('Escape');
  });

  it('leaves neither the access token nor the temporary credentials in a file', async function () {
    const issued = (await emulatorSecrets()).filter((s) => !secretsBefore.has(s));
    // An access token, and an STS AccessKey secret and security token from /cloud-credentials.
    assert.ok(issued.length >= 3, `the portal issued a token and temporary credentials (${issued.length} secrets)`);
    const { runDir, resultsDir } = session();
    assert.ok(runDir, 'the runner names the run folder');
    const { files, findings } = scanForSecrets({ roots: [runDir, resultsDir], exclude: [path.join(runDir, 'seed.json')], secrets: issued });
    note(`scanned ${files.length} files for ${issued.length} secrets issued during the sign-in`);
    assert.ok(files.length > 10, 'the scan read the run folder');
    assert.deepEqual(findings.map((f) => `${path.relative(runDir, f.file)} (${f.encoding})`), [], 'a token or STS secret in a file');
  });
});
