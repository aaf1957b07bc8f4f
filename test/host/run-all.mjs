#!/usr/bin/env node
// `npm test`: the steps of testPlan.mjs in order (setup, type check, build, lint, the suites, the
// package), each within its limit; stops at the first failure and prints how long each step took.
// Each step runs in its own process group, so a step over its limit is stopped whole (SIGTERM,
// then SIGKILL), and nothing a finished step left running outlives it.
//
//   node test/host/run-all.mjs [--from STEP]   (npm test -- --from integration: the setup, then
//   that step and the ones after it, e.g. after fixing what failed there)
//
// Env: each step's limit variable, and TEST_TIME_SCALE (test/host/README.md, "Time limits").
import { CLEANUP_GRACE_S, limitMs, STEPS, STOP_GRACE_S, timeScale } from './testPlan.mjs';
import { parseArgs, ROOT, spawnGroup, stopGroup } from './util.mjs';

const say = (line) => process.stdout.write(`[npm test] ${line}\n`);
const timings = [];
let current;

function summary() {
  say('timings:');
  for (const t of timings) say(`  ${t.name.padEnd(18)} ${`${t.seconds.toFixed(1)} s`.padStart(8)}  (limit ${t.limitS} s)${t.outcome ? `  ${t.outcome}` : ''}`);
}

// Ctrl-C or .ci/run's time-out reaches only our group: pass it on to the step's, and let the
// runners clean up before stopping what is left.
let signalled;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    if (signalled) return;
    signalled = signal;
    const child = current;
    if (child) {
      try { process.kill(-child.pid, signal); } catch { /* gone */ }
      await Promise.race([child.exited, new Promise((r) => setTimeout(r, CLEANUP_GRACE_S * 1000))]);
      await stopGroup(child, STOP_GRACE_S * 1000);
    }
    // runStep records the step once it has ended; the summary says where the run was stopped.
    await new Promise((r) => setTimeout(r, 0));
    process.stdout.write('\n');
    summary();
    say(`interrupted (${signal})`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

async function runStep(step) {
  const limit = limitMs(step.limitVar);
  // A runner that keeps its own limit ends itself with its own message; this is the backstop.
  const hardLimit = limit + (step.ownLimit ? CLEANUP_GRACE_S * 1000 : 0);
  process.stdout.write(`\n`);
  say(`== ${step.name} == (limit ${limit / 1000} s, ${step.limitVar})`);
  const started = Date.now();
  const child = spawnGroup(step.run[0], step.run.slice(1), { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  current = child;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    say(`${step.name} did not finish within ${hardLimit / 1000} s: stopping it`);
    stopGroup(child, STOP_GRACE_S * 1000);
  }, hardLimit);
  const { code, signal } = await child.exited;
  clearTimeout(timer);
  await stopGroup(child, STOP_GRACE_S * 1000); // whatever it left in its group
  current = undefined;
  const seconds = (Date.now() - started) / 1000;
  let outcome = '';
  if (timedOut) outcome = `over its limit of ${limit / 1000} s (${step.limitVar})`;
  else if (code !== 0) outcome = `failed (${signal ?? `exit ${code}`})`;
  timings.push({ name: step.name, seconds, limitS: limit / 1000, outcome });
  return outcome;
}

const opts = parseArgs(process.argv.slice(2), { from: 'value' });
const from = opts.from === undefined ? 0 : STEPS.findIndex((s) => s.name === opts.from);
if (from < 0) {
  say(`no step "${opts.from}"; the steps: ${STEPS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const steps = [STEPS[0], ...STEPS.slice(Math.max(from, 1))];

if (timeScale() !== 1) say(`time limits × ${timeScale()} (TEST_TIME_SCALE)`);
const started = Date.now();
for (const step of steps) {
  const outcome = await runStep(step);
  if (signalled) await new Promise(() => {}); // the signal handler ends the run
  if (outcome) {
    process.stdout.write('\n');
    summary();
    say(`FAILED: ${step.name} ${outcome}; the steps after it did not run`);
    process.exit(1);
  }
}
process.stdout.write('\n');
summary();
say(`${steps.length === STEPS.length ? 'all' : 'these'} ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
