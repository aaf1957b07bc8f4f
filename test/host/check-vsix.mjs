#!/usr/bin/env node
// Checks what a .vsix ships: only what runs, with the icon, manifest, translations, README,
// CHANGELOG and LICENSE; no sources, tests, source maps or node_modules; under a size budget.
//   node test/host/check-vsix.mjs [FILE]   (default: the newest *.vsix in the project root)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { log, ROOT, warn } from './util.mjs';

const MAX_VSIX_BYTES = 600 * 1024;

/** The entries of a zip file, from its central directory. */
export function zipEntries(buffer) {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = buffer.readUInt16LE(offset + 10);
    const compressed = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, size, compressed, method, local });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function readEntry(buffer, entry) {
  const nameLength = buffer.readUInt16LE(entry.local + 26);
  const extraLength = buffer.readUInt16LE(entry.local + 28);
  const start = entry.local + 30 + nameLength + extraLength;
  const data = buffer.subarray(start, start + entry.compressed);
  return entry.method === 8 ? inflateRawSync(data) : data;
}

const REQUIRED = [
  'extension/package.json', 'extension/dist/extension.js', 'extension/dist/deferred.js', 'extension/dist/features.js', 'extension/dist/sdk.js', 'extension/package.nls.json',
  'extension/media/icon.png', 'extension/media/activitybar.svg', 'extension/readme.md', 'extension/changelog.md',
  'extension/LICENSE.txt', 'extension.vsixmanifest', '[Content_Types].xml',
];
const ALLOWED = [
  /^extension\/dist\/(extension|deferred|features|sdk)\.js$/, /^extension\/package(\.nls(\.[a-z-]+)?)?\.json$/, /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^extension\/media\/(icon\.png|activitybar\.svg|walkthrough\/[A-Za-z]+\.md)$/, /^extension\/(readme|changelog)\.md$/i, /^extension\/LICENSE(\.txt)?$/,
  /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
];

const file = process.argv[2]
  ? path.resolve(process.argv[2])
  : readdirSync(ROOT).filter((f) => f.endsWith('.vsix')).map((f) => path.join(ROOT, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!file) {
  warn('no .vsix found: run npm run package');
  process.exit(1);
}
const buffer = readFileSync(file);
const entries = zipEntries(buffer);
const names = entries.map((e) => e.name);
const problems = [];
for (const required of REQUIRED) if (!names.includes(required)) problems.push(`missing ${required}`);
for (const name of names) if (!ALLOWED.some((re) => re.test(name))) problems.push(`should not ship: ${name}`);
if (buffer.length > MAX_VSIX_BYTES) problems.push(`too large: ${buffer.length} bytes > ${MAX_VSIX_BYTES}`);
const manifest = JSON.parse(readEntry(buffer, entries.find((e) => e.name === 'extension/package.json')).toString('utf8'));
for (const field of ['icon', 'galleryBanner', 'categories', 'keywords', 'repository', 'bugs', 'license']) {
  if (!manifest[field]) problems.push(`package.json lacks "${field}"`);
}
const bundle = readEntry(buffer, entries.find((e) => e.name === 'extension/dist/extension.js')).toString('utf8');
if (/sourceMappingURL/.test(bundle)) problems.push('dist/extension.js points at a source map (not a production build)');
if (/@alicloud\/ram20150501|openapi-core/.test(bundle)) problems.push('dist/extension.js contains the Alibaba SDK (it belongs in dist/sdk.js)');
// What activation loads is the kernel alone: it must stay light (commands and trees live in dist/features.js).
const KERNEL_MAX_BYTES = 150 * 1024;
if (bundle.length > KERNEL_MAX_BYTES) problems.push(`dist/extension.js is ${(bundle.length / 1024).toFixed(1)} KB, over the ${KERNEL_MAX_BYTES / 1024} KB loaded at start`);
const features = readEntry(buffer, entries.find((e) => e.name === 'extension/dist/features.js') ?? entries[0]).toString('utf8');
if (/@alicloud\/ram20150501|openapi-core/.test(features)) problems.push('dist/features.js contains the Alibaba SDK (it belongs in dist/sdk.js)');
if (!features.includes('coreModules')) problems.push('dist/features.js does not share the kernel\'s modules (it would carry copies of them)');

for (const e of entries) log(`${String(e.size).padStart(9)}  ${e.name}`);
log(`${path.basename(file)}: ${entries.length} files, ${(buffer.length / 1024).toFixed(1)} KB`);
if (problems.length) {
  for (const p of problems) warn(`VSIX check: ${p}`);
  process.exit(1);
}
log('VSIX check passed');
