/* global describe, it, before -- Mocha's BDD interface */
// Another extension shares our extension host. test/ui/intruder (loaded beside the installed VSIX,
// so ours runs in production mode) tries every way to a secret or a change that needs no click of
// the person's: the exports, each command with arguments that say "confirm", the clipboard, the
// CSV, a terminal's environment, the person's files. Each attempt must stop at a modal that says
// exactly what would happen; the spec reads it and presses Escape. Afterwards nothing leaked and
// the emulator saw no user created, no policy attached, and no key created, disabled, enabled or deleted.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strings } from './l10n.mjs';
import { session } from './session.mjs';
import { clearToasts, dialog, note, readDialog, runCommand, screenshotFailures, waitUntil } from './workbench-ui.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VICTIM_SECRET = 'VictimSecretInThePersonsOwnFile01';
const CHANGES = ['CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey', 'CreateUser', 'AttachPolicyToUser'];

/** Every secret of the demo data the emulator serves, as SHA-256 hashes (the intruder reports only hashes). */
function seedSecretHashes() {
  const seed = JSON.parse(readFileSync(path.join(ROOT, 'test', 'emulator', 'demo-seed.json'), 'utf8'));
  const secrets = JSON.stringify(seed).match(/"accessKeySecret":"[^"]+"/g).map((m) => m.split(':"')[1].slice(0, -1));
  assert.ok(secrets.length >= 5, 'the demo data has secrets');
  return [...secrets, VICTIM_SECRET].map((s) => createHash('sha256').update(s).digest('hex'));
}

function noSecretAmong(hashes, where) {
  const secrets = new Set(seedSecretHashes());
  assert.deepEqual(hashes.filter((h) => secrets.has(h)), [], `a secret among ${where}`);
}

describe('6. Another extension cannot get a secret out, or change anything, without the person', function () {
  let page;
  let l10n;
  let dir;
  let emulatorUrl;
  let mark;
  const victimFile = () => path.join(dir, 'victim-config.json');
  let victimText;

  const reports = () => (existsSync(path.join(dir, 'report.jsonl')) ? readFileSync(path.join(dir, 'report.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
  const reportOf = (door) => waitUntil(() => reports().find((r) => r.door === door), Boolean, { what: `the intruder's report of ${door}`, timeout: 30000 });
  const emulator = async (what) => (await fetch(`${emulatorUrl}/__emulator/${what}`)).json();

  /** Runs one attempt, expects its modal, reads it and presses Escape; returns the dialog and the report. */
  async function stoppedAtModal(title, door) {
    await runCommand(page, `Intruder: ${title}`);
    const shown = await readDialog(page);
    note(`${door}: "${shown.message}" — buttons: ${shown.buttons.join(', ')}`);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached', timeout: 10000 });
    return { shown, report: await reportOf(door) };
  }

  before(async function () {
    ({ page, intruderDir: dir, emulatorUrl } = session());
    assert.ok(dir && emulatorUrl, 'the UI runner loads the intruder and names the emulator');
    l10n = strings();
    victimText = JSON.stringify({ current: 'victim', profiles: [{ name: 'victim', mode: 'AK', access_key_id: 'LTAI5tVictimKey000000001', access_key_secret: VICTIM_SECRET, region_id: 'cn-hangzhou' }] }, null, '\t');
    writeFileSync(victimFile(), victimText, { mode: 0o600 });
    await clearToasts(page);
    await runCommand(page, 'Intruder: Select Alice');
    assert.equal((await reportOf('selectAlice')).returned, 'object', 'alice (RAM full access) is active, so cloud commands get as far as their question');
    mark = (await emulator('requests?since=0')).last;
  });

  screenshotFailures('06');

  it('finds no way to a secret in our exports', async function () {
    await runCommand(page, 'Intruder: Walk Exports');
    const found = await reportOf('walkExports');
    note(`exports: ${found.mode}, ${found.objects} object(s) reachable, suspicious: ${JSON.stringify(found.suspicious)}`);
    assert.equal(found.threw, undefined);
    assert.equal(found.mode, 'undefined', 'production exports nothing');
    assert.deepEqual(found.suspicious, [], 'nothing with getSecrets, secrets or a store');
    noSecretAmong(found.hashes, 'the strings reachable from the exports');
  });

  it('asks before writing a secret to the aliyun CLI config, and writes nothing when told no', async function () {
    const { tr, trPattern } = l10n;
    const { shown, report } = await stoppedAtModal('Export Profile', 'exportProfile');
    assert.match(shown.message, trPattern('Write the secret of "{0}" in plain text to {1}?', 'alice', /.*stolen-config\.json/));
    assert.ok(shown.buttons.includes(tr('Write')));
    assert.equal(report.returned, 'undefined');
    assert.equal(existsSync(path.join(dir, 'stolen-config.json')), false, 'no file was written');
  });

  it('refuses to put a new secret on the clipboard for arguments, before creating anything', async function () {
    await runCommand(page, 'Intruder: Create Key to Clipboard');
    const report = await reportOf('createKeyCopy');
    assert.equal(report.returned, 'undefined');
    assert.equal(await dialog(page).count(), 0, 'refused outright, no question');
  });

  it('asks before creating a key whose secret would go to a CSV file, saying where', async function () {
    const { tr, trPattern } = l10n;
    const csvPath = path.join(dir, 'stolen.csv');
    const { shown, report } = await stoppedAtModal('Create Key to CSV', 'createKeyCsv');
    assert.match(shown.message, trPattern('Create a new AccessKey for {0}?', tr('RAM user {0}', 'grace')));
    assert.ok(shown.detail.includes(tr('Its secret will be written in plain text to {0}.', csvPath)), `the dialog names the file: ${shown.detail}`);
    assert.equal(report.returned, 'undefined');
    assert.equal(existsSync(csvPath), false);
  });

  it('asks before new terminals get the credentials, and a terminal then has none', async function () {
    const { tr } = l10n;
    const { shown, report } = await stoppedAtModal('Use in Terminal', 'useInTerminal');
    assert.equal(shown.message, tr('Give every new terminal in this workspace the credentials of profile "{0}"?', 'alice'));
    assert.ok(shown.detail.includes(tr('From now on, every terminal opened in this workspace gets the AccessKey ID and secret (and STS token) of the active profile as ALIBABA_CLOUD_* variables, whoever opens it: you, a task, a debugger or another extension, and every program run in it. Turning this on is your consent for the whole workspace; it follows profile switches until you choose Stop Using in Terminal.')),
      'it says that it is consent for the whole workspace');
    assert.ok(shown.buttons.includes(tr('Use in Terminals')));
    assert.equal(report.returned, 'undefined');
    await runCommand(page, 'Intruder: Read Terminal Environment');
    const env = await reportOf('readTerminal');
    assert.equal(env.ran, true, 'the terminal ran and its environment was read');
    assert.deepEqual(env.credentials, [], 'no ALIBABA_CLOUD_ACCESS_KEY_* (or token, region, URI) variable in a new terminal');
    noSecretAmong(env.hashes, 'the values of the terminal\'s variables');
  });

  it('gets no credentials endpoint for terminals or debug sessions: a long-lived key is never served', async function () {
    for (const [title, door] of [['Serve to Terminals', 'serveToTerminals'], ['Serve to Debug Sessions', 'serveToDebug']]) {
      await runCommand(page, `Intruder: ${title}`);
      assert.equal((await reportOf(door)).returned, 'undefined');
      assert.equal(await dialog(page).count(), 0, `${door}: refused outright for an AccessKey profile without a chosen role`);
    }
    await runCommand(page, 'Intruder: Read Terminal Environment');
    const env = await waitUntil(() => reports().filter((r) => r.door === 'readTerminal'), (r) => r.length >= 2, { what: 'a second read of a terminal' });
    assert.deepEqual(env[env.length - 1].credentials, [], 'still no ALIBABA_CLOUD_ credential variable, no CREDENTIALS_URI');
  });

  it('asks before removing secrets from the person\'s file, and leaves it as it was', async function () {
    const { tr, trPattern } = l10n;
    const { shown, report } = await stoppedAtModal('Import and Remove Secrets', 'importAndRemove');
    assert.match(shown.message, trPattern('Remove the plaintext secrets of {0} from {1}?', 'victim', /.*victim-config\.json/));
    assert.ok(shown.buttons.includes(tr('Remove')));
    assert.equal(report.returned, 'object', 'the import itself reports back');
    assert.equal(readFileSync(victimFile(), 'utf8'), victimText, 'the file is untouched');
  });

  it('asks before disabling, enabling or deleting a key, whatever the arguments confirm', async function () {
    const { tr } = l10n;
    const cases = [
      ['Disable Key', 'disableKey', tr('Disable'), 'LTAI5tDemoFrankKey000001', 'frank'],
      ['Enable Key', 'enableKey', tr('Enable'), 'LTAI5tDemoDaveKey0000002', 'dave'],
      ['Delete Key', 'deleteKey', tr('Delete'), 'LTAI5tDemoBobKey00000001', 'bob'],
    ];
    for (const [title, door, verb, key, user] of cases) {
      const { shown, report } = await stoppedAtModal(title, door);
      assert.equal(shown.message, tr('{0} AccessKey {1} of {2}?', verb, key, tr('RAM user {0}', user)));
      assert.ok(shown.buttons.includes(verb));
      assert.equal(report.returned, 'undefined');
    }
  });

  it('asks before creating a RAM user with a policy and a key, saying what it may do and where its secret goes', async function () {
    const { tr } = l10n;
    const { shown, report } = await stoppedAtModal('Create RAM User', 'createRamUser');
    assert.equal(shown.message, tr('Create RAM user {0} with {1}, and an AccessKey for it?', 'intruder-admin', 'AdministratorAccess'));
    assert.ok(shown.detail.includes(tr('{0} lets the user do far more than most work needs: a leaked key could change or delete everything it covers.', 'AdministratorAccess')),
      `the dialog warns of the broad policy: ${shown.detail}`);
    assert.ok(shown.detail.includes(tr('Its secret will be kept in VS Code\'s secret storage as profile "{0}".', 'intruder-admin')), 'and says where the secret would go');
    assert.ok(shown.buttons.includes(tr('Create RAM User')));
    assert.equal(report.returned, 'undefined');
  });

  it('asks before rotating a key and before deleting a profile', async function () {
    const { tr } = l10n;
    const rotate = await stoppedAtModal('Rotate Key', 'rotateKey');
    assert.equal(rotate.shown.message, tr('Replace the AccessKey of profile "{0}" with a new one?', 'frank'));
    assert.equal(rotate.report.returned, 'undefined');
    const remove = await stoppedAtModal('Delete Profile', 'deleteProfile');
    assert.equal(remove.shown.message, tr('Delete profile "{0}"?', 'frank'));
    assert.equal(remove.report.returned, 'undefined');
  });

  it('changed nothing in the cloud: no user created, no policy attached, no key created, disabled, enabled or deleted', async function () {
    const { requests } = await emulator(`requests?since=${mark}`);
    const changes = requests.filter((r) => CHANGES.includes(r.action));
    note(`emulator: ${requests.length} request(s) during the attempts, ${changes.length} change(s)`);
    assert.deepEqual(changes.map((r) => r.action), [], 'a user or a key was changed without the person');
    const users = (await emulator('state')).accounts.flatMap((a) => a.users.map((u) => u.userName));
    assert.ok(!users.includes('intruder-admin'), 'no RAM user was created');
  });
});
