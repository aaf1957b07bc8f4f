import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCredentialsResult } from '../../src/commands/testCredentials';
import { activateExtension, addProfile } from './helpers';
import { lastSeq, requestsSince, slbSeed, waitFor } from './slbFixtures';

describe('SLB endpoints: a workspace cannot redirect signed requests', () => {
  before(async () => {
    await activateExtension();
  });

  it('ignores endpoint settings in the workspace\'s .vscode/settings.json', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has no folder');
    const dir = vscode.Uri.joinPath(folder.uri, '.vscode');
    const file = vscode.Uri.joinPath(dir, 'settings.json');
    const trap = 'http://127.0.0.1:9';
    const profile = await addProfile('slb-ws-override', slbSeed.reader.id, slbSeed.reader.secret);
    const existed = await vscode.workspace.fs.stat(dir).then(() => true, () => false);
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify({
      'alibabaCloud.endpoints': { ram: trap, sts: trap, slb: trap },
      'alibabaCloud.useVpcEndpoints': true,
      'alibabaCloud.requestTimeoutSeconds': 1,
      // A window-scoped setting in the same file tells when VS Code has read it.
      'editor.tabSize': 7,
    })));
    try {
      await waitFor(() => vscode.workspace.getConfiguration('editor').get('tabSize') === 7, 'the workspace settings to load');
      const config = vscode.workspace.getConfiguration('alibabaCloud');
      assert.notDeepEqual(config.get('endpoints'), { ram: trap, sts: trap, slb: trap }, 'VS Code applied a machine-scoped setting from the workspace');

      const since = await lastSeq();
      const result = await vscode.commands.executeCommand<TestCredentialsResult>('alibabaCloud.testCredentials', { profileId: profile.id });
      assert.equal(result.ok, true, result.summary);
      const reached = (await requestsSince(since)).filter((r) => r.accessKeyId === 'LTAI****0001');
      assert.deepEqual([...new Set(reached.map((r) => r.action))].sort(), ['DescribeLoadBalancers', 'DescribeRegions', 'GetCallerIdentity'],
        'the signed requests did not reach the configured (emulator) endpoint');
    } finally {
      await vscode.workspace.fs.delete(existed ? file : dir, { recursive: true });
      await waitFor(() => vscode.workspace.getConfiguration('editor').get('tabSize') !== 7, 'the workspace settings to unload');
    }
  });
});
