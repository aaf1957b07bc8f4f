// The root key guard in the real window (seeds/credentialReport.json): a profile whose test found
// the account's own key is marked root in the status bar, its tooltip and the Profiles view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCredentialsResult } from '../../src/commands/testCredentials';
import { addProfile } from './helpers';
import { api } from './profilesFixtures';
import { waitFor } from './ramFixtures';

describe('Root key guard on a root profile', () => {
  it('marks a tested root profile everywhere, and a RAM user\'s profile nowhere', async () => {
    const root = await addProfile('rep-root', 'LTAI5tRepRoot00000000001', 'rep-secret-root-not-real-000001');
    const user = await addProfile('rep-user', 'LTAI5tRepAdmin0000000001', 'rep-secret-admin-not-real-00001');
    for (const p of [root, user]) {
      const result = await vscode.commands.executeCommand<TestCredentialsResult>('alibabaCloud.testCredentials', { profileId: p.id });
      assert.ok(result);
    }
    await vscode.commands.executeCommand('alibabaCloud.selectProfile', { profileId: root.id });
    const exportsApi = await api();
    await waitFor(() => /root/.test(exportsApi.profiles.statusBar.snapshot().text), `status bar: ${exportsApi.profiles.statusBar.snapshot().text}`);
    const bar = exportsApi.profiles.statusBar.snapshot();
    assert.match(bar.text, new RegExp(`${root.name} .*\\$\\(warning\\) root`));
    assert.match(bar.tooltip, /root AccessKey: it can do everything/);
    assert.ok(bar.background, 'the status bar stands out');
    assert.match(bar.accessibilityLabel ?? '', /root AccessKey/);
    const rows = await exportsApi.profiles.view.snapshot();
    const rootRow = rows.find((r) => r.label === root.name);
    const userRow = rows.find((r) => r.label === user.name);
    assert.match(rootRow?.description ?? '', /· root$/);
    assert.doesNotMatch(userRow?.description ?? '', /root/);
    await vscode.commands.executeCommand('alibabaCloud.selectProfile', { profileId: user.id });
    await waitFor(() => !/root/.test(exportsApi.profiles.statusBar.snapshot().text), 'the mark stays with the root profile');
  });
});
