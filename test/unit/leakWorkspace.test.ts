import * as assert from 'node:assert/strict';
import { GitIgnore, GlobExcludes, globSource } from '../../src/leaks/excludeRules';
import { scanFiles } from '../../src/leaks/fileScan';
import { IgnoredFindings } from '../../src/leaks/ignoredFindings';
import { FakeMemento } from './fakes';
import { buildIndex, KEYS } from './leakFixtures';

function gitignore(files: Record<string, string>): GitIgnore {
  const g = new GitIgnore();
  for (const [dir, content] of Object.entries(files)) {
    g.add(dir, content);
  }
  return g;
}

describe('leak detection: which workspace files are scanned', () => {
  it('follows .gitignore: last match wins, ! re-includes, / anchors, trailing / means folders', () => {
    const g = gitignore({
      '': ['# comment', '*.log', '!keep.log', '/build', 'tmp/', 'docs/**/*.secret', '\\#hash', 'node_modules'].join('\n'),
    });
    const cases: Array<[string, boolean]> = [
      ['app.log', true], ['sub/deep/app.log', true], ['keep.log', false], ['sub/keep.log', false],
      ['build/out.js', true], ['src/build/out.js', false], ['build', true],
      ['tmp/a.txt', true], ['src/tmp/a.txt', true], ['tmp', false],
      ['docs/a.secret', true], ['docs/x/y/a.secret', true], ['other/a.secret', false],
      ['#hash', true], ['node_modules/pkg/index.js', true], ['src/node_modules/x.js', true], ['src/index.ts', false],
    ];
    for (const [path, ignored] of cases) {
      assert.equal(g.ignores(path), ignored, path);
    }
  });

  it('applies nested .gitignore files to their own folder, and cannot re-include inside an ignored folder', () => {
    const g = gitignore({ '': 'secrets/\n!secrets/public.txt\n', 'pkg': '*.env\n!local.env\n', 'pkg/sub': 'local.env\n' });
    assert.equal(g.ignores('secrets/public.txt'), true, 'the folder is ignored, so its file stays ignored');
    assert.equal(g.ignores('pkg/.env'), true, '* matches nothing too');
    assert.equal(g.ignores('pkg/prod.env'), true);
    assert.equal(g.ignores('pkg/local.env'), false);
    assert.equal(g.ignores('pkg/sub/local.env'), true, 'the deeper file wins');
    assert.equal(g.ignores('prod.env'), false, 'pkg/.gitignore says nothing about the root');
  });

  it('matches search.exclude globs on a path or any of its folders, and honours "when"', () => {
    const files = new Set(['src/a.ts', 'src/a.js', 'src/b.js']);
    const globs = new GlobExcludes({
      '**/node_modules': true,
      '**/*.{min.js,map}': true,
      'dist/': true,
      'off/**': false,
      '**/*.js': { when: '$(basename).ts' },
    }, (rel) => files.has(rel));
    const cases: Array<[string, boolean]> = [
      ['node_modules/x/index.js', true], ['a/node_modules/b.json', true], ['lib/app.min.js', true], ['lib/app.js.map', true],
      ['dist/out.txt', true], ['src/dist/out.txt', false], ['off/x.txt', false],
      ['src/a.js', true], ['src/b.js', false], ['src/a.ts', false],
    ];
    for (const [path, excluded] of cases) {
      assert.equal(globs.excludes(path), excluded, path);
    }
    assert.equal(new RegExp(`^${globSource('**/[!a]?.txt')}$`).test('x/bc.txt'), true);
    assert.equal(new RegExp(`^${globSource('**/[!a]?.txt')}$`).test('x/ac.txt'), false);
  });

  it('reads a bounded number of files at once, skips binaries and large files, and stops when cancelled', async () => {
    const index = await buildIndex();
    const text = (s: string) => new TextEncoder().encode(s);
    const files: Record<string, Uint8Array | 'tooLarge' | undefined> = {
      'a.txt': text(`key=${KEYS.prod.id}\nsecret=${KEYS.prod.secret}\n`),
      'b.bin': new Uint8Array([0x89, 0x50, 0x00, 0x01, ...text(KEYS.prod.secret)]),
      'big.txt': 'tooLarge',
      'gone.txt': undefined,
      'clean.txt': text('nothing here\n'.repeat(100)),
    };
    let inFlight = 0;
    let peak = 0;
    const result = await scanFiles({
      files: Object.keys(files), index, parallelism: 2,
      read: async (name) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return files[name];
      },
    });
    assert.deepEqual(result.found.map((f) => [f.file, f.findings.map((x) => x.kind)]), [['a.txt', ['knownId', 'storedSecret']]]);
    assert.deepEqual([result.scanned.sort(), result.skippedBinary, result.skippedLarge, result.unreadable, result.cancelled], [['a.txt', 'clean.txt'], 1, 1, 1, false]);
    assert.ok(peak <= 2, `${peak} reads at once`);

    let done = 0;
    const cancelled = await scanFiles({ files: Array.from({ length: 50 }, (_, i) => `f${i}`), index, parallelism: 1, read: async () => text('x'), isCancelled: () => done >= 5, onProgress: (n) => (done = n) });
    assert.equal(cancelled.cancelled, true);
    assert.equal(cancelled.scanned.length, 5);
  });

  it('keeps ignored findings in workspace state as ID and path only, for the next window', async () => {
    const state = new FakeMemento();
    const first = new IgnoredFindings(state);
    let changes = 0;
    first.onDidChange(() => changes++);
    await first.add(KEYS.prod.id, 'src/config.ts');
    await first.add(KEYS.prod.id, 'src/config.ts');
    assert.equal(changes, 1);
    const afterReload = new IgnoredFindings(state);
    assert.equal(afterReload.isIgnored(KEYS.prod.id, 'src/config.ts'), true);
    assert.equal(afterReload.isIgnored(KEYS.prod.id, 'src/other.ts'), false);
    assert.deepEqual(JSON.parse(JSON.stringify([...state.data.values()])), [[{ accessKeyId: KEYS.prod.id, path: 'src/config.ts' }]]);
    assert.equal(await afterReload.remove([{ accessKeyId: KEYS.prod.id, path: 'src/config.ts' }]), 1);
    assert.deepEqual(new IgnoredFindings(state).list(), []);
  });
});
