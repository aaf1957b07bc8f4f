import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as $Ram from '@alicloud/ram20150501';
import type { RunningEmulator } from './server';
import { K, ram, rejects, sts, testSeed } from './helpers';

const ROOT_DIR = path.resolve(__dirname, '..', '..', '..');
const START = path.join(ROOT_DIR, 'test', 'emulator', 'start.mjs');

interface Running {
  child: ChildProcess;
  endpoint: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Spawns the CLI and resolves once it printed its stdout line. */
function launch(args: string[], command = process.execPath, prefix: string[] = [START]): Promise<Running> {
  const child = spawn(command, [...prefix, ...args], { cwd: ROOT_DIR, stdio: ['ignore', 'pipe', 'pipe'], detached: command !== process.execPath });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no endpoint line; stderr: ${err}`)), 15_000);
    const check = (): void => {
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        const line = out.slice(0, nl);
        const parsed = JSON.parse(line) as { endpoint: string };
        resolve({ child, endpoint: parsed.endpoint, stdout: () => out, stderr: () => err, exit });
      }
    };
    child.stdout?.on('data', check);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing the endpoint; stderr: ${err}`));
    });
  });
}

/** Runs the CLI expecting it to exit by itself. */
function runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [START, ...args], { cwd: ROOT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const asEmu = (endpoint: string): RunningEmulator =>
  ({ endpoint, port: Number(endpoint.split(':')[1]) }) as unknown as RunningEmulator;

describe('emulator: command line (node test/emulator/start.mjs)', function () {
  this.timeout(30_000);
  let dir: string;
  let seedFile: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-cli-'));
    seedFile = path.join(dir, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify(testSeed()));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--seed: prints exactly one JSON line, serves the seed, logs masked key ids on stderr, exits 0 on SIGTERM', async () => {
    const run = await launch(['--seed', seedFile]);
    assert.match(run.endpoint, /^127\.0\.0\.1:\d+$/);
    const emu = asEmu(run.endpoint);
    const who = await sts(emu, K.root).getCallerIdentity();
    assert.strictEqual(who.body?.identityType, 'Account');
    await rejects(ram(emu, K.carol).listUsers(new $Ram.ListUsersRequest({})), { code: 'NoPermission' });
    run.child.kill('SIGTERM');
    assert.strictEqual(await run.exit, 0);
    assert.strictEqual(run.stdout(), `{"endpoint":"${run.endpoint}"}\n`);
    const err = run.stderr();
    assert.match(err, /STS GetCallerIdentity LTAI\*\*\*\*0001 200 OK/);
    assert.match(err, /RAM ListUsers LTAI\*\*\*\*0001 403 NoPermission/);
    for (const cred of Object.values(K)) {
      assert.ok(!err.includes(cred.accessKeySecret), 'a secret in the log');
      assert.ok(!err.includes(cred.accessKeyId), 'an unmasked key id in the log');
    }
    assert.ok(!/Signature=|Authorization|ACS3-HMAC/.test(err), 'a signature in the log');
  });

  it('exits 0 on SIGINT', async () => {
    const run = await launch(['--seed', seedFile]);
    run.child.kill('SIGINT');
    assert.strictEqual(await run.exit, 0);
  });

  it('without --seed serves the built-in demo data; --port picks the port', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const run = await launch([`--port=${port}`]);
    try {
      assert.strictEqual(run.endpoint, `127.0.0.1:${port}`);
      const alice = { accessKeyId: 'LTAI5tDemoAliceKey000001', accessKeySecret: 'demo-secret-alice-not-real-0001' };
      const users = await ram(asEmu(run.endpoint), alice).listUsers(new $Ram.ListUsersRequest({}));
      assert.ok(users.body?.users?.user?.some((u) => u.userName === 'dave'));
    } finally {
      run.child.kill('SIGTERM');
      assert.strictEqual(await run.exit, 0);
    }
  });

  it('--port-per-product: one line with "endpoint" (RAM\'s) and "endpoints" per product; a product on another\'s port is refused', async () => {
    const run = await launch(['--seed', seedFile, '--port-per-product']);
    try {
      const line = JSON.parse(run.stdout().trim()) as { endpoint: string; endpoints: Record<string, string> };
      assert.deepStrictEqual(Object.keys(line), ['endpoint', 'endpoints']);
      assert.deepStrictEqual(Object.keys(line.endpoints), ['ram', 'sts', 'slb', 'ims']);
      assert.strictEqual(line.endpoint, line.endpoints.ram);
      assert.strictEqual(new Set(Object.values(line.endpoints)).size, 4);
      assert.strictEqual(run.stdout(), `${JSON.stringify(line)}\n`);
      assert.strictEqual((await sts(asEmu(line.endpoints.sts), K.root).getCallerIdentity()).body?.identityType, 'Account');
      await rejects(sts(asEmu(line.endpoints.ram), K.root).getCallerIdentity(), { code: 'InvalidApi.NotFound', statusCode: 404 });
      for (const endpoint of Object.values(line.endpoints)) {
        assert.strictEqual((await fetch(`http://${endpoint}/__emulator/health`)).status, 200);
      }
    } finally {
      run.child.kill('SIGTERM');
      assert.strictEqual(await run.exit, 0);
    }
  });

  it('--latency-ms delays every answer', async () => {
    const run = await launch(['--seed', seedFile, '--latency-ms', '300']);
    try {
      const t0 = Date.now();
      await sts(asEmu(run.endpoint), K.root).getCallerIdentity();
      assert.ok(Date.now() - t0 >= 290, `took ${Date.now() - t0} ms`);
    } finally {
      run.child.kill('SIGTERM');
      await run.exit;
    }
  });

  it('a bad seed file → exit 2 with a message naming the file and the problem, nothing on stdout', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"accounts": [{"accountId": "1", "rootAccessKeys": [{"accessKeyId": "LTAIx"}]}]}');
    const r = await runToExit(['--seed', bad]);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.stdout, '');
    assert.ok(r.stderr.includes(bad), r.stderr);
    assert.match(r.stderr, /accounts\[0\]\.rootAccessKeys\[0\]\.accessKeySecret is required/);

    const notJson = path.join(dir, 'not.json');
    fs.writeFileSync(notJson, 'accounts: []');
    const r2 = await runToExit(['--seed', notJson]);
    assert.strictEqual(r2.code, 2);
    assert.match(r2.stderr, /is not valid JSON/);

    const r3 = await runToExit(['--seed', path.join(dir, 'missing.json')]);
    assert.strictEqual(r3.code, 2);
    assert.match(r3.stderr, /missing\.json: the file does not exist/);
  });

  it('bad arguments → usage on stderr, exit 2', async () => {
    for (const args of [['--port', 'abc'], ['--bogus'], ['--port', '70000'], ['--seed'], ['--latency-ms', '-5'], ['--port-per-product=yes']]) {
      const r = await runToExit(args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.stderr, /usage: npm run emulator -- \[--port N\] \[--seed FILE\] \[--latency-ms N\]/);
      assert.strictEqual(r.stdout, '');
    }
  });

  it('`npm run emulator` prints only the endpoint line on stdout (no npm banner)', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = await launch(['--seed', seedFile], npm, ['run', 'emulator', '--']);
    try {
      await sts(asEmu(run.endpoint), K.root).getCallerIdentity();
      assert.strictEqual(run.stdout(), `{"endpoint":"${run.endpoint}"}\n`);
    } finally {
      if (run.child.pid) {
        process.kill(-run.child.pid, 'SIGTERM');
      }
      await run.exit;
    }
  });
});
