// Measurements inside the extension host. Nothing here is a timed assertion: the numbers go to
// test-results/bench/host-<mode>.json for bench.ts to print; the assertions only check that what
// was measured is what we meant (e.g. the SDK chunk really was not loaded yet).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { KeyScanResult } from '../../../src/views/ram/keyScan';
import type { ExtensionExports } from '../../../src/extension';
import { control, EXTENSION_ID } from '../../integration/helpers';
import { BENCH_ROOT } from '../seed';
import type { WorkspaceScanSummary } from '../../../src/views/leaks/workspaceScanner';
import { BENCH_FILES, generateWorkspace } from '../leaks';
import { KEYS, seededRandom } from '../../unit/leakFixtures';


v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

function heap(): { heapUsedMB: number; rssMB: number } {
  for (let i = 0; i < 3; i++) {
    collect();
  }
  const m = process.memoryUsage();
  return { heapUsedMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20 };
}

/** VS Code's own performance marks for an extension's activation (`code/extHost/...`). */
function activationMarks(id: string): Record<string, number> {
  const marks: Record<string, number> = {};
  const wanted = ['willActivateExtension', 'willLoadExtensionCode', 'didLoadExtensionCode', 'didActivateExtension'];
  const sources: Array<{ name: string; startTime: number }> = [...performance.getEntriesByType('mark')];
  // The extension host keeps them in `globalThis.MonacoPerformanceMarks` (vs/base/common/performance).
  const monaco = (globalThis as { MonacoPerformanceMarks?: { getMarks?: () => Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks;
  sources.push(...(monaco?.getMarks?.() ?? []));
  for (const mark of sources) {
    for (const w of wanted) {
      if (mark.name === `code/extHost/${w}/${id}`) {
        marks[w] = mark.startTime;
      }
    }
  }
  return marks;
}

function sdkLoaded(): boolean {
  return Object.keys(require.cache).some((file) => file.endsWith(`${path.sep}dist${path.sep}sdk.js`));
}

const results: Record<string, unknown> = {};
const extension = vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID);
const mode = extension ? 'extension' : 'baseline';

describe(`benchmark in the extension host (${mode})`, () => {
  after(() => {
    const dir = path.join(process.env.ALIBABA_CLOUD_TEST_RESULTS ?? '.', 'bench');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `host-${mode}.json`), JSON.stringify({ mode, vscode: vscode.version, ...results }, null, 2));
  });

  it('measures the extension host\'s memory once it has started', async () => {
    if (extension && !extension.isActive) {
      await extension.activate();
    }
    await new Promise((r) => setTimeout(r, 500)); // let start-up work settle
    results.afterStartup = heap();
  });

  if (!extension) {
    return;
  }

  it('reads how long activation took from VS Code\'s own marks, with the SDK not loaded', () => {
    const marks = activationMarks(EXTENSION_ID);
    assert.ok(marks.willActivateExtension !== undefined && marks.didActivateExtension !== undefined, `VS Code's activation marks were not found: ${JSON.stringify(marks)}`);
    assert.ok(marks.willLoadExtensionCode !== undefined && marks.didLoadExtensionCode !== undefined, `VS Code's code-loading marks were not found: ${JSON.stringify(marks)}`);
    // VS Code loads the code (require of dist/extension.js), may wait for other work, then calls
    // activate(): the cost is the two spans, not the time between the first and last mark.
    const codeLoadMs = marks.didLoadExtensionCode - marks.willLoadExtensionCode;
    const activateCallMs = marks.didActivateExtension - marks.willActivateExtension;
    results.activation = { totalMs: codeLoadMs + activateCallMs, codeLoadMs, activateCallMs, marks, sdkLoaded: sdkLoaded() };
    assert.equal(sdkLoaded(), false, 'the SDK chunk is loaded on the first cloud call, not at activation');
  });

  it('times the first cloud call (loads the SDK chunk) and a second one', async () => {
    const api = await extension.activate();
    const profile = await vscode.commands.executeCommand<{ id: string }>('alibabaCloud.addProfile', { name: `bench-${Date.now()}`, ...BENCH_ROOT, regionId: 'cn-hangzhou' });
    assert.ok(profile);
    await vscode.commands.executeCommand('alibabaCloud.selectProfile', { profileId: profile.id });
    const model = api.ram.explorer.model;
    const t0 = performance.now();
    const account = await model.account();
    const firstMs = performance.now() - t0;
    assert.ok(account?.ok, 'GetCallerIdentity answered');
    assert.equal(sdkLoaded(), true);
    model.reset('bench: second call');
    const t1 = performance.now();
    assert.ok((await model.account())?.ok);
    const secondMs = performance.now() - t1;
    results.firstCall = { firstMs, secondMs, sdkAndClientMs: firstMs - secondMs };
    results.afterFirstCall = heap();
  });

  it('loads 5,000 users and 10,000 keys with their last use, then measures memory', async () => {
    const api = await extension.activate();
    const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 30);
    await control('POST', 'faults', { type: 'latency', latencyMs, times: 0 });
    const explorer = api.ram.explorer;
    explorer.refresh();
    const t0 = performance.now();
    const state = await explorer.model.whenUsersLoaded();
    const usersMs = performance.now() - t0;
    const check = await vscode.commands.executeCommand<KeyScanResult>('alibabaCloud.ram.checkAllKeys', { quiet: true, method: 'perUser' });
    const checkMs = performance.now() - t0 - usersMs;
    assert.ok(check, 'the check ran');
    assert.equal(state.users.length, 5000);
    assert.equal(check.keys, 10_000);
    assert.equal(check.usersFailed, 0);
    // What the view shows for it: the account, the users branch and its first thousand rows.
    const roots = (await explorer.provider.getChildren()) ?? [];
    const account = roots[0];
    const branches = account ? ((await explorer.provider.getChildren(account)) ?? []) : [];
    const rows = branches[1] ? ((await explorer.provider.getChildren(branches[1])) ?? []) : [];
    await Promise.all(rows.map((row) => explorer.provider.getTreeItem(row)));
    const rightAfter = heap();
    // The SDK (httpx) keeps each request, with its response, until its read timer fires: the
    // request timeout after the call, even when the answer came at once. Measure again after it.
    const timeoutMs = (vscode.workspace.getConfiguration('alibabaCloud').get<number>('requestTimeoutSeconds') ?? 10) * 1000;
    await new Promise((r) => setTimeout(r, timeoutMs + 1000));
    results.loaded = {
      users: state.users.length, keys: check.keys, usersMs, checkMs, calls: check.calls, throttled: check.throttled, peakParallelism: check.peakParallelism, rows: rows.length,
      rightAfter, ...heap(), settleMs: timeoutMs + 1000,
    };
    await control('POST', 'reset');
  });

  it('scans a generated 5,000-file workspace for keys, as the command does', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder');
    const root = path.join(folder.uri.fsPath, 'bench-leaks');
    fs.mkdirSync(root, { recursive: true });
    try {
      const { planted, bytes } = generateWorkspace(root, seededRandom(2024));
      // The planted secrets are those of these profiles (made up: no emulator knows them).
      for (const [name, key] of Object.entries(KEYS)) {
        const sts = 'token' in key ? { securityToken: key.token, expiration: '2099-01-01T00:00:00Z' } : {};
        await vscode.commands.executeCommand('alibabaCloud.addProfile', { name: `bench-leak-${name}-${Date.now()}`, accessKeyId: key.id, accessKeySecret: key.secret, ...sts });
      }
      const summary = await vscode.commands.executeCommand<WorkspaceScanSummary>('alibabaCloud.leaks.scanWorkspace', { quiet: true });
      assert.ok(summary && !summary.cancelled, 'the scan ran to the end');
      const expected = [...new Set(planted.map((p) => `bench-leaks/${p.file}`))];
      const found = summary.files.filter((f) => f.startsWith('bench-leaks/'));
      results.leakScan = {
        files: BENCH_FILES, bytes, ms: summary.ms, listMs: summary.listMs, listed: summary.listed, excluded: summary.excluded, scanned: summary.scanned,
        skippedBinary: summary.skippedBinary, skippedLarge: summary.skippedLarge, planted: expected.length,
        missed: expected.filter((f) => !found.includes(f)), falsePositives: found.filter((f) => !expected.includes(f)),
      };
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
