// The project's local Alibaba Cloud: spawn its CLI, read the one JSON line it prints, stop it.
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, spawnGroup, stopGroup } from './util.mjs';

export const EMULATOR_SCRIPT = path.join(ROOT, 'test', 'emulator', 'start.mjs');

/** The products of the alibabaCloud.endpoints setting, each on the one port unless the emulator says otherwise. */
const PRODUCTS = ['ram', 'sts', 'slb', 'ims'];
const ADDRESS = /^127\.0\.0\.1:\d+$/;

/**
 * Start the emulator (demo data unless `seed` is given; each product on its own port with
 * `portPerProduct`). Resolves once it listens to `{ endpoint: '127.0.0.1:PORT' (RAM's; the control
 * API answers on every port), endpoints: { ram, sts, slb, … }, url: 'http://' + endpoint, stop() }`.
 */
export async function startEmulator({ seed, script = EMULATOR_SCRIPT, logFile, timeoutMs = 30000, extraArgs = [], portPerProduct = false } = {}) {
  if (!existsSync(script)) throw new Error(`emulator not found at ${script}`);
  if (seed && !existsSync(seed)) throw new Error(`seed file not found: ${seed}`);
  const args = [script, ...(seed ? ['--seed', seed] : []), ...(portPerProduct ? ['--port-per-product'] : []), ...extraArgs];
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
    const { endpoint, endpoints } = await new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`emulator printed no endpoint within ${timeoutMs / 1000} s`)), timeoutMs);
      child.once('error', reject);
      child.exited.then(({ code, signal }) => reject(new Error(`emulator exited before listening (code ${code}, signal ${signal})`)));
      lines.once('line', (line) => {
        try {
          const parsed = JSON.parse(line);
          if (typeof parsed.endpoint !== 'string' || !ADDRESS.test(parsed.endpoint)) throw new Error('no endpoint');
          const each = parsed.endpoints ?? Object.fromEntries(PRODUCTS.map((p) => [p, parsed.endpoint]));
          if (portPerProduct && !parsed.endpoints) throw new Error('no endpoints');
          if (!Object.values(each).every((e) => typeof e === 'string' && ADDRESS.test(e))) throw new Error('bad endpoints');
          resolve({ endpoint: parsed.endpoint, endpoints: each });
        } catch {
          const shape = portPerProduct ? '{"endpoint":"127.0.0.1:PORT","endpoints":{"ram":"127.0.0.1:PORT",…}}' : '{"endpoint":"127.0.0.1:PORT"}';
          reject(new Error(`emulator's first stdout line is not ${shape}: ${line}`));
        }
      });
    });
    // Anything further on stdout breaks the contract but must not block the pipe; keep it in the log.
    lines.on('line', (line) => out?.write(`[stdout] ${line}\n`));
    return { endpoint, endpoints, url: `http://${endpoint}`, child, stop: () => stopGroup(child, 5000) };
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

/**
 * The alibabaCloud.endpoints setting for the emulator: from its per-product map (`emulator.endpoints`),
 * `http://127.0.0.1:P` for each product, or from one `'127.0.0.1:PORT'` for every product.
 */
export function endpointsSetting(endpoints) {
  const map = typeof endpoints === 'string' ? Object.fromEntries(PRODUCTS.map((p) => [p, endpoints])) : endpoints;
  return Object.fromEntries(Object.entries(map).map(([product, endpoint]) => [product, `http://${endpoint}`]));
}

/**
 * The seed has one CloudSSO directory, so parts add to it: their access configurations and users
 * (ids and names must not clash), display names; a setting (lifetimes, page size, client id) comes
 * from whichever part sets it, and two parts that set it differently fail the merge.
 */
function mergeCloudSso(into, part, file) {
  if (!into) return { ...part };
  const out = { ...into };
  for (const list of ['accessConfigurations', 'users']) {
    const key = list === 'users' ? 'userName' : 'id';
    const taken = new Set((into[list] ?? []).map((x) => String(x[key]).toLowerCase()));
    for (const x of part[list] ?? []) {
      if (taken.has(String(x[key]).toLowerCase())) throw new Error(`seed part ${file}: cloudSso.${list} "${x[key]}" is in another part too`);
    }
    out[list] = [...(into[list] ?? []), ...(part[list] ?? [])];
  }
  out.accountDisplayNames = { ...(into.accountDisplayNames ?? {}), ...(part.accountDisplayNames ?? {}) };
  for (const [name, value] of Object.entries(part)) {
    if (['accessConfigurations', 'users', 'accountDisplayNames'].includes(name)) continue;
    if (out[name] !== undefined && out[name] !== value) throw new Error(`seed part ${file}: cloudSso.${name} is ${JSON.stringify(value)} here and ${JSON.stringify(out[name])} in another part`);
    out[name] = value;
  }
  return out;
}

/**
 * One seed from parts: the accounts (and CloudSSO directory) of `base` (a seed file; optional) and of every `*.json` in
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
    if (part.cloudSso) merged.cloudSso = mergeCloudSso(merged.cloudSso, part.cloudSso, file);
  }
  writeFileSync(out, JSON.stringify(merged));
  return { file: out, seed: merged, parts };
}
