/* global describe, it, before -- Mocha's BDD interface */
// A role profile through the UI: Add Profile… → Role, alice (who may assume roles) as the source,
// the demo's `deployer` role picked from the roles alice can list, the defaults taken; then Test
// Credentials in its three stages, and the status bar's countdown once the role was assumed.
import assert from 'node:assert/strict';
import { strings } from './l10n.mjs';
import { session } from './session.mjs';
import {
  clearToasts, enterText, expandToast, note, pickQuickItem, quickInputInfo, quickRows, runCommand, screenshot, screenshotFailures,
  statusItemInfo, waitForQuickInput, waitForStatusText, waitForToast, waitForToastsSettled, waitUntil,
} from './workbench-ui.mjs';

describe('7. A role profile: assume a role with a key, renewed for you', function () {
  let page;
  let l10n;
  const name = 'alice-deployer';

  before(function () {
    ({ page } = session());
    l10n = strings();
  });

  screenshotFailures('07');

  it('adds a role profile from the command palette: Role, the source, a role the source can see', async function () {
    const { tr, command } = l10n;
    await clearToasts(page);
    await runCommand(page, command('alibabaCloud.addProfile'));
    await waitForQuickInput(page, tr('Add Alibaba Cloud Profile'));
    await pickQuickItem(page, tr('Role'));
    const title = tr('Add Role Profile');

    await waitForQuickInput(page, `${title} (1/8)`);
    await enterText(page, name);
    await waitForQuickInput(page, `${title} (2/8)`);
    await pickQuickItem(page, 'alice', { filter: 'alice' });

    await waitForQuickInput(page, `${title} (3/8)`);
    const roles = await waitUntil(() => quickRows(page), (rows) => rows.some((r) => r.label === 'deployer'), { what: 'the roles alice can list' });
    note(`roles offered: ${roles.map((r) => r.label).join(', ')}`);
    assert.ok(roles.some((r) => r.label === tr('Enter a Role ARN…')), 'an ARN can be typed instead');
    await pickQuickItem(page, 'deployer', { filter: 'deployer' });

    await waitForQuickInput(page, `${title} (4/8)`);
    const sessionStep = await quickInputInfo(page);
    assert.ok(sessionStep.value.length >= 2, `a session name is proposed: "${sessionStep.value}"`);
    await enterText(page, sessionStep.value);
    await waitForQuickInput(page, `${title} (5/8)`);
    assert.equal((await quickInputInfo(page)).value, '3600', 'an hour by default');
    await enterText(page, '3600');
    await waitForQuickInput(page, `${title} (6/8)`);
    await enterText(page, '');
    await waitForQuickInput(page, `${title} (7/8)`);
    await pickQuickItem(page, 'cn-shanghai', { filter: 'cn-shanghai' });
    await waitForQuickInput(page, `${title} (8/8)`);
    await pickQuickItem(page, tr('No label'));

    await waitForStatusText(page, `${name} · cn-shanghai`);
    note(`status bar: "${(await statusItemInfo(page)).text}"`);
  });

  it('tests it: the source, AssumeRole, then the role\'s own identity and SLB', async function () {
    const { tr, command } = l10n;
    await clearToasts(page);
    await runCommand(page, command('alibabaCloud.testCredentials'));
    const result = await waitForToast(page, { severity: 'info', text: tr('It may assume role {0} (for {1} seconds).', 'deployer', 3600) });
    note(`notification: "${result.message}"`);
    assert.ok(result.message.includes(tr('Source profile "{0}" is {1}.', 'alice', tr('RAM user {0} of account {1}', 'alice', '1234567890123456'))), 'stage 1: the source');
    assert.match(result.message, /deployer\//, 'stage 3: the role session');
    await waitForToastsSettled(page);
    await expandToast(result.toast);
  });

  it('shows the time left in the status bar once the role was assumed', async function () {
    const status = await waitUntil(() => statusItemInfo(page), (s) => /\d+ (min|分钟)/.test(s.text), { what: 'the countdown' });
    note(`status bar: "${status.text}"`);
    assert.ok(status.text.startsWith(`${name} · cn-shanghai · `));
    await screenshot(page, '07-role-profile-tested');
  });
});
