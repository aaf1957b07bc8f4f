/**
 * Command line of the emulator (the public contract):
 *   npm run emulator -- [--port N] [--seed FILE] [--latency-ms N] [--port-per-product]
 * Prints exactly one line, {"endpoint":"127.0.0.1:PORT"} (plus "endpoints" with
 * --port-per-product), on stdout once listening; logs go to
 * stderr; SIGINT/SIGTERM close it with exit code 0; bad arguments or a bad seed file exit 2.
 * `test/emulator/start.mjs` bundles and runs this file (no build needed).
 */
import { RunningEmulator, startEmulator } from './server';
import { SeedError } from './seed';

export const USAGE = [
  'usage: npm run emulator -- [--port N] [--seed FILE] [--latency-ms N] [--port-per-product]',
  '  --port N            TCP port on 127.0.0.1 (default 0: pick a free port); with --port-per-product, RAM\'s',
  '  --seed FILE         seed JSON file (default: the built-in demo data, test/emulator/demo-seed.json)',
  '  --latency-ms N      delay every API answer by N milliseconds (default 0)',
  '  --port-per-product  each product on its own port (RAM, STS, SLB, IMS); the others pick free ports',
  'When listening it prints {"endpoint":"127.0.0.1:PORT"} on stdout (with --port-per-product also',
  '"endpoints":{"ram":…,"sts":…,"slb":…,"ims":…}); logs go to stderr.',
  'Stop it with SIGINT or SIGTERM. See test/emulator/README.md.',
].join('\n');

export interface CliOptions {
  port: number;
  seed?: string;
  latencyMs: number;
  portPerProduct: boolean;
  help: boolean;
}

export class UsageError extends Error {}

function intArg(name: string, value: string | undefined, max: number): number {
  if (value === undefined || value === '') {
    throw new UsageError(`${name} needs a value`);
  }
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError(`${name} must be an integer from 0 to ${max} (got ${JSON.stringify(value)})`);
  }
  return Number(value);
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { port: 0, latencyMs: 0, portPerProduct: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      opts.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (name) {
      case '--port':
        opts.port = intArg('--port', value(), 65535);
        break;
      case '--latency-ms':
        opts.latencyMs = intArg('--latency-ms', value(), 600_000);
        break;
      case '--port-per-product':
        if (inline !== undefined) {
          throw new UsageError('--port-per-product takes no value');
        }
        opts.portPerProduct = true;
        break;
      case '--seed': {
        const file = value();
        if (file === undefined || file === '' || file.startsWith('--')) {
          throw new UsageError('--seed needs a file name');
        }
        opts.seed = file;
        break;
      }
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return opts;
}

export async function main(argv: readonly string[]): Promise<void> {
  const err = (text: string): void => {
    process.stderr.write(`${text}\n`);
  };
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    err(`emulator: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    err(USAGE);
    process.exit(0);
  }
  // Signal handlers first: a signal that arrives while nothing handles it would kill the process
  // with the default action (exit code null) instead of exit 0.
  let emu: RunningEmulator | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    err(`[emulator] ${signal}: shutting down`);
    setTimeout(() => process.exit(0), 2000).unref();
    if (!emu) {
      process.exit(0);
    }
    emu.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    emu = await startEmulator({
      port: opts.port,
      seed: opts.seed,
      latencyMs: opts.latencyMs,
      portPerProduct: opts.portPerProduct,
      log: (line) => err(`[emulator] ${line}`),
    });
  } catch (e) {
    if (e instanceof SeedError) {
      err(`emulator: ${e.message}`);
      process.exit(2);
    }
    const code = (e as NodeJS.ErrnoException).code;
    err(`emulator: cannot start: ${code === 'EADDRINUSE' ? `port ${opts.port} is already in use` : (e as Error).message}`);
    process.exit(1);
  }
  if (stopping) {
    await emu.close();
    process.exit(0);
  }
  const line = opts.portPerProduct ? { endpoint: emu.endpoint, endpoints: emu.endpoints } : { endpoint: emu.endpoint };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  const where = opts.portPerProduct
    ? Object.entries(emu.endpoints).map(([product, endpoint]) => `${product.toUpperCase()} http://${endpoint}`).join(', ')
    : `http://${emu.endpoint}`;
  err(
    `[emulator] listening on ${where} (RAM 2015-05-01, STS 2015-04-01, SLB 2014-05-15, IMS 2019-08-15)` +
      `${opts.seed ? ` seed ${opts.seed}` : ' with the built-in demo data'}${opts.latencyMs ? `, latency ${opts.latencyMs} ms` : ''}`,
  );
  if (emu.signInUrl) {
    err(`[emulator] CloudSSO sign-in URL ${emu.signInUrl}`);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2));
}
