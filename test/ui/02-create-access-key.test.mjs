/* global describe, it, before -- Mocha's BDD interface */
// Step 2 of issue 6: create a key from the command palette and save it as a profile. The active
// profile (alice, AliyunRAMFullAccess, from step 1) creates a key for carol (one key so far); the
// modal dialog hands the secret over once. No screenshot while it is open: the secret is in it.
import assert from 'node:assert/strict';
import { demo, journey, mask } from './flows.mjs';
import { strings } from './l10n.mjs';
import { session } from './session.mjs';
import {
  clearToasts, dialog, dialogButton, enterText, note, openContainer, pickQuickItem, quickInputInfo, quickRows, readDialog,
  rememberSecret, runCommand, screenshot, screenshotFailures, setPaneExpanded, setSidebarWidth, statusItemInfo, treeRow, treeRows,
  viewPane, waitForQuickInput, waitUntil,
} from './workbench-ui.mjs';

describe('2. Create an AccessKey from the command palette and save it as a profile', function () {
  let page;
  let l10n;
  const user = 'carol';
  const profileName = 'carol-new';

  before(function () {
    ({ page } = session());
    l10n = strings();
    assert.ok(demo.user(user).accessKeys.length < 2, `${user} has room for another key`);
  });

  screenshotFailures('02');

  it('runs "Create AccessKey…" from the palette and picks a RAM user', async function () {
    const { tr, command } = l10n;
    const status = await statusItemInfo(page);
    assert.equal(status.text, 'alice · cn-shanghai', 'step 1 left alice (RAM full access) active');
    await clearToasts(page);

    await runCommand(page, command('alibabaCloud.ram.createAccessKey'));
    await waitForQuickInput(page, tr('Create AccessKey for…'));
    // Users stream in: wait until every demo user is offered (after "My own AccessKeys").
    const rows = await waitUntil(() => quickRows(page), (r) => demo.users.every((u) => r.some((row) => row.label === u)),
      { what: 'every RAM user in the picker' });
    const info = await quickInputInfo(page);
    note(`"${info.title}", placeholder "${info.placeholder}"; rows: ${rows.map((r) => `"${r.label}"`).join(', ')}`);
    assert.equal(rows[0].label, tr('My own AccessKeys'));
    assert.equal(info.placeholder, tr('Pick a RAM user (type to search by name or display name)'));
    await pickQuickItem(page, user, { filter: user });
  });

  it('asks before creating the key, naming the user', async function () {
    const { tr } = l10n;
    const asked = await readDialog(page);
    note(`dialog: "${asked.message}" — "${asked.detail}"; buttons: ${asked.buttons.join(', ')}`);
    assert.equal(asked.message, tr('Create a new AccessKey for {0}?', tr('RAM user {0}', user)));
    assert.ok(asked.detail.includes(tr('Its secret is shown once, in the next dialog, where you choose where to keep it.')));
    await dialogButton(page, tr('Create AccessKey')).click();
    // The next dialog (the secret's) follows at once: wait for its message, not for a gap.
    await waitUntil(async () => ((await dialog(page).count()) ? (await readDialog(page, 5000)).message : ''), (m) => m && m !== asked.message,
      { what: 'the dialog with the new secret' });
  });

  it('shows the new secret once in a modal dialog: Save as Profile, Copy Secret, Save CSV…', async function () {
    const { tr, trPattern } = l10n;
    const shown = await readDialog(page);
    const message = shown.message.match(trPattern('AccessKey {0} was created for {1}. Its secret is available only now.', /(LTAI[A-Za-z0-9]+)/, tr('RAM user {0}', user)));
    assert.ok(message, `the dialog names the new key and its owner: "${shown.message}"`);
    const accessKeyId = message[1];
    const secretLine = new RegExp(`^${trPattern('AccessKey secret: {0}', /(\S+)/).source}$`);
    const secret = shown.detail.split('\n').map((line) => line.trim().match(secretLine)?.[1]).find(Boolean);
    assert.ok(secret, 'the detail shows the secret on a line of its own');
    assert.ok(secret.length >= 16 && !secret.includes(tr('Alibaba Cloud never shows an AccessKey secret again: if it is lost, create a new key and delete this one. Keep it confidential; do not put it in code or share it.').slice(0, 8)), 'only the secret');
    rememberSecret(secret); // never printed; screenshots refuse to show it
    journey.createdKey = { accessKeyId, userName: user };
    note(`dialog: "${shown.message}" (the secret, ${secret.length} characters, is in the detail); buttons: ${shown.buttons.join(', ')}`);
    assert.ok(shown.detail.includes(tr('Alibaba Cloud never shows an AccessKey secret again: if it is lost, create a new key and delete this one. Keep it confidential; do not put it in code or share it.')));
    for (const button of [tr('Save as Profile'), tr('Copy Secret'), tr('Save CSV…')]) assert.ok(shown.buttons.includes(button), `button "${button}"`);
    assert.ok(!shown.buttons.includes(tr('Done')), '"Done" only once the secret is saved somewhere');
  });

  it('saves it as a profile, then closes the dialog with Done', async function () {
    const { tr } = l10n;
    const { accessKeyId } = journey.createdKey;
    await dialogButton(page, tr('Save as Profile')).click();
    await waitForQuickInput(page, tr('Save the new AccessKey as a profile'));
    const info = await quickInputInfo(page);
    note(`"${info.title}": "${info.prompt.split(' (')[0]}", proposed "${info.value}"`);
    assert.equal(info.value, `${user}-${accessKeyId.slice(-4)}`, 'proposes <user>-<last 4 of the key ID>');
    await enterText(page, profileName);

    await dialogButton(page, tr('Done')).waitFor({ state: 'visible', timeout: 15000 });
    const again = await readDialog(page);
    note(`dialog again, buttons: ${again.buttons.join(', ')}`);
    assert.ok(again.detail.includes(tr('Saved as profile "{0}".', profileName)), 'the dialog says where the secret went');
    assert.ok(!again.buttons.includes(tr('Save as Profile')), 'Save as Profile is offered once');
    await dialogButton(page, tr('Done')).click();
    await dialog(page).waitFor({ state: 'detached', timeout: 10000 });
    journey.createdKey.profileName = profileName;
  });

  it('shows the new profile in the Profiles view (not active; alice still is)', async function () {
    const { tr, view, container } = l10n;
    const { accessKeyId } = journey.createdKey;
    await openContainer(page, container('alibabaCloud'));
    await setSidebarWidth(page, 620);
    const profilesView = view('alibabaCloud.profiles');
    await setPaneExpanded(page, profilesView, true);
    const pane = viewPane(page, profilesView);
    await treeRow(pane, profileName, 1).waitFor({ state: 'visible', timeout: 15000 });
    const rows = await treeRows(pane);
    note(`Profiles: ${rows.map((r) => `"${r.label}" (${r.description})`).join(', ')}`);
    const row = rows.find((r) => r.label === profileName);
    assert.ok(row.description.includes(mask(accessKeyId)), `the row shows the masked key ${mask(accessKeyId)}`);
    assert.ok(row.description.includes('cn-shanghai'), 'in the region of the profile that created it');
    assert.ok(!row.description.includes(tr('active')), 'saving a key does not switch profiles');
    assert.ok(rows.find((r) => r.label === 'alice').description.includes(tr('active')));
    assert.equal((await statusItemInfo(page)).text, 'alice · cn-shanghai');
    await treeRow(pane, profileName, 1).click(); // selected (highlighted) in the picture; a click does not activate it
    assert.equal((await statusItemInfo(page)).text, 'alice · cn-shanghai');
    await screenshot(page, '02-create-access-key-saved');
  });
});
