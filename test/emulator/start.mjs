// Entry point of `npm run emulator` (see cli.ts and README.md). Works on a fresh clone right after
// `npm ci`: it bundles test/emulator/cli.ts with the installed esbuild into a cache file in the OS
// temp folder, keyed by a hash of the emulator sources, and runs it. Nothing is printed on stdout
// here; the only stdout line is the CLI's {"endpoint":"127.0.0.1:PORT"}.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Until the CLI installs its own handlers (it does before listening), a signal simply exits 0.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) {
      process.exit(0);
    }
  });
}

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const sources = readdirSync(here)
  .filter((f) => (f.endsWith('.ts') && !f.endsWith('.test.ts')) || f.endsWith('.json'))
  .sort();
const hash = createHash('sha256').update(process.version);
for (const f of sources) {
  hash.update(`\0${f}\0`).update(readFileSync(join(here, f)));
}
const cacheDir = join(tmpdir(), 'alibaba-cloud-emulator');
const bundle = join(cacheDir, `cli-${hash.digest('hex').slice(0, 20)}.cjs`);

if (!existsSync(bundle)) {
  const tmp = `${bundle}.${process.pid}.tmp`;
  try {
    const esbuild = await import('esbuild');
    mkdirSync(cacheDir, { recursive: true });
    await esbuild.build({
      entryPoints: [join(here, 'cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: tmp,
      logLevel: 'silent',
      packages: 'external',
    });
    renameSync(tmp, bundle);
  } catch (err) {
    rmSync(tmp, { force: true });
    process.stderr.write(`emulator: cannot build test/emulator/cli.ts: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

const { main } = require(bundle);
await main(process.argv.slice(2));
