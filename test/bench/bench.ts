// `npm run bench`: speed and memory, measured side by side in one run against the emulator with a
// per-request latency (BENCH_LATENCY_MS, default 30). Every figure stands beside the naive way
// (same SDK, same emulator) and beside its physical limit: the round trips it cannot avoid with
// the parallelism it is allowed, times the latency. Prints a table; writes bench-results/*.json.
// Speed is measured here, never asserted in timed tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { CloudClientFactory, loadSdk, type CloudSession } from '../../src/aliyun/clientFactory';
import { LIST_USERS_MAX_ITEMS } from '../../src/aliyun/ramService';
import { PAGE_PARALLELISM, SCAN_PARALLELISM, SLB_MAX_PAGE_SIZE } from '../../src/aliyun/slbService';
import type { Profile } from '../../src/credentials/profile';
import { mapBounded } from '../../src/util/concurrency';
import { Emitter } from '../../src/util/events';
import { silentLog } from '../../src/util/log';
import { DEFAULT_HEALTH_SETTINGS } from '../../src/views/ram/keyHealth';
import { KEY_SCAN_PARALLELISM, scanAllKeys, type KeyScanResult } from '../../src/views/ram/keyScan';
import { scanFromReport, type ReportScanResult } from '../../src/views/ram/reportScan';
import { RamExplorerModel } from '../../src/views/ram/ramModel';
import type { SeedFile } from '../emulator/server';
import { leakBench } from './leaks';
import { servingBench } from './serving';
import { BENCH_HZ_LBS, BENCH_KEYS_PER_USER, BENCH_ROOT, BENCH_USERS, benchSeed } from './seed';
import type { BenchRow } from './row';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30);
/** The throttled pass: its own account, and the rate above which the emulator throttles. */
const THROTTLED_USERS = 1000;
const THROTTLE_PER_SECOND = Number(process.env.BENCH_THROTTLE_PER_SECOND ?? 200);
const THROTTLED_ROOT = { accessKeyId: 'LTAI5tBenchThrottled00001', accessKeySecret: 'bench-secret-throttled-not-real' };
/** The naive key-health pass is one call after another: measured on this many users, then scaled. */
const SEQUENTIAL_SAMPLE_USERS = 100;
const TARGET_RATIO = 1.5;
const ACTIVATION_TARGET_MS = 20;

const rows: BenchRow[] = [];
const extras: Record<string, unknown> = {};

function seedWithThrottledAccount(): SeedFile {
  const seed = benchSeed();
  const day = '2026-06-01T00:00:00Z';
  seed.accounts.push({
    accountId: '1888888888888888',
    rootAccessKeys: [{ ...THROTTLED_ROOT, status: 'Active', createDate: day }],
    users: Array.from({ length: THROTTLED_USERS }, (_, i) => ({
      userName: `t-user${String(i).padStart(4, '0')}`,
      accessKeys: Array.from({ length: 2 }, (_, k) => ({
        accessKeyId: `LTAI5tThrot${String(i).padStart(5, '0')}K${k}00000000`,
        accessKeySecret: `bench-secret-t-${i}-${k}-not-real`,
        createDate: day,
        lastUsedDate: day,
      })),
    })),
  } as SeedFile['accounts'][number]);
  return seed;
}

async function startEmulatorProcess(seedFile: string): Promise<{ endpoint: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'test', 'emulator', 'start.mjs'), '--seed', seedFile, '--latency-ms', String(LATENCY_MS)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
  });
  return { endpoint: (JSON.parse(line) as { endpoint: string }).endpoint, child };
}

async function control(endpoint: string, method: string, pathname: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`http://${endpoint}/__emulator/${pathname}`, {
    method, headers: body ? { 'content-type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    throw new Error(`emulator ${method} ${pathname}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

/** API requests the emulator answered since the last call, by action. */
function requestCounter(endpoint: string) {
  let since = 0;
  return async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (;;) {
      const r = await control(endpoint, 'GET', `requests?since=${since}`) as { last: number; requests: Array<{ seq: number; action: string }> };
      for (const q of r.requests) {
        counts[q.action] = (counts[q.action] ?? 0) + 1;
        since = Math.max(since, q.seq);
      }
      if (r.requests.length === 0 || since >= r.last) {
        return counts;
      }
    }
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

function modelFor(session: CloudSession, accessKeyId: string): RamExplorerModel {
  const profile: Profile = { id: 'bench', name: 'bench', kind: 'AccessKey', accessKeyId, regionId: 'cn-hangzhou', source: 'manual', createdAt: '2026-01-01T00:00:00Z' };
  return new RamExplorerModel(
    { active: async () => ({ profile, session, generation: 0 }), onDidChange: new Emitter<unknown>().event },
    { list: async () => [], onDidChange: new Emitter<void>().event },
    silentLog,
  );
}

const rounds = (calls: number, slots: number) => Math.ceil(calls / slots);

async function ram(endpoint: string, factory: CloudClientFactory): Promise<void> {
  const session = factory.session(BENCH_ROOT, 'cn-hangzhou');
  const count = requestCounter(endpoint);
  await session.sts.getCallerIdentity(); // loads the SDK chunk and opens a connection: not measured
  await count();

  const listed = await timed(() => session.ram.listAllUsers());
  const trips = (await count()).ListUsers ?? 0;
  const naive = await timed(async () => {
    let marker: string | undefined;
    let n = 0;
    do {
      const page = await session.ram.listUsers(marker, 100);
      n += page.users.length;
      marker = page.marker;
    } while (marker);
    return n;
  });
  const naiveTrips = (await count()).ListUsers ?? 0;
  const minTrips = Math.ceil(BENCH_USERS / LIST_USERS_MAX_ITEMS);
  rows.push({
    area: 'RAM', figure: `List ${listed.value.length.toLocaleString('en')} users`, measuredMs: listed.ms,
    naiveMs: naive.ms, naiveNote: `MaxItems 100 (the API default): ${naiveTrips} round trips`,
    limitMs: minTrips * LATENCY_MS, limitNote: `${minTrips} round trips (1,000 a page)`,
    note: `${trips} round trips used, ${minTrips} the minimum`,
  });
  extras.listUsers = { users: listed.value.length, roundTrips: trips, minimumRoundTrips: minTrips, naiveRoundTrips: naiveTrips };

  // Key-health pass: every user's ListAccessKeys and every key's GetAccessKeyLastUsed.
  const model = modelFor(session, BENCH_ROOT.accessKeyId);
  await model.whenUsersLoaded();
  await count();
  const scan = await timed(() => scanAllKeys(model, { settings: DEFAULT_HEALTH_SETTINGS, now: new Date(), log: silentLog }));
  const scanned = scan.value as KeyScanResult;
  const scanCalls = Object.values(await count()).reduce((a, b) => a + b, 0);
  const users = (await model.whenUsersLoaded()).users;
  const sample = users.slice(0, SEQUENTIAL_SAMPLE_USERS);
  const sequential = await timed(async () => {
    for (const user of sample) {
      for (const key of await session.ram.listAccessKeys(user.userName)) {
        await session.ram.getAccessKeyLastUsed(key.accessKeyId, user.userName);
      }
    }
  });
  const sampleCalls = Object.values(await count()).reduce((a, b) => a + b, 0);
  const scale = users.length / sample.length;
  rows.push({
    area: 'RAM', figure: `Key-health pass: ${scanned.keys.toLocaleString('en')} keys of ${scanned.users.toLocaleString('en')} users`, measuredMs: scan.ms,
    naiveMs: sequential.ms * scale, naiveNote: `one call after another (${sample.length} users measured, ×${scale})`,
    limitMs: rounds(scanCalls, KEY_SCAN_PARALLELISM.max) * LATENCY_MS, limitNote: `${scanCalls.toLocaleString('en')} calls ÷ ${KEY_SCAN_PARALLELISM.max} at once`,
    note: `${scanCalls.toLocaleString('en')} calls, up to ${scanned.peakParallelism} at once, ${scanned.throttled} throttled`,
  });
  extras.keyHealth = { ...scanned, firstError: undefined, ms: scan.ms, calls: scanCalls, sequentialSample: { users: sample.length, calls: sampleCalls, ms: sequential.ms } };
  model.dispose();

  // The same key health from the credential report, at the same latency: Generate (asked again
  // every second while the report is made, as Check All does), then pages of up to 3,501 rows.
  // The wait while the report is made is the service's, not the check's: measured apart.
  const reportModel = modelFor(session, BENCH_ROOT.accessKeyId);
  await count();
  const fromReport = await timed(() => scanFromReport(reportModel, { settings: DEFAULT_HEALTH_SETTINGS, now: new Date(), log: silentLog }));
  const reported = fromReport.value as ReportScanResult;
  const reportCalls = await count();
  rows.push({
    area: 'RAM', figure: `Key health from the credential report: ${reported.keys.toLocaleString('en')} keys of ${reported.users.toLocaleString('en')} users`, measuredMs: fromReport.ms - reported.waitedMs,
    naiveMs: scan.ms, naiveNote: `today's per-user pass above (${scanCalls.toLocaleString('en')} calls)`,
    limitMs: reported.roundTrips * LATENCY_MS, limitNote: `${reported.roundTrips} round trips (Generate + ${reported.pages} pages); target ≤ 4`,
    note: `${reported.roundTrips} round trips; not counted: ${reported.polls} polls over ${Math.round(reported.waitedMs)} ms while the report was made (GenerateCredentialReport ${reportCalls.GenerateCredentialReport ?? 0}, GetCredentialReport ${reportCalls.GetCredentialReport ?? 0})`,
  });
  extras.keyHealthFromReport = { ...reported, root: undefined, ms: fromReport.ms, requests: reportCalls };
  reportModel.dispose();
}

async function throttled(endpoint: string, factory: CloudClientFactory): Promise<void> {
  const session = factory.session(THROTTLED_ROOT, 'cn-hangzhou');
  const model = modelFor(session, THROTTLED_ROOT.accessKeyId);
  await model.whenUsersLoaded();
  const burst = Math.ceil(THROTTLE_PER_SECOND / 10);
  await control(endpoint, 'POST', 'rate-limit', { perSecond: THROTTLE_PER_SECOND, burst, product: 'ram' });
  const scan = await timed(() => scanAllKeys(model, { settings: DEFAULT_HEALTH_SETTINGS, now: new Date(), log: silentLog }));
  const limited = await control(endpoint, 'DELETE', 'rate-limit') as { allowed: number; throttled: number };
  const scanned = scan.value as KeyScanResult;

  // The naive way: the same SDK, a fixed 16 at once, each throttled call tried again after the hint.
  const raw = loadSdk().createRamApi({
    credentials: THROTTLED_ROOT, endpoint: { host: endpoint, protocol: 'http' }, regionId: 'cn-hangzhou', connectTimeoutMs: 5000, readTimeoutMs: 30_000,
  });
  const users = (await model.whenUsersLoaded()).users;
  await control(endpoint, 'POST', 'rate-limit', { perSecond: THROTTLE_PER_SECOND, burst, product: 'ram' });
  let gaveUp = 0;
  const persist = async <T>(op: () => Promise<T>): Promise<T | undefined> => {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        return await op();
      } catch (error) {
        const hint = (error as { retryAfter?: number }).retryAfter;
        await new Promise((r) => setTimeout(r, hint && hint > 0 ? hint : 100));
      }
    }
    gaveUp++;
    return undefined;
  };
  const naive = await timed(() => mapBounded(users, KEY_SCAN_PARALLELISM.max, async (user) => {
    const keys = await persist(() => raw.listAccessKeys(user.userName)) ?? [];
    await Promise.all(keys.map((key) => persist(() => raw.getAccessKeyLastUsed(key.accessKeyId, user.userName))));
  }));
  const naiveLimited = await control(endpoint, 'DELETE', 'rate-limit') as { allowed: number; throttled: number };
  const calls = limited.allowed;
  const share = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;
  rows.push({
    area: 'RAM', figure: `Key-health pass, throttled above ${THROTTLE_PER_SECOND}/s: ${scanned.keys.toLocaleString('en')} keys`, measuredMs: scan.ms,
    naiveMs: naive.ms, naiveNote: `fixed ${KEY_SCAN_PARALLELISM.max} at once, retry after the hint: ${naiveLimited.throttled.toLocaleString('en')} throttled (${share(naiveLimited.throttled, naiveLimited.allowed)}), ${gaveUp} given up`,
    limitMs: Math.max((calls / THROTTLE_PER_SECOND) * 1000 - burst * (1000 / THROTTLE_PER_SECOND), rounds(calls, KEY_SCAN_PARALLELISM.max) * LATENCY_MS),
    limitNote: `${calls.toLocaleString('en')} calls at ${THROTTLE_PER_SECOND}/s after a burst of ${burst}`,
    note: `${limited.throttled.toLocaleString('en')} throttled (${share(limited.throttled, calls)}), ${scanned.usersFailed} users failed, parallelism ${scanned.peakParallelism} at most`,
  });
  extras.keyHealthThrottled = { ...scanned, firstError: undefined, ms: scan.ms, emulator: limited, naive: { ms: naive.ms, emulator: naiveLimited, gaveUp } };
  model.dispose();
}

async function slb(endpoint: string, factory: CloudClientFactory): Promise<void> {
  const session = factory.session(BENCH_ROOT, 'cn-hangzhou');
  const count = requestCounter(endpoint);
  const regions = (await session.slb.describeRegions()).map((r) => r.regionId);
  await session.slb.describeLoadBalancers('cn-hangzhou', 1, 1); // a warm connection, not measured
  await count();

  const scan = await timed(() => session.slb.scanRegions(regions));
  const scanCalls = (await count()).DescribeLoadBalancers ?? 0;
  const naive = await timed(async () => {
    let n = 0;
    for (const regionId of regions) {
      for (let page = 1; ; page++) {
        const p = await session.slb.describeLoadBalancers(regionId, page, SLB_MAX_PAGE_SIZE);
        n += p.loadBalancers.length;
        if (page * SLB_MAX_PAGE_SIZE >= p.totalCount) {
          break;
        }
      }
    }
    return n;
  });
  await count();
  // The limit with the parallelism allowed: every page of every region through one pool of
  // SCAN_PARALLELISM, and a region's other pages only after its first (two round trips at least).
  const limitTrips = Math.max(scan.value.some((s) => (s.loadBalancers?.length ?? 0) > SLB_MAX_PAGE_SIZE) ? 2 : 1, rounds(scanCalls, SCAN_PARALLELISM));
  const found = scan.value.reduce((n, s) => n + (s.loadBalancers?.length ?? 0), 0);
  rows.push({
    area: 'SLB', figure: `Find in all ${regions.length} regions (${found.toLocaleString('en')} LBs)`, measuredMs: scan.ms,
    naiveMs: naive.ms, naiveNote: `one region, one page after another (${scanCalls} pages)`,
    limitMs: limitTrips * LATENCY_MS, limitNote: `${scanCalls} pages ÷ ${SCAN_PARALLELISM} at once`,
    note: `${scanCalls} calls`,
  });

  const hz = await timed(() => session.slb.listAllLoadBalancers('cn-hangzhou'));
  const hzCalls = (await count()).DescribeLoadBalancers ?? 0;
  const hzNaive = await timed(async () => {
    for (let page = 1; ; page++) {
      const p = await session.slb.describeLoadBalancers('cn-hangzhou', page, SLB_MAX_PAGE_SIZE);
      if (page * SLB_MAX_PAGE_SIZE >= p.totalCount) {
        return;
      }
    }
  });
  const pages = Math.ceil(BENCH_HZ_LBS / SLB_MAX_PAGE_SIZE);
  const hzTrips = 1 + Math.ceil((pages - 1) / PAGE_PARALLELISM);
  rows.push({
    area: 'SLB', figure: `Page through ${hz.value.length.toLocaleString('en')} LBs in cn-hangzhou`, measuredMs: hz.ms,
    naiveMs: hzNaive.ms, naiveNote: `${pages} pages one after another`,
    limitMs: hzTrips * LATENCY_MS, limitNote: `${hzTrips} round trips (first page, then ${PAGE_PARALLELISM} at once)`,
    note: `${hzCalls} calls`,
  });
}

function runHost(seedFile: string, extension?: string): Record<string, unknown> {
  const mode = extension ? 'baseline' : 'extension';
  // Its own results folder, so a test run at the same time does not clear it.
  const resultsDir = path.join(ROOT, 'test-results', 'bench-host');
  const out = path.join(resultsDir, 'bench', `host-${mode}.json`);
  fs.rmSync(out, { force: true });
  const args = [path.join(ROOT, 'test', 'host', 'run-integration.mjs'), '--tests', path.join(ROOT, 'out', 'test', 'bench', 'host', 'index.js'), '--seed', seedFile];
  if (extension) {
    args.push('--extension', extension);
  }
  console.error(`bench: the extension host (${mode}) in code-server…`);
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BENCH_LATENCY_MS: String(LATENCY_MS), TEST_RESULTS_DIR: resultsDir } });
  if (r.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`the ${mode} run in VS Code failed (exit ${r.status}); see test-results/bench-host/integration/`);
  }
  return JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
}

function sizes(): Record<string, number | undefined> {
  const size = (f: string) => (fs.existsSync(path.join(ROOT, f)) ? fs.statSync(path.join(ROOT, f)).size : undefined);
  return {
    'dist/extension.js': size('dist/extension.js'), 'dist/deferred.js': size('dist/deferred.js'), 'dist/features.js': size('dist/features.js'),
    'dist/sdk.js': size('dist/sdk.js'), 'alibaba-cloud-credentials.vsix': size('alibaba-cloud-credentials.vsix'),
  };
}

/** The kernel bundle that activation loads. */
const KERNEL_TARGET_KB = 150;

const fmtMs = (ms: number | undefined) => (ms === undefined ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(0)} ms`);

function printTable(host: Record<string, unknown> | undefined, baseline: Record<string, unknown> | undefined): void {
  if (host && baseline) {
    printHost(host, baseline);
  }
  printRows();
}

function printHost(host: Record<string, unknown>, baseline: Record<string, unknown>): void {
  type Heap = { heapUsedMB: number; rssMB: number };
  const activation = host.activation as { totalMs: number; codeLoadMs?: number; activateCallMs?: number; sdkLoaded: boolean };
  const first = host.firstCall as { firstMs: number; secondMs: number; sdkAndClientMs: number };
  const loaded = host.loaded as Heap & { users: number; keys: number; usersMs: number; checkMs: number; calls: number; throttled: number; rows: number; rightAfter: Heap; settleMs: number };
  const base = baseline.afterStartup as Heap;
  const started = host.afterStartup as Heap;
  const afterCall = host.afterFirstCall as Heap;
  const mb = (n: number) => `${n.toFixed(1)} MB`;

  console.log(`\nBenchmark — emulator at ${LATENCY_MS} ms per request, VS Code ${String(host.vscode)} (code-server), Node ${process.version}\n`);
  console.log('Activation and size');
  console.log(`  activation (VS Code's marks)       ${activation.totalMs.toFixed(1)} ms  (loading the code ${activation.codeLoadMs?.toFixed(1)} ms + activate() ${activation.activateCallMs?.toFixed(1)} ms); SDK loaded: ${activation.sdkLoaded ? 'yes' : 'no'}; target < ${ACTIVATION_TARGET_MS} ms: ${activation.totalMs < ACTIVATION_TARGET_MS ? 'met' : 'MISSED'}`);
  console.log(`  first cloud call (loads the SDK)    ${fmtMs(first.firstMs)}  (a second call: ${fmtMs(first.secondMs)}; SDK chunk and client: ${fmtMs(first.sdkAndClientMs)})`);
  console.log(`  extension host heap after start-up  ${mb(started.heapUsedMB)}  (without the extension: ${mb(base.heapUsedMB)}; ours: ${mb(started.heapUsedMB - base.heapUsedMB)})`);
  console.log(`  … after the first cloud call        ${mb(afterCall.heapUsedMB)}  (+${mb(afterCall.heapUsedMB - started.heapUsedMB)} for the SDK and a client)`);
  console.log(`  … with ${loaded.users.toLocaleString('en')} users and ${loaded.keys.toLocaleString('en')} keys loaded   ${mb(loaded.heapUsedMB)}  (+${mb(loaded.heapUsedMB - afterCall.heapUsedMB)}; RSS ${mb(loaded.rssMB)}); loaded in ${fmtMs(loaded.usersMs + loaded.checkMs)} in VS Code (${loaded.calls.toLocaleString('en')} calls)`);
  console.log(`    right after the last call: ${mb(loaded.rightAfter.heapUsedMB)} (+${mb(loaded.rightAfter.heapUsedMB - afterCall.heapUsedMB)}): the SDK holds each request until its read timer ends, ${fmtMs(loaded.settleMs)} later`);
  const leaks = host.leakScan as { files: number; bytes: number; ms: number; listMs: number; scanned: number; planted: number; missed: string[]; falsePositives: string[] } | undefined;
  if (leaks) {
    const met = leaks.ms < 5000 && leaks.missed.length === 0 && leaks.falsePositives.length === 0;
    console.log(`  leak scan of ${leaks.files.toLocaleString('en')} files (${(leaks.bytes / 1e6).toFixed(0)} MB) in VS Code   ${fmtMs(leaks.ms)}  (listing ${fmtMs(leaks.listMs)}); ${leaks.scanned.toLocaleString('en')} scanned; ${leaks.planted - leaks.missed.length}/${leaks.planted} planted keys found, ${leaks.falsePositives.length} false positives; target < 5 s: ${met ? 'met' : 'MISSED'}`);
  }
  for (const [file, bytes] of Object.entries(sizes())) {
    // Only the kernel is loaded at activation: it alone has a size target.
    const target = file === 'dist/extension.js' && bytes !== undefined ? `; loaded at start, target ≤ ${KERNEL_TARGET_KB} KB: ${bytes / 1024 <= KERNEL_TARGET_KB ? 'met' : 'MISSED'}` : '';
    console.log(`  ${file.padEnd(34)} ${bytes === undefined ? '— (run npm run package)' : `${(bytes / 1024).toFixed(0)} KB${target}`}`);
  }
}

function printRows(): void {
  console.log('\n| Area | Figure | Measured | Naive way (same SDK) | Physical limit | Measured ÷ limit | Target ≤ 1.5× |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const ratio = r.limitMs ? r.measuredMs / r.limitMs : undefined;
    console.log(`| ${r.area} | ${r.figure}${r.note ? ` — ${r.note}` : ''} | ${fmtMs(r.measuredMs)} | ${fmtMs(r.naiveMs)} (${r.naiveNote}) | ${fmtMs(r.limitMs)} (${r.limitNote}) | ${ratio ? `${ratio.toFixed(2)}×` : '—'} | ${ratio === undefined ? '—' : ratio <= TARGET_RATIO ? 'met' : 'MISSED'} |`);
  }
}

async function leaks(): Promise<void> {
  console.error('bench: leak detection (a generated 5,000-file workspace, a 10,000-line document)…');
  const result = await leakBench();
  rows.push(...result.rows);
  Object.assign(extras, result.extras);
}

async function serving(): Promise<void> {
  console.error('bench: the credentials endpoint for programs (warm requests, 200 at once)…');
  const result = await servingBench();
  rows.push(...result.rows);
  Object.assign(extras, result.extras);
}

async function main(): Promise<void> {
  // BENCH_ONLY=leaks: only the leak-detection figures (no emulator, no VS Code).
  if (process.env.BENCH_ONLY === 'leaks') {
    await leaks();
    printRows();
    return;
  }
  // BENCH_ONLY=serving: only the credentials endpoint's figures.
  if (process.env.BENCH_ONLY === 'serving') {
    await serving();
    printRows();
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'acc-bench-'));
  const seedFile = path.join(work, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify(seedWithThrottledAccount()));
  const hostSeed = path.join(work, 'host-seed.json');
  fs.writeFileSync(hostSeed, JSON.stringify(benchSeed()));
  const { endpoint, child } = await startEmulatorProcess(seedFile);
  const factory = new CloudClientFactory(() => ({
    endpoints: { ram: `http://${endpoint}`, sts: `http://${endpoint}`, slb: `http://${endpoint}`, ims: `http://${endpoint}` }, connectTimeoutMs: 5000, readTimeoutMs: 30_000,
  }), silentLog);
  console.error(`bench: emulator ${endpoint}, ${LATENCY_MS} ms per request, ${BENCH_USERS} users × ${BENCH_KEYS_PER_USER} keys`);
  try {
    await ram(endpoint, factory);
    await throttled(endpoint, factory);
    await slb(endpoint, factory);
  } finally {
    child.kill('SIGTERM');
  }
  await leaks();
  await serving();
  // BENCH_HOST=0: only the service figures (quicker while working on them).
  const withHost = process.env.BENCH_HOST !== '0';
  const host = withHost ? runHost(hostSeed) : undefined;
  const baseline = withHost ? runHost(hostSeed, path.join(ROOT, 'test', 'bench', 'host', 'baseline')) : undefined;
  fs.rmSync(work, { recursive: true, force: true });
  printTable(host, baseline);

  const outDir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const result = {
    date: new Date().toISOString(), latencyMs: LATENCY_MS, node: process.version, targetRatio: TARGET_RATIO, activationTargetMs: ACTIVATION_TARGET_MS,
    rows: rows.map((r) => ({ ...r, ratio: r.limitMs ? r.measuredMs / r.limitMs : undefined })),
    sizes: sizes(), host, baseline, ...extras,
  };
  const file = path.join(outDir, `bench-${result.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(result, null, 2));
  console.log(`\nJSON: ${path.relative(ROOT, file)} (and bench-results/latest.json)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
