/* global describe, it, before -- Mocha's BDD interface */
// Step 3 of issue 6: expand RAM users and keys. The RAM Users view of the active profile (alice):
// the account, "RAM Users" with every user, and the keys of two users: carol (her demo key and the
// one step 2 created, held by profile "carol-new") and dave (an old active key and an inactive one).
import assert from 'node:assert/strict';
import { demo, journey } from './flows.mjs';
import { strings } from './l10n.mjs';
import { session } from './session.mjs';
import {
  childrenOf, clearToasts, clickViewAction, collapseRow, expandRow, expandToast, note, openContainer, screenshot, screenshotFailures, setPaneExpanded,
  setSidebarWidth, treeRow, treeRows, viewPane, waitForToast, waitForToastsSettled, waitUntil,
} from './workbench-ui.mjs';

describe('3. Expand RAM users and their AccessKeys', function () {
  let page;
  let l10n;
  let pane;

  before(function () {
    ({ page } = session());
    l10n = strings();
  });

  screenshotFailures('03');

  it('opens the Alibaba Cloud side bar on the RAM Users view', async function () {
    const { view, container } = l10n;
    await clearToasts(page);
    await openContainer(page, container('alibabaCloud'));
    await setSidebarWidth(page, 620);
    // Room for the RAM tree: the other two views folded.
    await setPaneExpanded(page, view('alibabaCloud.profiles'), false);
    await setPaneExpanded(page, view('alibabaCloud.loadBalancers'), false);
    await setPaneExpanded(page, view('alibabaCloud.ram'), true);
    pane = viewPane(page, view('alibabaCloud.ram'));
  });

  it('expands the account and "RAM Users": every user of the account', async function () {
    const { tr } = l10n;
    const account = treeRow(pane, tr('Account {0}', demo.accountId), 1);
    await expandRow(account);
    const users = treeRow(pane, tr('RAM Users'), 2);
    await expandRow(users);
    // Loaded when the count of users is the description.
    const rows = await waitUntil(() => treeRows(pane),
      (r) => r.find((row) => row.level === 2 && row.label === tr('RAM Users'))?.description === String(demo.users.length),
      { what: `"${tr('RAM Users')}" to show ${demo.users.length}` });
    const accountRow = rows.find((r) => r.level === 1);
    note(`"${accountRow.label}" (${accountRow.description})`);
    assert.equal(accountRow.description, tr('RAM user {0}', 'alice'), 'signed in as the active profile\'s user');
    const ownKeys = rows.find((r) => r.level === 2 && r.label === tr('My AccessKeys'));
    assert.ok(ownKeys, `"${tr('My AccessKeys')}" is offered`);
    const listed = childrenOf(rows, rows.find((r) => r.level === 2 && r.label === tr('RAM Users'))).map((r) => r.label);
    note(`users: ${listed.join(', ')}`);
    assert.deepEqual(listed, demo.users.slice(0, listed.length), 'users in the account\'s order');
    assert.ok(listed.length >= Math.min(demo.users.length, 8), 'the users are shown');
  });

  it('expands carol: her demo key and the key created in step 2, held by profile "carol-new"', async function () {
    const { tr } = l10n;
    const carol = treeRow(pane, 'carol', 3);
    await expandRow(carol);
    const expected = demo.user('carol').accessKeys.length + (journey.createdKey ? 1 : 0);
    const rows = await waitUntil(() => treeRows(pane), (r) => {
      const parent = r.find((row) => row.level === 3 && row.label === 'carol');
      return parent && childrenOf(r, parent).length === expected && childrenOf(r, parent).every((k) => !k.description.includes(l10n.tr('last use …')));
    }, { what: `carol's ${expected} keys` });
    const parent = rows.find((row) => row.level === 3 && row.label === 'carol');
    const keys = childrenOf(rows, parent);
    note(`carol (${parent.description}): ${keys.map((k) => `${k.label} [${k.description}]`).join('; ')}`);
    const demoKey = keys.find((k) => k.label === demo.user('carol').accessKeys[0].accessKeyId);
    assert.ok(demoKey, 'her demo key is listed');
    assert.ok(demoKey.description.includes(tr('Active')) && demoKey.description.includes(tr('never used')), 'active, never used');
    assert.equal(demoKey.ariaLabel, `${demoKey.label}, ${demoKey.description}`, 'a key row reads as its ID and description');
    assert.equal(parent.ariaLabel, `${parent.label}, ${parent.description}`, 'a user row reads as its name and description, not its tooltip');
    if (journey.createdKey) {
      const created = keys.find((k) => k.label === journey.createdKey.accessKeyId);
      assert.ok(created, 'the key created in step 2 is listed');
      assert.ok(created.description.includes(tr('profile {0}', `"${journey.createdKey.profileName}"`)), 'it names the profile that holds it');
      assert.ok(parent.description.includes(tr('{0} keys (the limit)', 2)), 'carol is marked as at the two-key limit');
    }
  });

  it('expands dave: an old active key and an inactive one', async function () {
    const { tr } = l10n;
    const daveKeys = demo.user('dave').accessKeys;
    await expandRow(treeRow(pane, 'dave', 3));
    const rows = await waitUntil(() => treeRows(pane), (r) => {
      const parent = r.find((row) => row.level === 3 && row.label === 'dave');
      return parent && childrenOf(r, parent).length === daveKeys.length && childrenOf(r, parent).every((k) => !k.description.includes(l10n.tr('last use …')));
    }, { what: 'dave\'s keys' });
    const parent = rows.find((row) => row.level === 3 && row.label === 'dave');
    const keys = childrenOf(rows, parent);
    note(`dave (${parent.description}): ${keys.map((k) => `${k.label} [${k.description}]`).join('; ')}`);
    for (const key of daveKeys) {
      const row = keys.find((k) => k.label === key.accessKeyId);
      assert.ok(row, `${key.accessKeyId} is listed`);
      assert.ok(row.description.includes(key.status === 'Inactive' ? tr('Inactive') : tr('Active')), `${key.accessKeyId} is ${key.status}`);
    }
    assert.ok(keys.some((k) => k.description.startsWith('⚠')), 'the old, long unused key carries a warning');
    await screenshot(page, '03-ram-users-keys');
  });

  it('runs "Check All AccessKeys" from the title bar: users whose keys need attention are marked without expanding them', async function () {
    const { tr, trPattern, view, nls } = l10n;
    await collapseRow(treeRow(pane, 'carol', 3));
    await collapseRow(treeRow(pane, 'dave', 3));
    await clearToasts(page);
    await clickViewAction(page, view('alibabaCloud.ram'), nls('command.ram.checkAllKeys'));
    const keysInDemo = demo.users.reduce((n, name) => n + demo.user(name).accessKeys.length, 0) + (journey.createdKey ? 1 : 0);
    // alice may generate the account's credential report: the whole check comes from it.
    const checked = trPattern('Checked {0} AccessKeys of {1} RAM users from the credential report of {2}.', String(keysInDemo), String(demo.users.length), /.+/);
    const { toast, message } = await waitForToast(page, { severity: 'info', text: checked });
    note(`summary: "${message}"`);
    const rows = await waitUntil(() => treeRows(pane), (r) => r.some((row) => row.level === 3 && row.label === 'erin' && row.description.startsWith('⚠')),
      { what: 'erin (a key from 2019, never expanded) marked ⚠' });
    const users = childrenOf(rows, rows.find((r) => r.level === 2 && r.label === tr('RAM Users')));
    note(`users: ${users.map((u) => `${u.label} [${u.description}]`).join('; ')}`);
    const erin = users.find((u) => u.label === 'erin');
    assert.ok(erin.description.includes(tr('1 key')), 'erin\'s key count shows without expanding her');
    // Every demo key is older than 90 days: each user with a key is flagged, a user without none.
    for (const name of demo.users) {
      const row = users.find((u) => u.label === name);
      const keys = demo.user(name).accessKeys.length;
      assert.equal(row.description.startsWith('⚠'), keys > 0, `${name} (${keys} keys): "${row.description}"`);
      if (keys === 0) {
        assert.ok(row.description.includes(tr('no keys')), `${name}: shows that it has no key`);
      }
    }
    await waitForToastsSettled(page);
    await expandToast(toast);
    await screenshot(page, '03-ram-check-all-keys');
  });
});
