// The project's local Alibaba Cloud: spawn its CLI, read the one JSON line it prints, stop it.
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, spawnGroup, stopGroup } from './util.mjs';

export const EMULATOR_SCRIPT = path.join(ROOT, 'test', 'emulator', 'start.mjs');

/**
 * Start the emulator (demo data unless `seed` is given). Resolves to
 * `{ endpoint: '127.0.0.1:PORT', url: 'http://127.0.0.1:PORT', stop() }` once it listens.
 */
export async function startEmulator({ seed, script = EMULATOR_SCRIPT, logFile, timeoutMs = 30000, extraArgs = [] } = {}) {
  if (!existsSync(script)) throw new Error(`emulator not found at ${script}`);
  if (seed && !existsSync(seed)) throw new Error(`seed file not found: ${seed}`);
  const args = [script, ...(seed ? ['--seed', seed] : []), ...extraArgs];
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  const child = spawnGroup(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = openLog(logFile);
  let stderrTail = '';
  child.stderr.on('data', (d) => {
    out?.write(d);
    stderrTail = (stderrTail + d.toString()).slice(-3000);
  });
  child.exited.then(() => out?.end());

  const lines = createInterface({ input: child.stdout });
  let timer;
  try {
    const endpoint = await new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`emulator printed no endpoint within ${timeoutMs / 1000} s`)), timeoutMs);
      child.once('error', reject);
      child.exited.then(({ code, signal }) => reject(new Error(`emulator exited before listening (code ${code}, signal ${signal})`)));
      lines.once('line', (line) => {
        try {
          const parsed = JSON.parse(line);
          if (typeof parsed.endpoint !== 'string' || !/^127\.0\.0\.1:\d+$/.test(parsed.endpoint)) throw new Error('no endpoint');
          resolve(parsed.endpoint);
        } catch {
          reject(new Error(`emulator's first stdout line is not {"endpoint":"127.0.0.1:PORT"}: ${line}`));
        }
      });
    });
    // Anything further on stdout breaks the contract but must not block the pipe; keep it in the log.
    lines.on('line', (line) => out?.write(`[stdout] ${line}\n`));
    return { endpoint, url: `http://${endpoint}`, child, stop: () => stopGroup(child, 5000) };
  } catch (err) {
    await stopGroup(child, 2000);
    const hint = stderrTail.trim() ? `\n--- emulator stderr ---\n${stderrTail.trim()}` : '';
    throw new Error(`${err.message}${hint}`);
  } finally {
    clearTimeout(timer);
  }
}

function openLog(file) {
  if (!file) return undefined;
  mkdirSync(path.dirname(file), { recursive: true });
  return createWriteStream(file, { flags: 'a' }).on('error', () => {});
}

/** The setting value the extension reads its endpoints from. */
export function endpointsSetting(endpoint) {
  const url = `http://${endpoint}`;
  return { ram: url, sts: url, slb: url };
}

/**
 * One seed from parts: the accounts of `base` (a seed file; optional) and of every `*.json` in
 * `partsDir`, or `*.mjs` whose default export is a seed or a function returning one, so each
 * feature's tests keep their own account and data. Written to `out`; returns `{ file, seed, parts }`.
 */
export async function mergeSeeds({ base, partsDir, out, description }) {
  const merged = base ? JSON.parse(readFileSync(base, 'utf8')) : { accounts: [] };
  if (description) merged.description = description;
  const parts = existsSync(partsDir) ? readdirSync(partsDir).filter((f) => /\.(json|mjs)$/.test(f)).sort() : [];
  for (const file of parts) {
    const full = path.join(partsDir, file);
    let part;
    if (file.endsWith('.json')) part = JSON.parse(readFileSync(full, 'utf8'));
    else {
      const mod = await import(pathToFileURL(full).href);
      part = typeof mod.default === 'function' ? await mod.default() : mod.default;
    }
    merged.accounts.push(...(part.accounts ?? []));
  }
  writeFileSync(out, JSON.stringify(merged));
  return { file: out, seed: merged, parts };
}
