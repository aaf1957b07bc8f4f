// Shared by the SLB and diagnosis integration tests: the seed's keys (seeds/slb.mjs), the Load
// Balancers view as the extension built it, and a temporary machine setting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionExports } from '../../src/extension';
import type { TreeNode } from '../../src/views/tree/treeNode';
import { control, EXTENSION_ID } from './helpers';

export const slbSeed = {
  accountId: '5000000000000000',
  root: { id: 'LTAI5tSlbRoot00000000001', secret: 'slb-secret-root-not-real-00001' },
  reader: { id: 'LTAI5tSlbReader000000001', secret: 'slb-secret-reader-not-real-001' },
  ramAdmin: { id: 'LTAI5tSlbRamAdmin0000001', secret: 'slb-secret-ramadmin-not-real-1' },
  disabled: { id: 'LTAI5tSlbDisabled0000001', secret: 'slb-secret-disabled-not-real-1' },
  nobody: { id: 'LTAI5tSlbNobody000000001', secret: 'slb-secret-nobody-not-real-001' },
  sts: { id: 'STS.SlbValidToken0000001', secret: 'slb-secret-sts-not-real-000001', token: 'slb-token-valid-not-real-0001' },
  stsExpired: { id: 'STS.SlbExpiredToken00001', secret: 'slb-secret-sts-not-real-000002', token: 'slb-token-expired-not-real-01' },
  /** Instances per region in the seed; every other region has none. */
  counts: { 'cn-shanghai': 230, 'cn-chengdu': 4, 'ap-southeast-1': 3, 'cn-hangzhou': 2, 'me-east-1': 2, 'cn-beijing': 1, 'eu-central-1': 1, 'us-east-1': 1 } as Record<string, number>,
};

export function exportsOf(): ExtensionExports {
  const extension = vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID);
  assert.ok(extension?.isActive, 'the extension is not active');
  return extension.exports;
}

export async function children(node?: TreeNode): Promise<TreeNode[]> {
  return (await exportsOf().loadBalancers.provider.getChildren(node)) ?? [];
}

export async function item(node: TreeNode): Promise<vscode.TreeItem> {
  return exportsOf().loadBalancers.provider.getTreeItem(node);
}

export const label = (i: vscode.TreeItem): string => (typeof i.label === 'string' ? i.label : i.label?.label ?? '');

export interface RequestEntry {
  seq: number;
  product: string | null;
  action: string | null;
  accessKeyId: string | null;
  code: string;
  status: number;
}

/** The emulator's request log after `since`; `lastSeq()` is the mark to take before acting. */
export async function requestsSince(since: number): Promise<RequestEntry[]> {
  return ((await control('GET', `requests?since=${since}`)) as { requests: RequestEntry[] }).requests;
}

export async function lastSeq(): Promise<number> {
  return ((await control('GET', 'requests?since=999999999')) as { last: number }).last;
}

/**
 * Sets a machine-scoped `alibabaCloud.*` setting in user settings for the length of `fn`, waits
 * until the extension host sees it, and restores the earlier value even when `fn` fails.
 */
export async function withGlobalSetting<T>(key: string, value: unknown, fn: () => Promise<T>): Promise<T> {
  const config = () => vscode.workspace.getConfiguration('alibabaCloud');
  const before = config().inspect(key)?.globalValue;
  await config().update(key, value, vscode.ConfigurationTarget.Global);
  await waitFor(() => JSON.stringify(config().inspect(key)?.globalValue) === JSON.stringify(value), `alibabaCloud.${key} to change`);
  try {
    return await fn();
  } finally {
    await config().update(key, before, vscode.ConfigurationTarget.Global);
    await waitFor(() => JSON.stringify(config().inspect(key)?.globalValue) === JSON.stringify(before), `alibabaCloud.${key} to be restored`);
  }
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
