// What `npm test` runs, in order, and how long each step may take. The limits add up to less than
// .ci/run's total budget, so a hang fails its own step with a message naming it, and the steps
// after it would still have had their time (test/unit/timeBudget.test.ts checks the sum).
// The table in test/host/README.md shows the same numbers; `npm test` prints the actual times.
import { envMs } from './util.mjs';

// A runner that keeps its own limit gets this long past it to stop code-server, Chromium and the
// emulator itself (a few seconds normally) before `npm test` stops it instead.
export const CLEANUP_GRACE_S = 20;
// After SIGTERM, a step's process group gets this long before SIGKILL (util.mjs stopGroup).
export const STOP_GRACE_S = 5;

const NODE = process.execPath;
const VSIX = 'alibaba-cloud-credentials.vsix';

/**
 * name: shown in the output; limitVar: the environment variable that overrides the limit (ms);
 * limitS: the default limit; typicalS: what the step takes on a 2-core CI machine (freshS: on
 * one that has nothing installed yet);
 * ownLimit: the step stops itself at its limit (and cleans up), `npm test` only backs it up.
 */
export const STEPS = [
  // Installs Debian packages, node_modules and code-server when missing; on a fresh machine about
  // 1 min of apt-get, 30 s of npm ci and 2 min building code-server; under 1 s once done.
  { name: 'setup', run: [NODE, 'test/host/setup.mjs'], limitVar: 'SETUP_TIMEOUT_MS', limitS: 400, typicalS: 1, freshS: 200, ownLimit: true },
  { name: 'typecheck', run: ['npm', 'run', 'compile-tests'], limitVar: 'TYPECHECK_TIMEOUT_MS', limitS: 45, typicalS: 20 },
  { name: 'build', run: ['npm', 'run', 'build'], limitVar: 'BUILD_TIMEOUT_MS', limitS: 20, typicalS: 4 },
  { name: 'lint', run: ['npm', 'run', 'lint'], limitVar: 'LINT_TIMEOUT_MS', limitS: 45, typicalS: 20 },
  { name: 'unit', run: ['npm', 'run', 'test:unit'], limitVar: 'UNIT_TIMEOUT_MS', limitS: 30, typicalS: 4 },
  { name: 'l10n', run: ['npm', 'run', 'test:l10n'], limitVar: 'L10N_TIMEOUT_MS', limitS: 15, typicalS: 1 },
  { name: 'emulator', run: ['npm', 'run', 'test:emulator'], limitVar: 'EMULATOR_TESTS_TIMEOUT_MS', limitS: 40, typicalS: 13 },
  { name: 'integration', run: ['npm', 'run', 'test:integration'], limitVar: 'INTEGRATION_TIMEOUT_MS', limitS: 340, typicalS: 165, ownLimit: true },
  { name: 'reliability', run: ['npm', 'run', 'test:reliability'], limitVar: 'RELIABILITY_TIMEOUT_MS', limitS: 310, typicalS: 151, ownLimit: true },
  { name: 'package', run: ['npm', 'run', 'package'], limitVar: 'PACKAGE_TIMEOUT_MS', limitS: 30, typicalS: 6 },
  { name: 'vsix-check', run: [NODE, 'test/host/check-vsix.mjs', VSIX], limitVar: 'VSIX_CHECK_TIMEOUT_MS', limitS: 10, typicalS: 1 },
  { name: 'ui-vsix-en', run: [NODE, 'test/host/run-ui.mjs', '--vsix', VSIX], limitVar: 'UI_TIMEOUT_MS', limitS: 140, typicalS: 70, ownLimit: true },
  { name: 'ui-vsix-zh-cn', run: [NODE, 'test/host/run-ui.mjs', '--vsix', VSIX, '--locale', 'zh-cn'], limitVar: 'UI_TIMEOUT_MS', limitS: 140, typicalS: 70, ownLimit: true },
];

/**
 * The defaults are for a machine that runs nothing else, as in CI. TEST_TIME_SCALE=3 gives every
 * step three times as long, for a slow or busy machine (one variable instead of thirteen).
 */
export function timeScale() {
  const raw = process.env.TEST_TIME_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`TEST_TIME_SCALE must be a positive number, got "${raw}"`);
  return scale;
}

/** The limit a step or runner uses: its variable if set, else the default above (times the scale). */
export function limitMs(limitVar) {
  const step = STEPS.find((s) => s.limitVar === limitVar);
  if (!step) throw new Error(`no step of npm test is limited by ${limitVar}`);
  return envMs(limitVar, Math.round(step.limitS * 1000 * timeScale()));
}

/** How long a step can take before `npm test` has stopped it, in seconds, with the defaults. */
export function worstCaseS(step) {
  return step.limitS + (step.ownLimit ? CLEANUP_GRACE_S : 0) + STOP_GRACE_S;
}
