import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The floors of src/, lowest first. A file imports only files on its own floor or below, and the
// import graph has no cycle. Type-only imports count too: a type from a higher floor ties the lower
// one to it just the same (it cannot be read, tested or reused without the higher one).
const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

const LAYERS: ReadonlyArray<{ readonly name: string; readonly holds: (file: string) => boolean }> = [
  // Small and generic; constants.ts (the typed ids) imports nothing, so every floor may use it.
  { name: 'util', holds: (f) => f.startsWith('util/') || f === 'constants.ts' },
  // The only code that imports the Alibaba Cloud SDK; no `vscode`.
  { name: 'aliyun', holds: (f) => f.startsWith('aliyun/') },
  // Profiles, their store, sessions and keys; no `vscode`.
  { name: 'credentials', holds: (f) => f.startsWith('credentials/') },
  // Finding keys written into files: built on the profiles, used by the views and commands.
  { name: 'leaks', holds: (f) => f.startsWith('leaks/') },
  // What the person sees; config.ts reads VS Code's settings, as the views do.
  { name: 'views', holds: (f) => f.startsWith('views/') || f === 'config.ts' },
  { name: 'commands', holds: (f) => f.startsWith('commands/') },
  // Composition only.
  { name: 'extension', holds: (f) => f === 'extension.ts' || f === 'features.ts' },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The module specifiers a file names: import/export … from, side-effect imports, import(), require(). */
function specifiers(text: string): string[] {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  const patterns = [
    /\b(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...code.matchAll(p)].map((m) => m[1]));
}

/** A relative specifier as the file under src/ it names (posix, relative to src/). */
function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) {
    return undefined; // vscode, node:…, the SDK
  }
  const base = path.resolve(path.dirname(path.join(SRC, from)), spec);
  const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
  assert.ok(found, `${from} imports ${spec}, which is no file under src/`);
  return path.relative(SRC, found).split(path.sep).join('/');
}

const files = sourceFiles(SRC).map((f) => path.relative(SRC, f).split(path.sep).join('/')).sort();
const graph = new Map(files.map((file) => [
  file,
  [...new Set(specifiers(fs.readFileSync(path.join(SRC, file), 'utf8')).map((s) => resolve(file, s)).filter((f): f is string => !!f))],
]));
const layerOf = (file: string) => LAYERS.findIndex((l) => l.holds(file));

describe('src/ layers', () => {
  it('finds the files and their imports', () => {
    assert.ok(files.length > 50 && graph.get('features.ts')?.includes('commands/registerCommands.ts'), 'the parser reads no imports');
  });

  it('puts every file on a floor', () => {
    assert.deepEqual(files.filter((f) => layerOf(f) < 0), [], 'files on no floor: say in LAYERS where they belong');
  });

  it('imports only from the same floor or below', () => {
    const upward = [...graph].flatMap(([file, imports]) => imports
      .filter((to) => layerOf(to) > layerOf(file))
      .map((to) => `${file} (${LAYERS[layerOf(file)]?.name}) → ${to} (${LAYERS[layerOf(to)]?.name})`));
    assert.deepEqual(upward, []);
  });

  it('has no import cycle', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') {
        return;
      }
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const to of graph.get(file) ?? []) {
        visit(to, [...trail, file]);
      }
      state.set(file, 'done');
    };
    files.forEach((f) => visit(f, []));
    assert.deepEqual(cycles, []);
  });
});
