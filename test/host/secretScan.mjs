// Looking for secrets where they must not be: every file under some folders, searched for each
// secret as UTF-8, UTF-16LE, UTF-16BE (IndexedDB's own encoding of string keys) and base64 (at all
// three alignments). What a byte search cannot see: blocks LevelDB compacted with snappy (Chromium's
// IndexedDB and localStorage `.ldb` tables) and values Chromium stores compressed; the decoded read
// of the browser's storage (browserStorage.mjs) covers those.
import { closeSync, lstatSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The bytes to look for: the secret as UTF-8 and UTF-16, and the parts of its base64 that do not depend on what surrounds it. */
export function needlesFor(secret) {
  const utf8 = Buffer.from(secret, 'utf8');
  const needles = [
    { encoding: 'utf8', bytes: utf8 },
    { encoding: 'utf16le', bytes: Buffer.from(secret, 'utf16le') },
    { encoding: 'utf16be', bytes: Buffer.from(secret, 'utf16le').swap16() },
  ];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), utf8]).toString('base64');
    // Characters of whole 3-byte groups made of the secret's bytes only.
    const core = encoded.slice(offset ? 4 : 0, 4 * Math.floor((offset + utf8.length) / 3));
    if (core.length >= 12) needles.push({ encoding: `base64+${offset}`, bytes: Buffer.from(core) });
  }
  return needles;
}

/** Every regular file under `root` (symlinks not followed), minus the excluded paths. */
export function listFiles(root, exclude = [], out = []) {
  let stat;
  try {
    stat = lstatSync(root);
  } catch {
    return out;
  }
  if (exclude.some((e) => root === e || root.startsWith(e + path.sep))) return out;
  if (stat.isFile()) {
    out.push(root);
    return out;
  }
  if (!stat.isDirectory()) return out;
  let entries;
  try {
    entries = readdirSync(root);
  } catch {
    return out;
  }
  for (const name of entries.sort()) listFiles(path.join(root, name), exclude, out);
  return out;
}

const CHUNK = 4 * 1024 * 1024;

/** Which needles occur in the file; read in overlapping chunks, so large files cost no more memory. */
function searchFile(file, needles, overlap) {
  const found = new Set();
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch {
    return found; // gone, or not readable (a socket): nothing written there to find
  }
  try {
    const buffer = Buffer.alloc(CHUNK + overlap);
    let carry = 0;
    for (;;) {
      const read = readSync(fd, buffer, carry, CHUNK, null);
      const view = buffer.subarray(0, carry + read);
      for (const n of needles) if (!found.has(n) && view.includes(n.bytes)) found.add(n);
      if (read === 0) break;
      carry = Math.min(overlap, view.length);
      view.copy(buffer, 0, view.length - carry);
    }
  } finally {
    closeSync(fd);
  }
  return found;
}

/**
 * Search every file under `roots` (minus `exclude`) for every secret. Returns the files scanned
 * and the findings `{ file, secret (first 6 characters), full, encoding }` (`full` is never printed).
 */
export function scanForSecrets({ roots, exclude = [], secrets }) {
  const unique = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= 8))];
  const needles = unique.flatMap((secret) => needlesFor(secret).map((n) => ({ ...n, secret })));
  const overlap = Math.max(0, ...needles.map((n) => n.bytes.length)) - 1;
  const excluded = exclude.map((e) => path.resolve(e));
  const files = [...new Set(roots.flatMap((r) => listFiles(path.resolve(r), excluded)))];
  const findings = [];
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += lstatSync(file).size;
    } catch { /* gone */ }
    for (const n of searchFile(file, needles, overlap)) findings.push({ file, secret: `${n.secret.slice(0, 6)}…`, full: n.secret, encoding: n.encoding });
  }
  return { files, bytes, secrets: unique.length, findings };
}

/**
 * A scanner that never finds anything proves nothing: plant a made-up secret in a temporary
 * folder in each encoding (base64 inside a longer base64 text, at an odd offset) next to a clean
 * file, and check that exactly the planted files are reported, each in its encoding.
 */
export function selfCheck() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secret-scan-check-'));
  try {
    const secret = `planted-${Math.random().toString(36).slice(2, 12)}-not-real`;
    const planted = {
      'utf8.log': { bytes: Buffer.from(`2025 [info] value=${secret} end\n`), encoding: 'utf8' },
      // The euro sign keeps the two byte orders apart: ASCII in one is the other shifted by a byte.
      'utf16.bin': { bytes: Buffer.from(`{"v":"\u20ac${secret}"}`, 'utf16le'), encoding: 'utf16le' },
      'utf16be.bin': { bytes: Buffer.from(`k${secret}\u20ac`, 'utf16le').swap16(), encoding: 'utf16be' },
      'base64.txt': { bytes: Buffer.from(Buffer.from(`xy${secret}z`).toString('base64')), encoding: 'base64+2' },
    };
    for (const [name, { bytes }] of Object.entries(planted)) writeFileSync(path.join(dir, name), bytes);
    writeFileSync(path.join(dir, 'clean.log'), `nothing here but ${secret.slice(0, 7)}\n`);
    // A large file with the secret across a chunk boundary.
    const big = Buffer.alloc(CHUNK + 64, 0x2e);
    Buffer.from(secret).copy(big, CHUNK - 5);
    writeFileSync(path.join(dir, 'boundary.bin'), big);
    const { findings, files } = scanForSecrets({ roots: [dir], secrets: [secret] });
    const got = findings.map((f) => `${path.basename(f.file)}:${f.encoding}`).sort();
    const want = [...Object.entries(planted).map(([name, p]) => `${name}:${p.encoding}`), 'boundary.bin:utf8'].sort();
    const ok = files.length === 6 && JSON.stringify(got) === JSON.stringify(want);
    return { ok, detail: ok ? `found the planted secret in ${want.length} of 6 files, as planted` : `expected ${want.join(', ')}; got ${got.join(', ') || 'nothing'}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every `accessKeySecret` and `securityToken` anywhere in a seed object. */
export function seedSecrets(seed, out = []) {
  if (Array.isArray(seed)) for (const v of seed) seedSecrets(v, out);
  else if (seed && typeof seed === 'object') {
    for (const [key, value] of Object.entries(seed)) {
      if ((key === 'accessKeySecret' || key === 'securityToken') && typeof value === 'string') out.push(value);
      else seedSecrets(value, out);
    }
  }
  return out;
}

/** Every secret the emulator knows: its seed's, and every one it issued during the run (created keys, STS tokens). */
export async function emulatorSecrets(endpoint) {
  const res = await fetch(`http://${endpoint}/__emulator/secrets`);
  if (!res.ok) throw new Error(`the emulator answered GET /__emulator/secrets with ${res.status}: it must list its secrets for the scan`);
  const { secrets } = await res.json();
  if (!Array.isArray(secrets)) throw new Error('GET /__emulator/secrets did not return { "secrets": [...] }');
  return secrets;
}
