/* global describe, it, before -- Mocha's BDD interface */
// Step 5 of issue 6: run a failing test and read its diagnosis. A profile with a wrong secret for a
// demo key: "Test Credentials" says only the secret is wrong and names the key masked; then the
// demo's disabled key: the test says it is disabled and finds its owner through the other profiles.
import assert from 'node:assert/strict';
import { addProfile, demo, mask } from './flows.mjs';
import { strings } from './l10n.mjs';
import { session } from './session.mjs';
import {
  clearToasts, expandToast, note, openContainer, runCommand, screenshot, screenshotFailures, setPaneExpanded, statusItemInfo,
  treeRows, viewPane, waitForToast, waitForToastsSettled,
} from './workbench-ui.mjs';

describe('5. A failing Test Credentials and its diagnosis', function () {
  let page;
  let l10n;
  const bob = demo.user('bob').accessKeys[0];
  const daveInactive = demo.user('dave').accessKeys.find((k) => k.status === 'Inactive');

  before(async function () {
    ({ page } = session());
    l10n = strings();
    // The Profiles view beside the diagnosis: every profile, the failed one marked.
    const { view, container } = l10n;
    await openContainer(page, container('alibabaCloud'));
    await setPaneExpanded(page, view('alibabaCloud.ram'), false);
    await setPaneExpanded(page, view('alibabaCloud.loadBalancers'), false);
    await setPaneExpanded(page, view('alibabaCloud.profiles'), true);
  });

  async function showResult(toast, name) {
    await waitForToastsSettled(page); // the test's progress notification has closed
    await expandToast(toast);
    await waitForToastsSettled(page);
    const rows = await treeRows(viewPane(page, l10n.view('alibabaCloud.profiles')));
    note(`Profiles: ${rows.map((r) => `"${r.label}" (${r.description})`).join(', ')}`);
    await screenshot(page, name);
  }

  screenshotFailures('05');

  async function runTest(profileName, expect) {
    const { tr, command } = l10n;
    await clearToasts(page);
    await runCommand(page, command('alibabaCloud.testCredentials'));
    const result = await waitForToast(page, { severity: 'error', text: tr('Profile "{0}" ({1}) does not work.', profileName, expect.masked) });
    note(`notification: "${result.message}"`);
    note(`buttons: ${result.buttons.join(', ')}`);
    // Never the full AccessKey ID, never a secret, never the string to sign the service echoes.
    assert.ok(!result.message.includes(expect.accessKeyId), 'the AccessKey ID is masked');
    assert.ok(!/server string to sign/i.test(result.message), 'nothing of the signed request');
    return result;
  }

  it('diagnoses a wrong secret: "the secret does not match" the masked AccessKey ID', async function () {
    const { tr } = l10n;
    await clearToasts(page);
    // The right key, a secret with one character changed (as a mistyped paste would be).
    const wrong = `${bob.accessKeySecret.slice(0, -1)}${bob.accessKeySecret.endsWith('9') ? '8' : '9'}`;
    await addProfile(page, { name: 'bob-typo', accessKeyId: bob.accessKeyId, secret: wrong, regionId: 'cn-hangzhou' });
    const masked = mask(bob.accessKeyId);
    const { toast, message, buttons } = await runTest('bob-typo', { masked, accessKeyId: bob.accessKeyId });
    assert.ok(message.includes(tr('The AccessKey secret does not match the AccessKey ID {0}. Enter the secret again: check for stray spaces or a secret from an older key.', masked)));
    assert.ok(message.includes(tr('Alibaba Cloud knows this AccessKey ID, so only the secret is wrong.')));
    assert.ok(message.includes(masked), `shows the masked key ${masked}`);
    assert.ok(!message.includes(wrong) && !message.includes(bob.accessKeySecret), 'no secret in the message');
    assert.ok(buttons.includes(tr('Edit Profile')), 'offers the fix: Edit Profile');
    const status = await statusItemInfo(page);
    note(`status bar: "${status.text}" (class "${status.className}", ${status.background})`);
    assert.equal(status.text, 'bob-typo · cn-hangzhou');
    assert.match(status.className, /\berror-kind\b/, 'the status bar item turns red after a failed test');
    await showResult(toast, '05-test-credentials-wrong-secret');
  });

  it('diagnoses a disabled key and finds its owner through the other profiles', async function () {
    const { tr, trPattern } = l10n;
    await clearToasts(page);
    await addProfile(page, { name: 'dave-old', accessKeyId: daveInactive.accessKeyId, secret: daveInactive.accessKeySecret, regionId: 'cn-hangzhou' });
    const masked = mask(daveInactive.accessKeyId);
    const { toast, message, buttons } = await runTest('dave-old', { masked, accessKeyId: daveInactive.accessKeyId });
    assert.ok(message.includes(tr('The AccessKey {0} is disabled. Enable it in RAM (from another profile or the console), or use another key.', masked)));
    assert.ok(message.includes(tr('It belongs to RAM user {0} of account {1}.', 'dave', demo.accountId))
      || message.includes(tr('It belongs to RAM user {0}.', 'dave')), 'names the owner, dave');
    const via = message.match(trPattern('Profile "{0}" can see it and may be able to enable it.', /([A-Za-z0-9._-]+)/));
    assert.ok(via && ['alice', 'frank'].includes(via[1]), `found through a profile with RAM read access: ${via?.[1]}`);
    assert.ok(buttons.includes(tr('Enable Key (as "{0}")', via[1])), 'offers to enable it with that profile');
    await showResult(toast, '05-test-credentials-disabled-key');
  });
});
