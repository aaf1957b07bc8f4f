// Bundles the extension into dist/extension.js and the Alibaba Cloud SDK into its own chunk,
// dist/sdk.js, which the extension requires on first use of a cloud call (activation stays light).
//   node esbuild.mjs               development: sourcemaps, not minified
//   node esbuild.mjs --production  minified, no sourcemaps
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Keeps `require('./sdk')` in src/aliyun as a runtime require of the sibling chunk. */
const sdkChunk = {
  name: 'sdk-chunk',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      args.importer.replace(/\\/g, '/').endsWith('src/aliyun/clientFactory.ts') ? { path: './sdk.js', external: true } : undefined);
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

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', plugins: [sdkChunk] },
  { ...common, entryPoints: { sdk: 'src/aliyun/sdk/index.ts' }, outdir: 'dist' },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.error('[esbuild] watching…');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const file of ['dist/extension.js', 'dist/sdk.js']) {
    console.error(`[esbuild] ${file} ${(statSync(file).size / 1024).toFixed(1)} KB${production ? ' (production)' : ''}`);
  }
}
