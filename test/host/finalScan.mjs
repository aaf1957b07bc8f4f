// The secret scan at the end of a run in code-server, shared by run-integration.mjs and
// run-reliability.mjs. The secrets: every accessKeySecret/securityToken of the run's seed and every
// secret the emulator issued (asked before it stops), plus any the caller adds. Two looks:
//   1. decoded, while the browser is open: every IndexedDB value and localStorage item of the
//      workbench's origin, but SecretStorage's one key, which is unsealed to count what it holds;
//   2. raw, once browser, code-server and emulator have stopped: every file under `roots` (the run
//      folder with the Chromium profile, user data, logs, temporary files; the run's results).
// Each proves it can see: a made-up canary planted in the origin's localStorage and IndexedDB must
// come back from the decoded read and from the profile's Local Storage and IndexedDB files, and a
// canary in each encoding must come back from a temporary folder (selfCheck).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { findInEntries, plantCanary, readBrowserStorage, unsealSecretStorage } from './browserStorage.mjs';
import { emulatorSecrets, scanForSecrets, seedSecrets, selfCheck } from './secretScan.mjs';
import { elapsed, ROOT } from './util.mjs';

const rel = (p) => path.relative(ROOT, p) || p;

/**
 * Run both looks. `stop()` closes the browser and stops code-server and the emulator (everything
 * that writes must be done before the files are read). `runTimeInSecretStorage`: how many secrets
 * issued during the run must be found in SecretStorage (keys the run saved as profiles);
 * `expectFiles`: names of files the scan must have read (the extension's log).
 * Returns `{ problems: string[], report }`; a problem fails the run.
 */
export async function finalSecretScan({
  context, origin, userDataDir, browserProfile, emulatorEndpoint, seed, extraSecrets = [], stop, roots, exclude = [], runTimeInSecretStorage = 0,
  expectFiles = ['Alibaba Cloud.log'], log, warn,
}) {
  const started = Date.now();
  const problems = [];
  const fromSeed = seedSecrets(seed ?? {});
  let issued = [];
  try {
    issued = await emulatorSecrets(emulatorEndpoint);
  } catch (err) {
    problems.push(err.message);
  }
  const runTime = issued.filter((s) => !fromSeed.includes(s));
  const secrets = [...new Set([...fromSeed, ...issued, ...extraSecrets])].filter((s) => typeof s === 'string' && s.length >= 8);
  const canary = `scan-canary-${randomBytes(9).toString('hex')}-not-real`;
  log(`secret scan: ${secrets.length} secrets (${fromSeed.length} from the seed, ${runTime.length} issued during the run, ${extraSecrets.length} declared)`);

  let browser;
  try {
    browser = await decodedLook({ context, origin, userDataDir, secrets, runTime, canary, runTimeInSecretStorage, problems, log, warn });
  } catch (err) {
    problems.push(`the decoded look at the browser's storage failed: ${err.message}`);
  }
  await stop();
  const files = rawLook({ roots, exclude, secrets, canary, browserProfile, expectFiles, problems, log, warn });
  log(`secret scan finished in ${elapsed(started)}: ${problems.length ? `${problems.length} problem(s)` : 'nothing found where it must not be'}`);
  return { problems, report: { secrets: secrets.length, fromSeed: fromSeed.length, issuedDuringRun: runTime.length, declared: extraSecrets.length, browser, files } };
}

async function decodedLook({ context, origin, userDataDir, secrets, runTime, canary, runTimeInSecretStorage, problems, log, warn }) {
  // The workbench windows are closed first: nothing may write while we read.
  for (const page of context.pages()) await page.close().catch(() => {});
  await plantCanary(context, origin, canary);
  const storage = await readBrowserStorage(context, origin);
  const canaryAt = findInEntries(storage.entries, [canary]).map((f) => `${f.where} (${f.encoding})`);
  const canaryWanted = [/^localStorage "secret-scan-canary" \(decoded\)$/, /^indexedDB secret-scan-canary\/planted "text" \(decoded\)$/, /^indexedDB secret-scan-canary\/planted "utf16le" \(bytes utf16le\)$/];
  if (!canaryWanted.every((re) => canaryAt.some((w) => re.test(w)))) problems.push(`the decoded look did not find its planted canary where planted (found: ${canaryAt.join('; ') || 'nothing'})`);
  const stateDbs = storage.databases.filter((d) => d.startsWith('vscode-web-state-db'));
  if (!stateDbs.length) problems.push(`the decoded look saw no vscode-web-state-db-* database (globalState, workspaceState); databases: ${storage.databases.join(', ') || 'none'}`);

  const leaks = findInEntries(storage.entries, secrets);
  for (const f of leaks) warn(`LEAK in the browser's storage: ${f.secret} (${f.encoding}) in ${f.where}`);
  if (leaks.length) problems.push(`${leaks.length} secret(s) in the browser's storage outside SecretStorage`);

  const secretStorage = { present: storage.secretStorage !== undefined, entries: 0, secretsHeld: 0, runTimeHeld: 0 };
  if (secretStorage.present) {
    try {
      const map = unsealSecretStorage(storage.secretStorage, userDataDir);
      const values = Object.values(map).join('\n');
      secretStorage.entries = Object.keys(map).length;
      secretStorage.secretsHeld = secrets.filter((s) => values.includes(s)).length;
      secretStorage.runTimeHeld = runTime.filter((s) => values.includes(s)).length;
    } catch (err) {
      problems.push(`SecretStorage (localStorage "secrets.provider") could not be unsealed: ${err.message}`);
    }
  }
  if (secretStorage.runTimeHeld < runTimeInSecretStorage) {
    problems.push(`SecretStorage holds ${secretStorage.runTimeHeld} of the secrets issued during the run, expected at least ${runTimeInSecretStorage}: the scan is not looking at the run's secrets, or at the secret storage`);
  }
  log(`secret scan, decoded browser storage: ${storage.entries.length} values in ${storage.databases.length} IndexedDB database(s) and localStorage; `
    + `canary found in ${canaryAt.length} place(s); SecretStorage ${secretStorage.present ? `unsealed: ${secretStorage.entries} entries holding ${secretStorage.secretsHeld} of the run's secrets (${secretStorage.runTimeHeld} issued during the run)` : 'empty'}; leaks ${leaks.length}`);
  return { databases: storage.databases, values: storage.entries.length, canaryFound: canaryAt.length, secretStorage, leaks: leaks.map(({ where, secret, encoding }) => ({ where, secret, encoding })) };
}

function rawLook({ roots, exclude, secrets, canary, browserProfile, expectFiles, problems, log, warn }) {
  const started = Date.now();
  const check = selfCheck();
  if (!check.ok) problems.push(`the secret scanner's self-check failed: ${check.detail}`);
  const result = scanForSecrets({ roots, exclude, secrets: [...secrets, canary] });
  const under = (dir) => (f) => f.file.startsWith(path.join(browserProfile, 'Default', dir) + path.sep);
  const canaryHits = result.findings.filter((f) => f.full === canary);
  for (const dir of ['Local Storage', 'IndexedDB']) {
    if (!canaryHits.some(under(dir))) problems.push(`the file scan did not find the canary planted in the browser's ${dir} in ${rel(path.join(browserProfile, 'Default', dir))}/: is it reading the browser profile?`);
  }
  // One leak per secret and file, with every encoding it was seen in (ASCII in UTF-16 matches both byte orders).
  const byPlace = new Map();
  for (const f of result.findings.filter((x) => x.full !== canary)) {
    const key = `${f.file}\0${f.full}`;
    byPlace.set(key, byPlace.has(key) ? { ...byPlace.get(key), encoding: `${byPlace.get(key).encoding}, ${f.encoding}` } : f);
  }
  const leaks = [...byPlace.values()];
  for (const f of leaks) warn(`LEAK: ${f.secret} (${f.encoding}) in ${rel(f.file)}`);
  if (leaks.length) problems.push(`${leaks.length} secret(s) found in files the run wrote`);
  for (const name of expectFiles) {
    if (!result.files.some((f) => path.basename(f) === name)) problems.push(`the file scan did not see "${name}": is it scanning the right folders?`);
  }
  const inProfile = result.files.filter((f) => f.startsWith(browserProfile + path.sep)).length;
  log(`secret scan, files: self-check ${check.ok ? 'passed' : 'FAILED'} (${check.detail}); ${result.files.length} files, ${(result.bytes / 1e6).toFixed(1)} MB `
    + `(${inProfile} in the browser profile) under ${roots.map(rel).join(', ')}; excluded ${exclude.map(rel).join(', ') || 'nothing'}; `
    + `canary found in ${canaryHits.length} file(s); leaks ${leaks.length} (${elapsed(started)})`);
  return {
    selfCheck: check,
    filesScanned: result.files.length,
    filesInBrowserProfile: inProfile,
    bytesScanned: result.bytes,
    roots: roots.map(rel),
    excluded: exclude.map(rel),
    canaryFiles: canaryHits.map((f) => rel(f.file)),
    leaks: leaks.map((f) => ({ file: rel(f.file), secret: f.secret, encoding: f.encoding })),
  };
}
