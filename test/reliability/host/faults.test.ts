// Issue 7, inside VS Code: every call a view or a key command makes × {5xx, throttling, timeout,
// connection reset, HTML error page, malformed JSON}. A view must end in an error row that says
// what happened (never a spinner left turning), a key command must send its write exactly once
// and change nothing stored (profiles, keys), and the view must load again once the fault is gone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Profile } from '../../../src/credentials/profile';
import type { ExtensionExports } from '../../../src/extension';
import type { KeyScanResult } from '../../../src/views/ram/keyScan';
import type { TreeNode } from '../../../src/views/tree/treeNode';
import { control, EXTENSION_ID } from '../../integration/helpers';
import { exportsOf, label, lastSeq, requestsSince } from '../../integration/slbFixtures';
import { writeCounts } from '../counts';

const ROOT = { accessKeyId: 'LTAI5tFltRoot00000000001', accessKeySecret: 'flt-secret-root-not-real-00001' };
const TARGET_KEY = 'LTAI5tFltTarget000000001';

type FaultKind = '5xx' | 'throttling' | 'timeout' | 'reset' | 'html' | 'malformed';
const FAULTS: Record<FaultKind, { spec: Record<string, unknown>; says: RegExp }> = {
  '5xx': { spec: { type: 'status', status: 503 }, says: /internal error \(ServiceUnavailable, HTTP 503\)/ },
  throttling: { spec: { type: 'throttle', retryAfterMs: 50 }, says: /limiting the request rate \(Throttling\.User\)/ },
  timeout: { spec: { type: 'hang' }, says: /did not answer in time/ },
  reset: { spec: { type: 'reset' }, says: /\(ECONNRESET\)/ },
  html: { spec: { type: 'html' }, says: /not an Alibaba Cloud API response/ },
  malformed: { spec: { type: 'malformed' }, says: /not an Alibaba Cloud API response/ },
};
const KINDS = Object.keys(FAULTS) as FaultKind[];
/** Nothing may take longer than this to end in a row that says what happened (timeouts at 1 s, tried twice). */
const SETTLE_MS = 15_000;

let checks = 0;
let faultsTried = 0;
function check(condition: unknown, message: string): asserts condition {
  assert.ok(condition, message);
  checks++;
}

const api = exportsOf;

/** A branch's children, within the limit: a branch that never answers is the spinner this suite hunts. */
async function settled(provider: vscode.TreeDataProvider<TreeNode>, node: TreeNode | undefined, what: string): Promise<Array<{ node: TreeNode; item: vscode.TreeItem }>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still loading after ${SETTLE_MS / 1000} s (a view left spinning)`)), SETTLE_MS);
  });
  try {
    const nodes = (await Promise.race([Promise.resolve(provider.getChildren(node)), limit])) ?? [];
    return await Promise.all(nodes.map(async (n) => ({ node: n, item: await provider.getTreeItem(n) })));
  } finally {
    clearTimeout(timer);
  }
}

/** The branch shows one error row with the fault's message, and nothing still spinning. */
function assertErrorRow(rows: Array<{ item: vscode.TreeItem }>, kind: FaultKind, what: string): void {
  const errors = rows.filter((r) => r.item.contextValue === 'error');
  check(errors.length === 1, `${what} × ${kind}: one error row expected, got ${rows.map((r) => `${r.item.contextValue}:${label(r.item)}`).join(' | ')}`);
  check(FAULTS[kind].says.test(label(errors[0].item)), `${what} × ${kind}: the row says "${label(errors[0].item)}"`);
  check(!/secret|not-real/i.test(label(errors[0].item) + String(errors[0].item.tooltip)), `${what} × ${kind}: the error row shows a secret`);
  const spinning = rows.filter((r) => r.item.iconPath instanceof vscode.ThemeIcon && r.item.iconPath.id.includes('~spin'));
  check(spinning.length === 0, `${what} × ${kind}: a row is still spinning: ${spinning.map((r) => label(r.item)).join(', ')}`);
}

async function fault(kind: FaultKind, action: string): Promise<void> {
  await control('DELETE', 'faults');
  await control('POST', 'faults', { ...FAULTS[kind].spec, action, accessKeyId: ROOT.accessKeyId, times: 0 });
  faultsTried++;
}

async function requestsOf(action: string, since: number): Promise<number> {
  return (await requestsSince(since)).filter((r) => r.action === action).length;
}

interface StateKey { accessKeyId: string; status: string }
async function storedKeys(): Promise<string> {
  const state = (await control('GET', 'state')) as { accounts: Array<{ accountId: string; users: Array<{ userName: string; accessKeys: StateKey[] }> }> };
  const account = state.accounts.find((a) => a.accountId === '7100000000000001');
  assert.ok(account, 'the fault account is in the emulator');
  return JSON.stringify(account.users.map((u) => [u.userName, u.accessKeys.map((k) => `${k.accessKeyId}:${k.status}`)]));
}

async function storedProfiles(): Promise<string> {
  return JSON.stringify((await api().profiles.list()).map((p) => [p.id, p.name, p.accessKeyId, p.regionId]).sort());
}

async function ramRoots(): Promise<{ account: TreeNode; ownKeys: TreeNode; users: TreeNode }> {
  const provider = api().ram.explorer.provider;
  const [account] = await settled(provider, undefined, 'RAM account');
  check(account?.item.contextValue === 'ramAccount', `the RAM view shows the account, not ${account ? label(account.item) : 'nothing'}`);
  const [ownKeys, users] = (await settled(provider, account.node, 'RAM account')).map((r) => r.node);
  return { account: account.node, ownKeys, users };
}

async function userRow(userName: string): Promise<TreeNode> {
  const rows = await settled(api().ram.explorer.provider, (await ramRoots()).users, 'RAM users');
  const row = rows.find((r) => label(r.item) === userName);
  assert.ok(row, `no row for ${userName}`);
  return row.node;
}

async function slbRegion(regionId: string): Promise<TreeNode> {
  const rows = await settled(api().loadBalancers.provider, undefined, 'SLB regions');
  const row = rows.find((r) => r.node.id.endsWith(`/region/${regionId}`));
  assert.ok(row, `no region row for ${regionId}`);
  return row.node;
}

/** A view branch: how to reach it fresh, and the call that loads it. */
interface ViewCase {
  readonly what: string;
  readonly action: string;
  readonly open: () => Promise<Array<{ item: vscode.TreeItem }>>;
}

const VIEWS: ViewCase[] = [
  {
    what: 'RAM view: the account', action: 'GetCallerIdentity',
    open: () => settled(api().ram.explorer.provider, undefined, 'RAM account'),
  },
  {
    what: 'RAM view: the users', action: 'ListUsers',
    open: async () => settled(api().ram.explorer.provider, (await ramRoots()).users, 'RAM users'),
  },
  {
    what: 'RAM view: a user\'s keys', action: 'ListAccessKeys',
    open: async () => settled(api().ram.explorer.provider, await userRow('flt-target'), 'flt-target\'s keys'),
  },
  {
    what: 'Load Balancers view: the regions', action: 'DescribeRegions',
    open: () => settled(api().loadBalancers.provider, undefined, 'SLB regions'),
  },
  {
    what: 'Load Balancers view: a region\'s instances', action: 'DescribeLoadBalancers',
    open: async () => settled(api().loadBalancers.provider, await slbRegion('cn-hangzhou'), 'cn-hangzhou'),
  },
  {
    what: 'Load Balancers view: an instance\'s listeners and backends', action: 'DescribeLoadBalancerAttribute',
    open: async () => {
      const provider = api().loadBalancers.provider;
      const lbs = await settled(provider, await slbRegion('cn-hangzhou'), 'cn-hangzhou');
      const web = lbs.find((r) => r.node.id.endsWith('/lb/lb-fltweb000000000001'));
      assert.ok(web, 'no row for lb-fltweb000000000001');
      return settled(provider, web.node, 'lb-fltweb000000000001');
    },
  },
];

function refreshViews(): void {
  api().ram.explorer.refresh();
  void vscode.commands.executeCommand('alibabaCloud.slb.refresh');
}

describe('Faults inside VS Code: no view left spinning, writes sent once, nothing stored changed', function () {
  this.timeout(120_000);
  let profile: Profile;
  let profilesBefore: string;
  const config = () => vscode.workspace.getConfiguration('alibabaCloud');

  before(async () => {
    const extension = vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    await control('POST', 'reset');
    await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    for (let i = 0; i < 100 && config().get('requestTimeoutSeconds') !== 1; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(config().get('requestTimeoutSeconds'), 1, 'the 1 s request timeout is in effect');
    const added = await vscode.commands.executeCommand<Profile>('alibabaCloud.addProfile', { name: 'fault-matrix', ...ROOT, regionId: 'cn-hangzhou' });
    assert.ok(added, 'Add Profile');
    profile = added;
    await vscode.commands.executeCommand('alibabaCloud.selectProfile', { profileId: profile.id });
    profilesBefore = await storedProfiles();
  });

  afterEach(async () => {
    await control('DELETE', 'faults');
  });

  after(async () => {
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    writeCounts({ part: 'vscode-faults', faults: faultsTried, checks, extra: { views: VIEWS.length, writes: WRITES.length, faultKinds: KINDS.length } });
  });

  for (const view of VIEWS) {
    describe(view.what, () => {
      for (const kind of KINDS) {
        it(`${kind}: an error row that says so, then it loads again`, async () => {
          refreshViews();
          await fault(kind, view.action);
          const rows = await view.open();
          assertErrorRow(rows, kind, view.what);
          await control('DELETE', 'faults');
          refreshViews();
          const again = await view.open();
          check(again.length > 0 && again.every((r) => r.item.contextValue !== 'error'), `${view.what} × ${kind}: after the fault it shows ${again.map((r) => label(r.item)).join(' | ')}`);
          check((await storedProfiles()) === profilesBefore, `${view.what} × ${kind}: the profiles changed`);
        });
      }
    });
  }

  describe('RAM view: a key\'s last use (GetAccessKeyLastUsed)', () => {
    for (const kind of KINDS) {
      it(`${kind}: the key row says "last use unknown" instead of waiting for ever`, async () => {
        refreshViews();
        await fault(kind, 'GetAccessKeyLastUsed');
        const provider = api().ram.explorer.provider;
        const [key] = await settled(provider, await userRow('flt-target'), 'flt-target\'s keys');
        check(key?.item.contextValue === 'accessKey:active', 'the key row is there');
        const until = Date.now() + SETTLE_MS;
        let description = String(key.item.description);
        while (/last use …/.test(description) && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 100));
          description = String((await provider.getTreeItem(key.node)).description);
        }
        check(/last use unknown/.test(description), `${kind}: the key row says "${description}"`);
      });
    }
  });

  describe('Check All AccessKeys (ListAccessKeys for every user)', () => {
    for (const kind of KINDS) {
      it(`${kind}: ends with every user counted as not checked and the reason, not a notification that never closes`, async () => {
        refreshViews();
        await fault(kind, 'ListAccessKeys');
        const result = await Promise.race([
          vscode.commands.executeCommand<KeyScanResult>('alibabaCloud.ram.checkAllKeys', { quiet: true, method: 'perUser' }),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 60_000)),
        ]);
        check(result, `${kind}: Check All AccessKeys did not finish`);
        check(result.users === 3 && result.usersFailed === 3, `${kind}: ${result.usersFailed} of ${result.users} users failed`);
        check(FAULTS[kind].says.test((result.firstError as Error).message), `${kind}: the reason given is "${(result.firstError as Error).message}"`);
      });
    }
  });

  /** A key command: its write, sent once, and nothing stored changed when it fails. */
  interface WriteCase {
    readonly what: string;
    readonly action: string;
    readonly run: () => Thenable<unknown>;
  }
  const WRITES: WriteCase[] = [
    {
      what: 'Create AccessKey', action: 'CreateAccessKey',
      run: () => vscode.commands.executeCommand('alibabaCloud.ram.createAccessKey', { userName: 'flt-empty', profileName: 'fault-new-key', confirm: true }),
    },
    {
      what: 'Disable AccessKey', action: 'UpdateAccessKey',
      run: () => vscode.commands.executeCommand('alibabaCloud.ram.disableAccessKey', { accessKeyId: TARGET_KEY, userName: 'flt-target', confirm: true }),
    },
    {
      what: 'Delete AccessKey', action: 'DeleteAccessKey',
      run: () => vscode.commands.executeCommand('alibabaCloud.ram.deleteAccessKey', { accessKeyId: TARGET_KEY, userName: 'flt-target', confirm: true }),
    },
  ];

  for (const write of WRITES) {
    describe(write.what, () => {
      for (const kind of KINDS) {
        it(`${kind}: the write is sent once, fails with a message, and nothing stored changed`, async () => {
          const keysBefore = await storedKeys();
          const mark = await lastSeq();
          await fault(kind, write.action);
          const result = await write.run();
          check(result === undefined, `${write.what} × ${kind}: reported success: ${JSON.stringify(result)}`);
          check((await requestsOf(write.action, mark)) === 1, `${write.what} × ${kind}: ${await requestsOf(write.action, mark)} ${write.action} requests, expected exactly 1`);
          check((await storedKeys()) === keysBefore, `${write.what} × ${kind}: the keys in the cloud changed`);
          check((await storedProfiles()) === profilesBefore, `${write.what} × ${kind}: the profiles changed`);
          await control('DELETE', 'faults');
          const rows = await settled(api().ram.explorer.provider, await userRow(write.action === 'CreateAccessKey' ? 'flt-empty' : 'flt-target'), 'the key list after the failed write');
          check(rows.every((r) => !(r.item.iconPath instanceof vscode.ThemeIcon && r.item.iconPath.id.includes('~spin'))), `${write.what} × ${kind}: the key list is left spinning`);
        });
      }
    });
  }

  describe('coverage', () => {
    it('tried every view branch and write with every fault kind', () => {
      check(faultsTried === (VIEWS.length + 2 + WRITES.length) * KINDS.length, `${faultsTried} faults tried`);
    });
  });
});
