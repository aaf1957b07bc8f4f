import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

// The steps of `npm test` (test/host/testPlan.mjs) must fit in .ci/run's total budget, so a hang
// fails the step it happens in rather than the whole run with no word of where it was.
const ROOT = path.resolve(__dirname, '../../..');

interface Step { name: string; limitVar: string; limitS: number; typicalS: number; freshS?: number; ownLimit?: boolean; worstS: number }

/** testPlan.mjs is an ES module of the test host; this CommonJS test reads it through a child node. */
function loadPlan(): Step[] {
  const plan = pathToFileURL(path.join(ROOT, 'test', 'host', 'testPlan.mjs')).href;
  const script = `const p = await import(${JSON.stringify(plan)});
    process.stdout.write(JSON.stringify(p.STEPS.map((s) => ({ ...s, run: undefined, worstS: p.worstCaseS(s) }))));`;
  // Without the variables that override the defaults: the defaults are what CI runs with.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.endsWith('_TIMEOUT_MS') && key !== 'TEST_TIME_SCALE'));
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' })) as Step[];
}

function ciBudgetSeconds(): number {
  const match = /CI_TIMEOUT_SECONDS:-(\d+)/.exec(fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8'));
  assert.ok(match, '.ci/run no longer sets its budget as ${CI_TIMEOUT_SECONDS:-N}');
  return Number(match[1]);
}

describe('npm test time limits', () => {
  const steps = loadPlan();

  it('add up to no more than .ci/run\'s total budget', () => {
    const budget = ciBudgetSeconds();
    const total = steps.reduce((sum, s) => sum + s.worstS, 0);
    const table = steps.map((s) => `${s.name} ${s.worstS} s`).join(', ');
    assert.ok(total <= budget, `the steps can take ${total} s (${table}), over .ci/run's ${budget} s: lower a limit or raise the budget`);
  });

  it('give every step at least twice its usual time', () => {
    for (const s of steps) {
      const usual = Math.max(s.typicalS, s.freshS ?? 0);
      assert.ok(s.limitS >= 2 * usual, `${s.name}: limit ${s.limitS} s leaves too little room over its usual ${usual} s`);
    }
  });

  it('are the ones test/host/README.md lists', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'test', 'host', 'README.md'), 'utf8');
    const start = readme.indexOf('## Time limits\n');
    assert.ok(start >= 0, 'test/host/README.md has no "## Time limits" section');
    const end = readme.indexOf('\n## ', start + 1);
    const rows = readme.slice(start, end < 0 ? undefined : end).split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| step '))
      .map((l) => l.split('|').slice(1, 4).map((c) => c.trim()));
    const listed = steps.map((s) => [s.name, `\`${s.limitVar}\``, `${s.limitS} s`]);
    assert.deepEqual(rows, listed);
    const total = steps.reduce((sum, s) => sum + s.worstS, 0);
    assert.ok(readme.includes(`add up to ${total} s`), `test/host/README.md should say the limits "add up to ${total} s"`);
  });
});
