// Bundles the extension in three chunks, so that activation loads only the kernel:
//   dist/extension.js  the kernel: profiles, sessions, status bar, terminals, command stubs
//   dist/features.js   commands, trees and the leak guard, required on first use
//   dist/sdk.js        the Alibaba Cloud SDK, required on the first cloud call
// features.js shares the kernel's modules instead of carrying copies: every import of a module the
// kernel holds becomes a lookup in the kernel's `coreModules`, so there is one ProfileStore class,
// one error hierarchy (instanceof works across chunks) and one module state.
//   node esbuild.mjs               development: sourcemaps, not minified
//   node esbuild.mjs --production  minified, no sourcemaps
//   node esbuild.mjs --watch       rebuild on change (all three chunks, in order)
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

/** The kernel's own modules (src/ only), from a build of src/extension.ts. */
async function kernelModules() {
  const probe = await esbuild.build({ ...common, entryPoints: ['src/extension.ts'], write: false, sourcemap: false, plugins: [siblingChunks] });
  return Object.keys(probe.metafile.inputs).map(rel).filter((f) => f.startsWith('src/')).sort();
}

/** The kernel's entry: src/extension.ts, plus `coreModules`, every kernel module by path. */
function kernelEntry(modules) {
  return {
    name: 'kernel-entry',
    setup(build) {
      build.onResolve({ filter: /^kernel-entry$/ }, () => ({ path: 'kernel-entry', namespace: 'kernel' }));
      build.onLoad({ filter: /.*/, namespace: 'kernel' }, () => ({
        resolveDir: ROOT,
        loader: 'ts',
        contents: [
          "export * from './src/extension';",
          ...modules.map((m, i) => `import * as m${i} from './${m}';`),
          `export const coreModules = { ${modules.map((m, i) => `'${m}': m${i}`).join(', ')} };`,
        ].join('\n'),
      }));
    },
  };
}

/** In features.js: an import of a kernel module reads it from the loaded kernel. */
function sharedKernel(modules) {
  const shared = new Set(modules);
  return {
    name: 'shared-kernel',
    setup(build) {
      build.onResolve({ filter: /^\.\/extension\.js$/, namespace: 'kernel-module' }, () => ({ path: './extension.js', external: true }));
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'resolving' || args.namespace !== 'file') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
        const file = resolved.path && rel(resolved.path);
        return file && shared.has(file) ? { path: file, namespace: 'kernel-module' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'kernel-module' }, (args) => ({
        resolveDir: ROOT,
        loader: 'js',
        contents: `module.exports = require('./extension.js').coreModules[${JSON.stringify(args.path)}];`,
      }));
    },
  };
}

const modules = await kernelModules();
const builds = [
  { ...common, entryPoints: { extension: 'kernel-entry' }, outdir: 'dist', plugins: [kernelEntry(modules), siblingChunks] },
  { ...common, entryPoints: { features: 'src/features.ts' }, outdir: 'dist', plugins: [sharedKernel(modules), siblingChunks] },
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
  for (const file of ['dist/extension.js', 'dist/features.js', 'dist/sdk.js']) {
    console.error(`[esbuild] ${file} ${(statSync(file).size / 1024).toFixed(1)} KB${production ? ' (production)' : ''}`);
  }
}
