/* global describe, it, before -- Mocha's BDD interface */
// A RAM user for the work instead of a broad key: Create RAM User and AccessKey… from the palette,
// signed by alice (RAM full access). The name is checked as it is typed, two read-only policies
// are picked, the modal asks once; the new secret is shown once and saved as a profile, which is
// then tested. The emulator then holds the user with exactly those policies and one key.
import assert from 'node:assert/strict';
import { strings } from './l10n.mjs';
import { session } from './session.mjs';
import {
  clearToasts, dialog, dialogButton, enterText, expandToast, note, openContainer, quickInput, quickInputInfo, quickRow, quickRows,
  readDialog, rememberSecret, runCommand, screenshot, screenshotFailures, setPaneExpanded, statusItem, statusItemInfo, treeRow, viewPane,
  waitForQuickInput, waitForStatusText, waitForToast, waitForToastsSettled, waitUntil,
} from './workbench-ui.mjs';

describe('9. Create a RAM user and its AccessKey, and use it as a profile', function () {
  let page;
  let l10n;
  let emulatorUrl;
  const userName = 'ui-deploy-bot';
  const displayName = 'UI Deploy Bot 部署';
  const policies = ['AliyunSLBReadOnlyAccess', 'AliyunRAMReadOnlyAccess'];
  const profileName = 'ui-deploy-bot-key';
  const created = {};

  const cloudUser = async () => {
    const state = await (await fetch(`${emulatorUrl}/__emulator/state`)).json();
    return state.accounts.flatMap((a) => a.users).find((u) => u.userName === userName);
  };
  /** Waits until the open input box asks `prompt` (the steps share one title). */
  const waitForPrompt = (prompt) => waitUntil(() => quickInputInfo(page).catch(() => ({ prompt: '' })), (i) => i.prompt.includes(prompt), { what: `the prompt "${prompt}"` });

  before(async function () {
    ({ page, emulatorUrl } = session());
    l10n = strings();
    assert.equal(await cloudUser(), undefined, `the demo data has no RAM user ${userName} yet`);
    // alice (AliyunRAMFullAccess) signs the calls: a RAM user, so the root guard stays out of the way.
    await clearToasts(page);
    await statusItem(page).locator('a.statusbar-item-label').click();
    await waitForQuickInput(page, l10n.tr('Select Alibaba Cloud Profile'));
    await quickRow(page, 'alice').click();
    await waitForStatusText(page, 'alice · cn-shanghai');
    await page.mouse.move(2, 2); // no status bar hover left over for the picture
  });

  screenshotFailures('09');

  it('asks for the user name, refusing one RAM would refuse, then the display name', async function () {
    const { tr, command } = l10n;
    const title = tr('Create RAM User and AccessKey');
    await runCommand(page, command('alibabaCloud.ram.createRamUserAndKey'));
    await waitForQuickInput(page, title);
    const first = await waitForPrompt(tr('The RAM user\'s name (its logon name): 1–64 letters, digits and . @ _ -'));
    note(`"${first.title}": "${first.prompt}", placeholder "${first.placeholder}"`);

    const box = page.locator('.quick-input-widget .quick-input-box input').first();
    await box.fill('deploy bot');
    const refused = await waitForPrompt(tr('A RAM user name may contain only letters (A–Z, a–z), digits and . @ _ -'));
    note(`"deploy bot": "${refused.prompt}"`);
    await page.keyboard.press('Enter');
    assert.ok((await quickInputInfo(page)).prompt.includes(tr('A RAM user name may contain only letters (A–Z, a–z), digits and . @ _ -')), 'Enter does not take a refused name');
    await enterText(page, userName);

    const second = await waitForPrompt(tr('Its display name, shown in the console'));
    assert.equal(second.value, userName, 'the display name starts as the user name');
    await enterText(page, displayName);
  });

  it('offers system policies with what each allows, and takes two of them', async function () {
    const { tr } = l10n;
    await waitUntil(() => quickInputInfo(page).catch(() => ({ placeholder: '' })), (i) => i.placeholder === tr('What may the new RAM user do? Pick only what the work needs.'),
      { what: 'the policy picker' });
    const rows = await quickRows(page);
    note(`policies offered: ${rows.map((r) => `${r.icons.includes('warning') ? '⚠ ' : ''}${r.label}`).join(', ')}`);
    for (const name of policies) assert.ok(rows.some((r) => r.label === name), `${name} is offered`);
    assert.ok(rows.find((r) => r.label === 'AdministratorAccess')?.icons.includes('warning'), 'a broad policy is marked');
    for (const name of policies) {
      const row = quickRow(page, name).first();
      const checkbox = row.locator('.quick-input-list-checkbox');
      await ((await checkbox.count()) ? checkbox.first() : row).click();
      await waitUntil(() => row.evaluate((el) => el.getAttribute('aria-checked') ?? el.querySelector('input[type=checkbox]')?.checked?.toString() ?? ''),
        (checked) => checked === 'true', { what: `${name} checked` });
    }
    await page.locator('.quick-input-widget .quick-input-box input').first().focus();
    await page.keyboard.press('Enter');
  });

  it('asks once before creating anything, naming the user and the policies', async function () {
    const { tr } = l10n;
    const asked = await readDialog(page);
    note(`dialog: "${asked.message}"; buttons: ${asked.buttons.join(', ')}`);
    const messages = [policies, [...policies].reverse()].map((p) => tr('Create RAM user {0} with {1}, and an AccessKey for it?', userName, p.join(', ')));
    assert.ok(messages.includes(asked.message), `the dialog names the user and both policies: "${asked.message}"`);
    assert.ok(asked.detail.includes(tr('The user may do only what these policies allow.')), 'no broad policy, no warning');
    assert.equal(await cloudUser(), undefined, 'nothing was created before the answer');
    await dialogButton(page, tr('Create RAM User')).click();
    await waitUntil(async () => ((await dialog(page).count()) ? (await readDialog(page, 5000)).message : ''), (m) => m && m !== asked.message,
      { what: 'the dialog with the new secret', timeout: 30000 });
  });

  it('shows the new secret once and saves it as a profile', async function () {
    const { tr, trPattern } = l10n;
    const shown = await readDialog(page);
    const message = shown.message.match(trPattern('AccessKey {0} was created for {1}. Its secret is available only now.', /(LTAI[A-Za-z0-9]+)/, tr('RAM user {0}', userName)));
    assert.ok(message, `the dialog names the new key and its user: "${shown.message}"`);
    created.accessKeyId = message[1];
    const secretLine = new RegExp(`^${trPattern('AccessKey secret: {0}', /(\S+)/).source}$`);
    const secret = shown.detail.split('\n').map((line) => line.trim().match(secretLine)?.[1]).find(Boolean);
    assert.ok(secret, 'the detail shows the secret on a line of its own');
    rememberSecret(secret); // never printed; screenshots refuse to show it
    note(`dialog: "${shown.message}"; buttons: ${shown.buttons.join(', ')}`);

    await dialogButton(page, tr('Save as Profile')).click();
    await waitForQuickInput(page, tr('Save the new AccessKey as a profile'));
    assert.equal((await quickInputInfo(page)).value, `${userName}-${created.accessKeyId.slice(-4)}`, 'proposes <user>-<last 4 of the key ID>');
    await enterText(page, profileName);
    await dialogButton(page, tr('Done')).waitFor({ state: 'visible', timeout: 15000 });
    assert.ok((await readDialog(page)).detail.includes(tr('Saved as profile "{0}".', profileName)));
    await dialogButton(page, tr('Done')).click();
    await dialog(page).waitFor({ state: 'detached', timeout: 10000 });
  });

  it('tests the new profile: it works as the new RAM user', async function () {
    const { tr, trPattern } = l10n;
    const result = await waitForToast(page, { severity: 'info', text: trPattern('Profile "{0}" works: {1} {2}', profileName, /[\s\S]*/, /[\s\S]*/), timeout: 60000 });
    note(`notification: "${result.message}"`);
    assert.ok(result.message.includes(tr('RAM user {0} of account {1}', userName, '1234567890123456')), 'the key is the new user\'s');
    assert.ok(!result.message.includes(created.accessKeyId), 'the AccessKey ID is masked');
    assert.equal((await statusItemInfo(page)).text, 'alice · cn-shanghai', 'the new profile is saved, not switched to');
    assert.equal(await quickInput(page).isVisible(), false);
    const { view, container } = l10n;
    await openContainer(page, container('alibabaCloud'));
    // Earlier steps (CloudSSO sign-in) added profiles: the RAM view makes room so the list shows the new one.
    await setPaneExpanded(page, view('alibabaCloud.ram'), false);
    await setPaneExpanded(page, view('alibabaCloud.loadBalancers'), false);
    await setPaneExpanded(page, view('alibabaCloud.profiles'), true);
    const row = treeRow(viewPane(page, view('alibabaCloud.profiles')), profileName, 1);
    await row.waitFor({ state: 'visible', timeout: 15000 });
    await row.click(); // highlighted in the picture; a click does not switch to it
    assert.equal((await statusItemInfo(page)).text, 'alice · cn-shanghai');
    await waitForToastsSettled(page);
    await expandToast(result.toast);
    await waitForToastsSettled(page);
    await screenshot(page, '09-new-ram-user-tested');
  });

  it('left the user in the cloud with exactly the two policies and one key', async function () {
    const user = await cloudUser();
    assert.ok(user, `RAM user ${userName} exists`);
    note(`emulator: ${user.userName} ("${user.displayName}"), policies ${user.policies.join(', ')}, ${user.accessKeys.length} key(s)`);
    assert.equal(user.displayName, displayName);
    assert.deepEqual([...user.policies].sort(), [...policies].sort());
    assert.deepEqual(user.accessKeys.map((k) => k.accessKeyId), [created.accessKeyId]);
  });
});
