// Reliability suite, part "bad-input" (issue 7): every input in ./corpus/badInputs.ts is refused or
// reported with a message that names its problem and repeats no secret, and nothing is lost: the
// profiles already stored stay as they were, and the file that was read stays byte for byte.
// Files go through the real Import Profiles command, pasted values through the Add Profile boxes'
// validators and the command itself, seeds through the emulator's validator.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddProfileArgs } from '../../../src/commands/addProfile';
import type { CommandContext } from '../../../src/commands/context';
import { createConsent } from '../../../src/commands/consent';
import type { ImportProfilesArgs } from '../../../src/commands/profiles/importProfiles';
import {
  checkAccessKeyId, checkAccessKeySecret, checkExpiration, checkLabel, checkProfileName, checkRegionId, checkTokenFor,
  type Checked,
} from '../../../src/credentials/profile';
import { CloudSsoSignIns } from '../../../src/credentials/cloudSso/signIns';
import { ProfileStore } from '../../../src/credentials/profileStore';
import { TestResults } from '../../../src/credentials/testResults';
import { SafeError, UserFacingError } from '../../../src/util/errors';
import { t } from '../../../src/util/l10n';
import { loadSeedFile, SeedError, validateSeed } from '../../emulator/seed';
import { FakeMemento, FakeSecretBackend, MemoryLog } from '../../unit/fakes';
import { writeCounts } from '../counts';
import * as corpus from './corpus/badInputs';

type ImportProfiles = typeof import('../../../src/commands/profiles/importProfiles').importProfiles;
type AddProfile = typeof import('../../../src/commands/addProfile').addProfile;

/**
 * Loads a command module in plain Node. Its `import * as vscode` gets an empty object: called with
 * arguments, the commands never prompt, so any use of the editor API would fail the case, as it should.
 */
function loadCommand<T>(id: string): T {
  t(''); // the l10n helper settles on its plain formatter before the stand-in exists
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loader = require('node:module') as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const original = loader._load;
  loader._load = function (this: unknown, request, parent, isMain) {
    return request === 'vscode' ? {} : original.call(this, request, parent, isMain);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(id) as T;
  } finally {
    loader._load = original;
  }
}
const { importProfiles } = loadCommand<{ importProfiles: ImportProfiles }>('../../../src/commands/profiles/importProfiles');
const { addProfile } = loadCommand<{ addProfile: AddProfile }>('../../../src/commands/addProfile');

// ---------------------------------------------------------------------------------------------
// Assertions that count themselves

let checks = 0;
const tried: Record<string, number> = {};

const check = {
  ok(value: unknown, message: string): void {
    assert.ok(value, message);
    checks++;
  },
  match(text: string, pattern: RegExp): void {
    assert.match(text, pattern);
    checks++;
  },
  equal<T>(actual: T, expected: T, message?: string): void {
    assert.equal(actual, expected, message);
    checks++;
  },
  deepEqual<T>(actual: T, expected: T, message?: string): void {
    assert.deepEqual(actual, expected, message);
    checks++;
  },
  /** No secret of the corpus, nor any 10 characters of one, is in `text`. */
  noSecret(text: string, where: string): void {
    for (const secret of corpus.ALL_SECRETS) {
      for (let i = 0; i + 10 <= secret.length; i++) {
        const part = secret.slice(i, i + 10);
        assert.ok(!text.includes(part), `${where} repeats part of a secret ("${part}"): ${text.slice(0, 300)}`);
      }
    }
    checks++;
  },
};

function counted(category: string): void {
  tried[category] = (tried[category] ?? 0) + 1;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

// ---------------------------------------------------------------------------------------------
// A window with three profiles already stored, each with a secret that must survive

const EXISTING_NAMES = ['default', 'alice', 'root-0001'];

interface World {
  readonly backend: FakeSecretBackend;
  readonly store: ProfileStore;
  readonly log: MemoryLog;
  readonly ctx: CommandContext;
  /** Every secret-storage entry (the index and each profile's secrets) before the case. */
  readonly before: Map<string, string>;
}

async function world(): Promise<World> {
  const backend = new FakeSecretBackend();
  const setup = new ProfileStore(backend.window(), new MemoryLog());
  await setup.add({ name: 'default', kind: 'AccessKey', accessKeyId: 'LTAI5tExistingDefault1', regionId: 'cn-hangzhou', source: 'manual', label: 'prod' }, { accessKeySecret: corpus.EXISTING_SECRET });
  await setup.add({ name: 'alice', kind: 'AccessKey', accessKeyId: 'LTAI5tExistingAlice001', regionId: 'cn-beijing', source: 'csv:AccessKey.csv' }, { accessKeySecret: corpus.EXISTING_SECRET + 'A' });
  await setup.add(
    { name: 'root-0001', kind: 'StsToken', accessKeyId: 'STS.ExistingToken0001', regionId: 'cn-shanghai', source: 'manual', expiration: '2099-01-01T00:00:00.000Z' },
    { accessKeySecret: corpus.EXISTING_SECRET + 'R', securityToken: corpus.EXISTING_TOKEN },
  );
  setup.dispose();
  const log = new MemoryLog();
  const store = new ProfileStore(backend.window(), log);
  const consent = createConsent(true, async () => assert.fail('no question is asked: the arguments answer it in Test mode'));
  // CloudSSO sign-ins in the same secret storage: a refused file must not leave one behind either.
  const cloudSso = { signIns: new CloudSsoSignIns(backend.window(), new FakeMemento(), log) };
  const ctx = { store, log, results: new TestResults(new FakeMemento()), consent, cloudSso } as unknown as CommandContext;
  return { backend, store, log, ctx, before: new Map(backend.data) };
}

/** The stored profiles, their secrets and the index are exactly as before the case. */
function nothingLost(w: World): void {
  check.deepEqual(new Map(w.backend.data), w.before, 'secret storage changed after a refused input');
}

/** Everything under `dir` (not following links, not opening pipes): contents by hash, and modes. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    const full = path.join(dir, rel);
    const stat = fs.lstatSync(full);
    const mode = (stat.mode & 0o777).toString(8);
    if (stat.isSymbolicLink()) {
      out[rel] = `link ${fs.readlinkSync(full)}`;
    } else if (stat.isDirectory()) {
      out[rel] = `dir ${mode}`;
      fs.readdirSync(full).sort().forEach((name) => walk(path.join(rel, name)));
    } else if (stat.isFile()) {
      out[rel] = `file ${mode} ${stat.size} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
    } else {
      out[rel] = `other ${mode}`;
    }
  };
  walk('.');
  return out;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-'));
}

// ---------------------------------------------------------------------------------------------
// Files given to Import Profiles, with the most destructive options: import all, replace profiles
// of the same name, and remove the imported secrets from the file.

async function importBadFile(category: string, c: corpus.FileCase): Promise<void> {
  counted(category);
  const dir = tempDir();
  const w = await world();
  try {
    const file = path.join(dir, corpus.fileNameOf(c));
    if (typeof c.content === 'function') {
      c.content(file);
    } else {
      fs.writeFileSync(file, c.content);
    }
    const onDisk = fingerprint(dir);
    const args: ImportProfilesArgs = { source: c.format, path: file, select: 'all', conflict: 'replace', removeSecretsFromSource: true, confirm: true };
    let message: string;
    if (c.refused === 'file') {
      const error = await failureOf(importProfiles(w.ctx, args));
      check.ok(error instanceof SafeError, `the file was not refused with a message for the user: ${error === undefined ? 'the import went ahead' : String(error)}`);
      message = (error as Error).message;
      check.match(message, /Nothing was imported\.$/);
    } else {
      const report = await importProfiles(w.ctx, args);
      check.deepEqual(report.imported, [], 'a bad entry was imported');
      check.equal(report.secretsRemoved, 0, 'secrets were removed from the file');
      check.ok(report.notImportable.length > 0, 'the bad entry is not reported as not importable');
      message = report.notImportable.map((n) => `${n.name}: ${n.reason}`).join('\n');
      check.noSecret(JSON.stringify(report), 'the import report');
    }
    check.match(message, c.message);
    check.noSecret(message, 'the message');
    check.noSecret(w.log.lines.join('\n'), 'the log');
    nothingLost(w);
    check.deepEqual(fingerprint(dir), onDisk, 'the file changed on disk');
  } finally {
    w.store.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('bad input: every one refused or reported, clearly, without a secret, and nothing lost', () => {
  after(() => {
    const inputs = Object.values(tried).reduce((a, b) => a + b, 0);
    writeCounts({ part: 'bad-input', inputs, checks, extra: tried });
    console.log(`  bad-input: ${inputs} inputs tried (${Object.entries(tried).map(([k, v]) => `${k} ${v}`).join(', ')}), ${checks} checks held`);
    assert.ok(CORPUS_SIZE >= 100, `the corpus has only ${CORPUS_SIZE} bad inputs`);
  });

  describe('aliyun CLI ~/.aliyun/config.json', () => {
    for (const c of corpus.ALIYUN_CLI_CASES) {
      it(`${c.refused === 'file' ? 'refuses' : 'reports'} ${c.name}`, () => importBadFile('aliyun CLI config', c));
    }

    it('reports a second profile of the same name, and leaves its secret in the file when the first is imported', async () => {
      counted('aliyun CLI config');
      const dir = tempDir();
      const w = await world();
      try {
        const file = path.join(dir, 'config.json');
        const content = corpus.DUPLICATE_CLI.replace(/"default"/g, '"shared"').replace('"current": "shared"', '"current": "default"');
        fs.writeFileSync(file, content);
        const report = await importProfiles(w.ctx, { source: 'aliyun-cli', path: file, select: 'all', conflict: 'skip', removeSecretsFromSource: true, confirm: true });
        check.deepEqual(report.imported.map((i) => i.name), ['shared'], 'the first "shared" profile is imported');
        const reason = report.notImportable.map((n) => `${n.name}: ${n.reason}`).join('\n');
        check.match(reason.replace(/shared/g, 'default'), corpus.DUPLICATE_CLI_MESSAGE);
        check.noSecret(JSON.stringify(report), 'the import report');
        const after = JSON.parse(fs.readFileSync(file, 'utf8')) as { profiles: Array<Record<string, unknown>> };
        check.equal(after.profiles[0].access_key_secret, undefined, 'the imported secret is removed from the file');
        check.equal(after.profiles[1].access_key_secret, corpus.SECRET, 'the secret of the profile that was not imported is gone from the file');
        for (const [key, value] of w.before) {
          if (key !== 'alibabaCloud.profiles') {
            check.equal(w.backend.data.get(key), value, `existing entry ${key} changed`);
          }
        }
        check.deepEqual((await w.store.list()).map((p) => p.name).sort(), [...EXISTING_NAMES, 'shared'].sort());
      } finally {
        w.store.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('credentials file ~/.alibabacloud/credentials', () => {
    for (const c of corpus.CREDENTIALS_FILE_CASES) {
      it(`${c.refused === 'file' ? 'refuses' : 'reports'} ${c.name}`, () => importBadFile('credentials file', c));
    }
  });

  describe('console AccessKey CSV', () => {
    for (const c of corpus.CSV_CASES) {
      it(`${c.refused === 'file' ? 'refuses' : 'reports'} ${c.name}`, () => importBadFile('console CSV', c));
    }
  });

  describe('the file itself', () => {
    for (const c of corpus.WHOLE_FILE_CASES) {
      it(`refuses ${c.name}`, () => importBadFile('whole file', c));
    }
  });

  describe('values typed or pasted into Add Profile', () => {
    const validators: Record<corpus.PastedField, (c: corpus.PastedCase) => Checked> = {
      name: (c) => checkProfileName(c.value, EXISTING_NAMES),
      accessKeyId: (c) => checkAccessKeyId(c.value),
      accessKeySecret: (c) => checkAccessKeySecret(c.value),
      securityToken: (c) => checkTokenFor(c.permanentId ? corpus.ID : corpus.STS_ID, c.value),
      expiration: (c) => checkExpiration(c.value),
      regionId: (c) => checkRegionId(c.value),
      label: (c) => checkLabel(c.value),
    };
    /** Good values for every field but `field`: the STS ones when the field is the token or expiry. */
    const argsWith = (field: corpus.PastedField, value: string, permanentId = false): AddProfileArgs => {
      const sts = (field === 'securityToken' || field === 'expiration') && !permanentId;
      return {
        name: 'pasted', accessKeyId: sts ? corpus.STS_ID : corpus.ID, accessKeySecret: corpus.SECRET,
        securityToken: sts ? corpus.TOKEN : undefined, expiration: sts ? corpus.FUTURE : undefined,
        regionId: 'cn-beijing', label: 'dev', activate: false, [field]: value,
      };
    };

    for (const c of corpus.PASTED_CASES) {
      it(`refuses ${c.field}: ${c.name}`, async () => {
        counted('pasted values');
        // The input box: its validator's message is shown under the box.
        const checked = validators[c.field](c);
        check.ok(!checked.ok, `the input box accepts it as ${JSON.stringify(checked.ok && checked.value)}`);
        const boxMessage = (checked as { message: string }).message;
        check.match(boxMessage, c.message);
        check.noSecret(boxMessage, 'the input box message');
        // The command with the same value as an argument: refused, and no profile added or changed.
        const w = await world();
        try {
          const error = await failureOf(addProfile(w.ctx, argsWith(c.field, c.value, c.permanentId)));
          check.ok(error instanceof UserFacingError, `Add Profile did not refuse it: ${error === undefined ? 'a profile was added' : String(error)}`);
          check.match((error as Error).message, c.message);
          check.noSecret((error as Error).message, 'the command\'s message');
          nothingLost(w);
        } finally {
          w.store.dispose();
        }
      });
    }

    // Not bad input: the white space around a value is cut, and the cut value is what is stored.
    for (const c of corpus.TRIMMED_CASES) {
      it(`accepts and stores without the white space: ${c.name}`, async () => {
        const w = await world();
        try {
          const profile = await addProfile(w.ctx, argsWith(c.field, c.value));
          const secrets = await w.store.getSecrets(profile.id);
          const stored: Record<corpus.PastedField, string | undefined> = {
            name: profile.name, accessKeyId: profile.accessKeyId, regionId: profile.regionId, label: profile.label,
            expiration: profile.expiration, accessKeySecret: secrets?.accessKeySecret, securityToken: secrets?.securityToken,
          };
          check.equal(stored[c.field], c.stored);
          for (const [key, value] of w.before) {
            if (key !== 'alibabaCloud.profiles') {
              check.equal(w.backend.data.get(key), value, `existing entry ${key} changed`);
            }
          }
        } finally {
          w.store.dispose();
        }
      });
    }
  });

  describe('emulator seed values', () => {
    it('takes the unchanged seed, so each case below fails for its own change', () => {
      check.deepEqual(validateSeed(corpus.validSeed()).warnings, []);
    });

    for (const c of corpus.SEED_CASES) {
      it(`refuses ${c.name}`, () => {
        counted('seed values');
        const seed = corpus.validSeed();
        const raw = c.mutate(seed) ?? seed;
        let error: unknown;
        try {
          validateSeed(raw, 'seed');
        } catch (e) {
          error = e;
        }
        check.ok(error instanceof SeedError, `the seed was not refused: ${String(error)}`);
        const message = (error as Error).message;
        check.match(message, c.message);
        check.noSecret(message, 'the seed error');
      });
    }

    for (const c of corpus.SEED_FILE_CASES) {
      it(`refuses ${c.name}`, () => {
        counted('seed values');
        const dir = tempDir();
        try {
          const file = path.join(dir, 'seed.json');
          if (c.content !== undefined) {
            fs.writeFileSync(file, c.content);
          }
          let error: unknown;
          try {
            loadSeedFile(file);
          } catch (e) {
            error = e;
          }
          check.ok(error instanceof SeedError, `the seed file was not refused: ${String(error)}`);
          check.match((error as Error).message, c.message);
          check.noSecret((error as Error).message, 'the seed error');
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
});

const CORPUS_SIZE = corpus.ALIYUN_CLI_CASES.length + 1 + corpus.CREDENTIALS_FILE_CASES.length + corpus.CSV_CASES.length
  + corpus.WHOLE_FILE_CASES.length + corpus.PASTED_CASES.length + corpus.SEED_CASES.length + corpus.SEED_FILE_CASES.length;
