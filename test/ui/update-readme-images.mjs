#!/usr/bin/env node
// Copies the README's images from the UI test screenshots into media/screenshots/ under stable
// names. Run the UI tests first (English, and zh-cn for the *.zh-cn.png variants):
//
//   npm run package && npm run test:vsix            # or: node test/host/run-ui.mjs [--locale zh-cn]
//   node test/ui/update-readme-images.mjs [--results DIR] [--out DIR] [--check]
//
// --results: where the runs wrote (default test-results/, or TEST_RESULTS_DIR); the English
// screenshots are in <results>/ui/, the Chinese ones in <results>/ui-zh-cn/.
// --out: default media/screenshots/. --check: only say what would be copied; exit 1 if any
// English image is missing. English images are required; a missing zh-cn run is only a warning.
// The screenshots never show a secret: the specs refuse to save one while a secret is on screen.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** README name ← screenshot saved by a spec (test/ui/0N-*.test.mjs). */
const README_IMAGES = {
  'status-bar-picker': '01-status-bar-picker', // step 1: the picker, two profiles grouped by label
  'create-access-key': '02-create-access-key-saved', // step 2: the new key saved as profile "carol-new"
  'ram-users': '03-ram-users-keys', // step 3: RAM users, carol's and dave's keys with age, use, status
  'ram-check-all-keys': '03-ram-check-all-keys', // step 3: Check All AccessKeys, users marked, the summary
  'load-balancers': '04-load-balancers-all-regions', // step 4: Find in All Regions, counts, one region open
  'test-credentials-wrong-secret': '05-test-credentials-wrong-secret', // step 5: the diagnosis of a wrong secret
  'test-credentials-disabled-key': '05-test-credentials-disabled-key', // step 5: a disabled key, its owner found
  'role-profile': '07-role-profile-tested', // step 7: a role profile tested in three stages, the countdown
  'cloudsso-sign-in': '08-cloudsso-signed-in', // step 8: signed in with CloudSSO, the profile active, the views signing with it
  'new-ram-user': '09-new-ram-user-tested', // step 9: a new RAM user's key saved as a profile and tested
};

/** Locales whose runs give `<name>.<locale>.png` variants. */
const LOCALES = ['zh-cn'];

function parse(argv) {
  const opts = { results: process.env.TEST_RESULTS_DIR || path.join(ROOT, 'test-results'), out: path.join(ROOT, 'media', 'screenshots'), check: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') opts.check = true;
    else if ((arg === '--results' || arg === '--out') && i + 1 < argv.length) opts[arg.slice(2)] = path.resolve(argv[++i]);
    else {
      process.stderr.write(`unknown argument "${arg}" (known: --results DIR, --out DIR, --check)\n`);
      process.exit(2);
    }
  }
  return opts;
}

function isPng(file) {
  const head = readFileSync(file).subarray(0, 8);
  return head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

function main() {
  const opts = parse(process.argv.slice(2));
  const rel = (p) => path.relative(process.cwd(), p) || '.';
  const plan = [];
  const missing = [];
  const sets = [{ locale: 'en', dir: path.join(opts.results, 'ui'), suffix: '' },
    ...LOCALES.map((locale) => ({ locale, dir: path.join(opts.results, `ui-${locale}`), suffix: `.${locale}` }))];
  for (const set of sets) {
    const absent = [];
    for (const [name, shot] of Object.entries(README_IMAGES)) {
      const from = path.join(set.dir, `${shot}.png`);
      if (!existsSync(from) || !isPng(from)) absent.push(rel(from));
      else plan.push({ from, to: path.join(opts.out, `${name}${set.suffix}.png`) });
    }
    if (absent.length && set.locale === 'en') missing.push(...absent);
    else if (absent.length) process.stderr.write(`warning: no ${set.locale} screenshots (${absent.length} missing, e.g. ${absent[0]}); run: node test/host/run-ui.mjs --locale ${set.locale}\n`);
  }
  if (missing.length) {
    process.stderr.write(`missing screenshots (run the UI tests first: npm run test:ui):\n${missing.map((m) => `  ${m}`).join('\n')}\n`);
    process.exit(1);
  }
  if (!opts.check) mkdirSync(opts.out, { recursive: true });
  for (const { from, to } of plan) {
    if (!opts.check) copyFileSync(from, to);
    process.stdout.write(`${opts.check ? 'would copy' : 'copied'} ${rel(from)} → ${rel(to)} (${Math.round(statSync(from).size / 1024)} KB)\n`);
  }
}

main();
