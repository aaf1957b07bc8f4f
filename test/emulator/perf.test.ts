import * as assert from 'assert';
import * as $Ram from '@alicloud/ram20150501';
import { RequestLogEntry, RunningEmulator, SeedFile, SeedLoadBalancer, SeedUser, startEmulator } from './server';
import { control, ram, slb } from './helpers';

const USERS = 2500;
const LBS = 3000;
const ROOT = { accessKeyId: 'LTAI5tPerfRoot0000000001', accessKeySecret: 'perf-secret-root-not-real' };

function bigSeed(): SeedFile {
  const users: SeedUser[] = [];
  for (let i = 0; i < USERS; i++) {
    users.push({ userName: `user-${String(i).padStart(5, '0')}`, userId: `21${String(i).padStart(14, '0')}` });
  }
  const loadBalancers: SeedLoadBalancer[] = [];
  for (let i = 0; i < LBS; i++) {
    loadBalancers.push({ regionId: 'cn-shanghai', loadBalancerId: `lb-ufperf${String(i).padStart(12, '0')}`, loadBalancerName: `lb-${i}` });
  }
  return { accounts: [{ accountId: '5000000000000005', rootAccessKeys: [ROOT], users, loadBalancers }] };
}

describe('emulator: performance with thousands of users and load balancers', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ seed: bigSeed() });
  });
  after(async () => {
    await emu.close();
  });

  const serverTimes = async (since: number, action: string): Promise<number[]> =>
    (await control<{ requests: RequestLogEntry[] }>(emu, 'GET', `requests?since=${since}`)).json.requests
      .filter((r) => r.action === action)
      .map((r) => r.durationMs);

  it(`pages through ${USERS} users with MaxItems 1000 in 3 calls, a few ms of server time each`, async () => {
    const since = (await control<{ last: number }>(emu, 'GET', 'requests')).json.last;
    const client = ram(emu, ROOT);
    const names = new Set<string>();
    let marker: string | undefined;
    let calls = 0;
    do {
      const res = await client.listUsers(new $Ram.ListUsersRequest({ maxItems: 1000, marker }));
      calls++;
      for (const u of res.body?.users?.user ?? []) {
        names.add(u.userName ?? '');
      }
      marker = res.body?.isTruncated ? res.body.marker : undefined;
    } while (marker);
    assert.strictEqual(calls, 3);
    assert.strictEqual(names.size, USERS);
    const times = await serverTimes(since, 'ListUsers');
    assert.strictEqual(times.length, 3);
    assert.ok(Math.max(...times) < 50, `server times ${times.map((t) => t.toFixed(2)).join(', ')} ms`);
  });

  it(`pages through ${LBS} load balancers with PageSize 100 and the right TotalCount`, async () => {
    const since = (await control<{ last: number }>(emu, 'GET', 'requests')).json.last;
    const ids = new Set<string>();
    let total = -1;
    for (let page = 1; total < 0 || (page - 1) * 100 < total; page++) {
      const body = (await slb(emu, ROOT, 'DescribeLoadBalancers', { RegionId: 'cn-shanghai', PageNumber: page, PageSize: 100 })) as {
        TotalCount: number;
        LoadBalancers: { LoadBalancer: { LoadBalancerId: string }[] };
      };
      total = body.TotalCount;
      body.LoadBalancers.LoadBalancer.forEach((lb) => ids.add(lb.LoadBalancerId));
    }
    assert.strictEqual(total, LBS);
    assert.strictEqual(ids.size, LBS);
    const times = await serverTimes(since, 'DescribeLoadBalancers');
    assert.strictEqual(times.length, LBS / 100);
    assert.ok(Math.max(...times) < 50, `slowest ${Math.max(...times).toFixed(2)} ms`);
  });
});
