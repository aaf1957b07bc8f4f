// `npm run bench`: how fast the service layer pages and fans out against the emulator with a
// realistic per-request latency. Speed is measured here, never asserted in timed tests.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudClientFactory } from '../../src/aliyun/clientFactory';
import { mapBounded } from '../../src/util/concurrency';
import { silentLog } from '../../src/util/log';
import { startEmulator, type SeedFile } from '../emulator/server';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25);
const USERS = 3000;
const HZ_LBS = 1000;
const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-qingdao', 'cn-zhangjiakou', 'cn-chengdu',
  'cn-hongkong', 'ap-southeast-1', 'ap-northeast-1', 'us-west-1', 'us-east-1', 'eu-central-1', 'eu-west-1'];
const ROOT = { accessKeyId: 'LTAI5tBenchRootKey000001', accessKeySecret: 'bench-secret-root-not-real-001' };

function seed(): SeedFile {
  return {
    accounts: [{
      accountId: '1999999999999999',
      rootAccessKeys: [{ ...ROOT, status: 'Active' }],
      users: Array.from({ length: USERS }, (_, i) => ({ userName: `user${String(i).padStart(5, '0')}`, userId: String(3000000000000000 + i) })),
      loadBalancers: [
        ...Array.from({ length: HZ_LBS }, (_, i) => ({ regionId: 'cn-hangzhou', loadBalancerId: `lb-hz${String(i).padStart(6, '0')}` })),
        ...REGIONS.slice(1).flatMap((regionId, r) => Array.from({ length: 30 }, (_, i) => ({ regionId, loadBalancerId: `lb-r${r}x${String(i).padStart(4, '0')}` }))),
      ],
    }],
  } as SeedFile;
}

async function time<T>(label: string, fn: () => Promise<T>, describe: (r: T) => string): Promise<number> {
  const started = performance.now();
  const result = await fn();
  const ms = performance.now() - started;
  console.log(`${label.padEnd(68)} ${ms.toFixed(0).padStart(6)} ms   ${describe(result)}`);
  return ms;
}

async function main(): Promise<void> {
  const emu = await startEmulator({ seed: seed(), latencyMs: LATENCY_MS, log: () => undefined });
  const settings = () => ({ endpoints: { ram: `http://${emu.endpoint}`, sts: `http://${emu.endpoint}`, slb: `http://${emu.endpoint}` }, connectTimeoutMs: 5000, readTimeoutMs: 30_000 });
  const session = new CloudClientFactory(settings, silentLog).session(ROOT, 'cn-hangzhou');
  console.log(`emulator ${emu.endpoint}, ${LATENCY_MS} ms per request, ${USERS} users, ${HZ_LBS} LBs in cn-hangzhou, ${REGIONS.length} regions\n`);
  try {
    await session.sts.getCallerIdentity(); // warm the SDK chunk and the connection

    await time(`ListUsers, all ${USERS}, MaxItems 1000 (what the extension does)`, () => session.ram.listAllUsers(), (u) => `${u.length} users`);
    await time(`ListUsers, all ${USERS}, MaxItems 100 (the API default)`, async () => {
      let marker: string | undefined;
      let n = 0;
      do {
        const page = await session.ram.listUsers(marker, 100);
        n += page.users.length;
        marker = page.marker;
      } while (marker);
      return n;
    }, (n) => `${n} users`);

    await time(`DescribeLoadBalancers, ${HZ_LBS} in one region, pages in parallel (4)`, () => session.slb.listAllLoadBalancers('cn-hangzhou'), (l) => `${l.length} LBs`);
    await time(`DescribeLoadBalancers, ${HZ_LBS} in one region, one page after another`, async () => {
      const all = [];
      for (let page = 1; ; page++) {
        const p = await session.slb.describeLoadBalancers('cn-hangzhou', page, 100);
        all.push(...p.loadBalancers);
        if (page * 100 >= p.totalCount) {
          return all;
        }
      }
    }, (l) => `${l.length} LBs`);

    const regions = await session.slb.describeRegions();
    await time(`All ${regions.length} regions, first page each, 6 at a time`, () => mapBounded(regions, 6, (r) => session.slb.describeLoadBalancers(r.regionId, 1, 100)), (p) => `${p.reduce((n, x) => n + x.totalCount, 0)} LBs`);
    await time(`Find in all regions: ${regions.length} regions, every page (scanRegions)`, () => session.slb.scanRegions(regions.map((r) => r.regionId)),
      (scans) => `${scans.reduce((n, s) => n + (s.loadBalancers?.length ?? 0), 0)} LBs, ${scans.filter((s) => s.error).length} failed`);
    await time(`All ${regions.length} regions, first page each, one after another`, async () => {
      const pages = [];
      for (const r of regions) {
        pages.push(await session.slb.describeLoadBalancers(r.regionId, 1, 100));
      }
      return pages;
    }, (p) => `${p.reduce((n, x) => n + x.totalCount, 0)} LBs`);
  } finally {
    await emu.close();
  }

  const root = path.resolve(__dirname, '../../..');
  const dist = path.join(root, 'dist');
  if (fs.existsSync(path.join(dist, 'sdk.js'))) {
    console.log('');
    for (const file of ['extension.js', 'sdk.js']) {
      console.log(`bundle ${file.padEnd(14)} ${(fs.statSync(path.join(dist, file)).size / 1024).toFixed(1).padStart(8)} KB`);
    }
    const loadMs = (file: string) => Number(execFileSync(process.execPath, ['-e',
      `const t=performance.now();try{require(${JSON.stringify(file)})}catch{};process.stdout.write(String(performance.now()-t))`]).toString());
    console.log(`require dist/sdk.js (cold, on the first cloud call)  ${loadMs(path.join(dist, 'sdk.js')).toFixed(0)} ms`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
