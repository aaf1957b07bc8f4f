// Bundles the extension in four chunks, so that activation loads only the kernel:
//   dist/extension.js  the kernel: profiles, sessions, status bar, terminals, command stubs
//   dist/deferred.js   the kernel's modules that it reaches only through a require() in a function
//                      (the credentials endpoint, the cloud services), required on that first call
//   dist/features.js   commands, trees and the leak guard, required on first use
//   dist/sdk.js        the Alibaba Cloud SDK, required on the first cloud call
// The other chunks share the kernel's modules instead of carrying copies: every import of a module
// another chunk holds becomes a lookup in that chunk's `coreModules`, so there is one ProfileStore
// class, one error hierarchy (instanceof works across chunks) and one module state.
//   node esbuild.mjs               development: sourcemaps, not minified
//   node esbuild.mjs --production  minified, no sourcemaps
//   node esbuild.mjs --watch       rebuild on change (all four chunks, in order)
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** `require('./sdk')` (src/aliyun) and `require('./features')` (src/extension.ts) stay runtime requires of sibling chunks. */
const siblingChunks = {
  name: 'sibling-chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\/(sdk|features)$/ }, (args) => {
      const importer = args.importer.replace(/\\/g, '/');
      if (args.path === './sdk' && importer.endsWith('src/aliyun/clientFactory.ts')) return { path: './sdk.js', external: true };
      if (args.path === './features' && importer.endsWith('src/extension.ts') && args.kind === 'require-call') return { path: './features.js', external: true };
      return undefined;
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  metafile: true,
};

const rel = (file) => path.relative(ROOT, path.resolve(ROOT, file)).replace(/\\/g, '/');

/**
 * The kernel's own modules (src/ only), from a build of src/extension.ts: `eager`, what its static
 * imports reach, runs at load; `lazy`, reached only through a require() in a function (the
 * credentials endpoint, the cloud services), goes to dist/deferred.js.
 */
async function kernelModules() {
  const probe = await esbuild.build({ ...common, absWorkingDir: ROOT, entryPoints: ['src/extension.ts'], write: false, sourcemap: false, plugins: [siblingChunks] });
  const inputs = probe.metafile.inputs;
  const eager = new Set();
  const visit = (file) => {
    if (eager.has(file)) return;
    eager.add(file);
    inputs[file].imports.filter((i) => i.kind === 'import-statement' && inputs[i.path]).forEach((i) => visit(i.path));
  };
  visit('src/extension.ts');
  const own = (files) => files.map(rel).filter((f) => f.startsWith('src/')).sort();
  return { eager: own([...eager]), lazy: own(Object.keys(inputs).filter((f) => !eager.has(f))) };
}

/** An entry chunk that holds `modules` and exports them by path as `coreModules` (the kernel's also exports src/extension.ts). */
function chunkEntry(name, modules, extra = []) {
  return {
    name: `${name}-entry`,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${name}-entry$`) }, () => ({ path: name, namespace: 'chunk-entry' }));
      build.onLoad({ filter: /.*/, namespace: 'chunk-entry' }, () => ({
        resolveDir: ROOT,
        loader: 'ts',
        contents: [
          ...extra,
          ...modules.map((m, i) => `import * as m${i} from './${m}';`),
          `export const coreModules = { ${modules.map((m, i) => `'${m}': m${i}`).join(', ')} };`,
        ].join('\n'),
      }));
    },
  };
}

/**
 * An import of a module that another chunk holds reads it from that chunk's `coreModules` (`owners`:
 * module path to chunk file). Inside a function, as every kernel import of a deferred module is,
 * the chunk is required on that call.
 */
function sharedModules(owners) {
  return {
    name: 'shared-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\/(extension|deferred)\.js$/, namespace: 'shared-module' }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'resolving' || args.namespace !== 'file') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
        const file = resolved.path && rel(resolved.path);
        return file && owners.has(file) ? { path: file, namespace: 'shared-module' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({
        resolveDir: ROOT,
        loader: 'js',
        contents: `module.exports = require(${JSON.stringify(owners.get(args.path))}).coreModules[${JSON.stringify(args.path)}];`,
      }));
    },
  };
}

const { eager, lazy } = await kernelModules();
const inKernel = eager.map((m) => [m, './extension.js']);
const inDeferred = lazy.map((m) => [m, './deferred.js']);
const builds = [
  { ...common, entryPoints: { extension: 'kernel-entry' }, outdir: 'dist', plugins: [chunkEntry('kernel', eager, ["export * from './src/extension';"]), sharedModules(new Map(inDeferred)), siblingChunks] },
  { ...common, entryPoints: { deferred: 'deferred-entry' }, outdir: 'dist', plugins: [chunkEntry('deferred', lazy), sharedModules(new Map(inKernel)), siblingChunks] },
  { ...common, entryPoints: { features: 'src/features.ts' }, outdir: 'dist', plugins: [sharedModules(new Map([...inKernel, ...inDeferred])), siblingChunks] },
  { ...common, entryPoints: { sdk: 'src/aliyun/sdk/index.ts' }, outdir: 'dist' },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.error('[esbuild] watching… (restart when the kernel gains or loses a module)');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const file of ['dist/extension.js', 'dist/deferred.js', 'dist/features.js', 'dist/sdk.js']) {
    console.error(`[esbuild] ${file} ${(statSync(file).size / 1024).toFixed(1)} KB${production ? ' (production)' : ''}`);
  }
}
