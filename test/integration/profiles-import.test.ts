import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CredentialTestResult } from '../../src/credentials/credentialCheck';
import type { Profile } from '../../src/credentials/profile';
import type { ExportResult } from '../../src/commands/profiles/exportProfile';
import type { ImportReport } from '../../src/commands/profiles/importProfiles';
import { activateExtension } from './helpers';
import {
  addTracked, copyFixtures, created, deleteTracked, eventually, listProfiles, logText, prof, removeTemp, run, uniqueName,
} from './profilesFixtures';

/** `confirm: true` answers the question before a file is rewritten; only Test mode honours it. */
const importFrom = (args: Record<string, unknown>) => run<ImportReport>('importProfiles', { confirm: true, ...args });

function track(report: ImportReport | undefined): ImportReport {
  assert.ok(report, 'the import failed');
  report.imported.forEach((i) => created.add(i.profileId));
  return report;
}

describe('Profiles: import', () => {
  let dir: string;
  const file = (...parts: string[]) => path.join(dir, ...parts);
  before(activateExtension);
  beforeEach(() => {
    dir = copyFixtures();
  });
  afterEach(async () => {
    removeTemp(dir);
    await deleteTracked(); // each test starts without the names the last one imported
  });

  it('shows what an aliyun CLI config holds before storing anything', async () => {
    const before = await listProfiles();
    const report = await importFrom({ source: 'aliyun-cli', path: file('aliyun', 'config.json'), dryRun: true });
    assert.deepEqual(report?.found.map((f) => [f.name, f.kind, f.accessKeyId, f.regionId]), [
      ['default', 'AccessKey', 'LTAI****0001', 'cn-hangzhou'],
      ['prod', 'AccessKey', 'LTAI****0001', 'cn-shanghai'],
      ['temp', 'StsToken', 'STS.****0001', 'cn-beijing'],
      ['chained', 'RamRole', '', 'cn-hangzhou'],
    ]);
    assert.deepEqual(report?.notImportable.map((n) => n.mode), ['RamRoleArn', 'EcsRamRole', 'External', 'CloudSSO', 'AK', 'AK']);
    assert.ok(!JSON.stringify(report).includes('prof-secret'), 'the report carries a secret');
    assert.deepEqual((await listProfiles()).map((p) => p.id), before.map((p) => p.id), 'a dry run stored something');
  });

  it('imports AK and StsToken profiles from the aliyun CLI, and they work', async () => {
    const report = track(await importFrom({ source: 'aliyun-cli', path: file('aliyun', 'config.json'), select: ['default', 'temp'], conflict: 'rename' }));
    assert.deepEqual(report.imported.map((i) => [i.from, i.action]), [['default', 'add'], ['temp', 'add']]);
    const profiles = await listProfiles();
    const temp = profiles.find((p) => p.id === report.imported[1].profileId);
    assert.deepEqual([temp?.kind, temp?.expiration, temp?.regionId, temp?.source], ['StsToken', '2099-01-01T00:00:00.000Z', 'cn-beijing', 'aliyun-cli:temp']);
    for (const i of report.imported) {
      const result = await run<CredentialTestResult>('testCredentials', { profileId: i.profileId });
      assert.equal(result?.ok, true, result?.summary);
    }
    assert.equal(fs.readFileSync(file('aliyun', 'config.json'), 'utf8'), fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'import', 'aliyun', 'config.json'), 'utf8'), 'the source changed without being asked');
  });

  it('applies the conflict rule: skip, rename, replace', async () => {
    const source = { source: 'aliyun-cli', path: file('aliyun', 'config.json'), select: ['prod'] };
    const first = track(await importFrom({ ...source, conflict: 'skip' }));
    const prodId = first.imported[0].profileId;
    await run('editProfile', { profileId: prodId, label: 'prod', regionId: 'cn-chengdu' });

    const skipped = await importFrom({ ...source, conflict: 'skip' });
    assert.deepEqual([skipped?.imported.length, skipped?.skipped.map((s) => s.name)], [0, ['prod']]);
    assert.equal(skipped?.found.find((f) => f.name === 'prod')?.existing, 'prod');

    const renamed = track(await importFrom({ ...source, conflict: 'rename' }));
    assert.deepEqual(renamed.imported.map((i) => [i.name, i.action]), [['prod (2)', 'add']]);

    const replaced = track(await importFrom({ ...source, conflict: 'replace' }));
    assert.deepEqual(replaced.imported.map((i) => [i.name, i.action, i.profileId]), [['prod', 'replace', prodId]]);
    const prod = (await listProfiles()).find((p) => p.id === prodId);
    assert.equal(prod?.regionId, 'cn-shanghai', 'replace did not take the imported region');
    assert.equal(prod?.label, 'prod', 'replace dropped the label');
  });

  it('imports ~/.alibabacloud/credentials, honouring ALIBABA_CLOUD_CREDENTIALS_FILE', async () => {
    const saved = process.env.ALIBABA_CLOUD_CREDENTIALS_FILE;
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file('credentials', 'credentials');
    let report: ImportReport;
    try {
      report = track(await importFrom({ source: 'credentials-file', select: 'all' }));
    } finally {
      if (saved === undefined) {
        delete process.env.ALIBABA_CLOUD_CREDENTIALS_FILE;
      } else {
        process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = saved;
      }
    }
    assert.match(report.file, /credentials\/credentials$/);
    // The role section "assume" comes with a profile for its key, unless one holds that key already.
    assert.deepEqual([...new Set(report.imported.map((i) => i.from))], ['default', 'prod', 'assume']);
    assert.deepEqual(report.notImportable.map((n) => n.name), ['on-ecs', 'switched-off', 'half']);
    const prod = (await listProfiles()).find((p) => p.id === report.imported[1].profileId);
    assert.deepEqual([prod?.accessKeyId, prod?.regionId, prod?.source], [prof.root.id, 'cn-shanghai', 'credentials-file:prod']);
  });

  it('imports the console CSV, root and RAM user variants, with and without a BOM', async () => {
    const root = track(await importFrom({ path: file('csv', 'root-with-bom.csv'), select: 'all' }));
    assert.equal(root.format, 'csv');
    assert.deepEqual(root.imported.map((i) => i.name), ['root-0001']);
    const user = track(await importFrom({ source: 'csv', path: file('csv', 'ram-user.csv'), select: 'all' }));
    assert.deepEqual(user.imported.map((i) => i.name), ['quinn']);
    const odd = track(await importFrom({ source: 'csv', path: file('csv', 'ram-user-odd-headers.csv'), select: 'all' }));
    const pat = (await listProfiles()).find((p) => p.id === odd.imported[0].profileId);
    assert.deepEqual([pat?.name, pat?.accessKeyId, pat?.source], ['pat', prof.pat2.id, 'csv:ram-user-odd-headers.csv']);
    assert.ok(pat?.keyCreatedAt, 'the CSV\'s creation time was not kept');
    assert.equal((await run<CredentialTestResult>('testCredentials', { profileId: root.imported[0].profileId }))?.identity?.identityType, 'Account');
  });

  it('removes the imported secrets from the source file when asked, keeping everything else', async () => {
    const cli = file('aliyun', 'config.json');
    fs.chmodSync(cli, 0o640);
    const before = JSON.parse(fs.readFileSync(cli, 'utf8'));
    const report = track(await importFrom({ source: 'aliyun-cli', path: cli, select: ['default'], conflict: 'rename', removeSecretsFromSource: true }));
    assert.equal(report.secretsRemoved, 1);
    const text = fs.readFileSync(cli, 'utf8');
    const after = JSON.parse(text);
    assert.ok(!text.includes(prof.pat1.secret), 'the imported secret is still in the file');
    assert.ok(text.includes(prof.root.secret), 'a profile that was not imported lost its secret');
    assert.equal(after.current, before.current);
    assert.deepEqual(after.profiles.slice(1), before.profiles.slice(1));
    assert.equal(after.profiles[0].access_key_id, prof.pat1.id);
    assert.equal('access_key_secret' in after.profiles[0], false);
    assert.equal(fs.statSync(cli).mode & 0o777, 0o640, 'the file mode changed');
    assert.equal((await run<CredentialTestResult>('testCredentials', { profileId: report.imported[0].profileId }))?.ok, true, 'the stored copy does not work');

    const ini = file('credentials', 'credentials');
    const iniBefore = fs.readFileSync(ini, 'utf8');
    track(await importFrom({ source: 'credentials-file', path: ini, select: ['prod'], conflict: 'rename', removeSecretsFromSource: true }));
    assert.equal(fs.readFileSync(ini, 'utf8'), iniBefore.replace('access_key_secret = prof-secret-root-not-real-00001\n', ''));
    const csv = file('csv', 'ram-user.csv');
    track(await importFrom({ source: 'csv', path: csv, select: 'all', conflict: 'rename', removeSecretsFromSource: true }));
    assert.equal(fs.readFileSync(csv, 'utf8'), 'User Principal Name,AccessKey ID,AccessKey Secret\nquinn@3300000000000003.onaliyun.com,LTAI5tProfQuinn000000001,\n');
  });

  describe('bad files change nothing and say which file and what is wrong', () => {
    const cases: Array<[string, () => string, Record<string, unknown>, RegExp]> = [
      ['truncated JSON', () => file('aliyun', 'truncated.json'), { source: 'aliyun-cli' }, /truncated\.json: it is not valid JSON: it ends too early/],
      ['JSON with a trailing comma', () => file('aliyun', 'trailing-comma.json'), { source: 'aliyun-cli' }, /trailing-comma\.json: it is not valid JSON \(the first error is at line 4, column 131\)/],
      ['JSON that is not a CLI config', () => file('aliyun', 'not-cli.json'), { source: 'aliyun-cli' }, /not-cli\.json: it has no "profiles" list/],
      ['an INI cut inside a section header', () => file('credentials', 'truncated'), { source: 'credentials-file' }, /truncated: line 5: a section header/],
      ['an INI cut mid-line', () => file('credentials', 'cut-mid-line'), { source: 'credentials-file' }, /cut-mid-line: line 4 is not "key = value"/],
      ['a CSV with the wrong columns', () => file('csv', 'wrong-columns.csv'), { source: 'csv' }, /wrong-columns\.csv: its first line does not name the columns/],
      ['a CSV without a header', () => file('csv', 'no-header.csv'), { source: 'csv' }, /no-header\.csv: its first line does not name the columns .* \(it has 2 columns\)/],
      ['a CSV with a header only', () => file('csv', 'header-only.csv'), { source: 'csv' }, /header-only\.csv: it has a header but no key under it/],
      ['a CSV with an unclosed quote', () => file('csv', 'unclosed-quote.csv'), { source: 'csv' }, /unclosed-quote\.csv: line 2: a quoted value is not closed/],
      ['a file over 1 MB', () => {
        const big = file('aliyun', 'huge.json');
        fs.writeFileSync(big, `{"profiles":[],"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`);
        return big;
      }, { source: 'aliyun-cli' }, /huge\.json: it is 2048 KB; a credentials file is a few KB/],
      ['a binary file', () => {
        const bin = file('credentials', 'binary');
        fs.writeFileSync(bin, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00, 0xff, 0xfe]));
        return bin;
      }, { source: 'credentials-file' }, /binary: it is a binary file/],
      ['a file that is not UTF-8', () => {
        const latin = file('csv', 'latin1.csv');
        fs.writeFileSync(latin, Buffer.from('AccessKey ID,AccessKey Secret\nLTAI5tProfRoot0000000001,s\xe9cret\n', 'latin1'));
        return latin;
      }, { source: 'csv' }, /latin1\.csv: it is not UTF-8 text/],
      ['a missing file', () => file('aliyun', 'missing.json'), { source: 'aliyun-cli' }, /missing\.json: there is no such file/],
      ['a folder', () => file('aliyun'), { source: 'aliyun-cli' }, /aliyun: it is a folder, not a file/],
    ];
    for (const [what, make, args, message] of cases) {
      it(what, async () => {
        const target = make();
        const bytes = fs.existsSync(target) && fs.statSync(target).isFile() ? fs.readFileSync(target) : undefined;
        const before = (await listProfiles()).map((p) => `${p.id}|${p.updatedAt}`);
        const report = await importFrom({ ...args, path: target, select: 'all', conflict: 'replace', removeSecretsFromSource: true });
        assert.equal(report, undefined, 'the import went ahead');
        assert.deepEqual((await listProfiles()).map((p) => `${p.id}|${p.updatedAt}`), before, 'the profiles changed');
        if (bytes) {
          assert.ok(fs.readFileSync(target).equals(bytes), 'the file changed');
        }
        // The command wrapper shows the message and logs it; the log is where a test can read it.
        const logged = await eventually('the message in the log', async () => {
          const line = (await logText()).split('\n').find((l) => l.includes('[alibabaCloud.importProfiles]') && message.test(l));
          return line;
        });
        assert.match(logged, /Nothing was imported\./);
        assert.ok(!logged.includes('prof-secret') && !logged.includes('LTAI5tProf'), `the message quotes the file: ${logged}`);
      });
    }
  });
});

describe('Profiles: export to the aliyun CLI', () => {
  let dir: string;
  const file = (...parts: string[]) => path.join(dir, ...parts);
  let profile: Profile;
  before(async () => {
    await activateExtension();
    profile = await addTracked({ name: uniqueName('prof-export'), accessKeyId: prof.pat2.id, accessKeySecret: prof.pat2.secret, regionId: 'cn-shenzhen' });
  });
  beforeEach(() => {
    dir = copyFixtures();
  });
  afterEach(() => removeTemp(dir));
  after(deleteTracked);

  it('creates a new config with mode 0600, tab-indented, without touching current unless asked', async () => {
    const target = file('new-home', '.aliyun', 'config.json');
    const result = await run<ExportResult>('exportProfile', { profileId: profile.id, path: target, cliProfileName: 'vscode', confirm: true });
    assert.deepEqual(result && [result.created, result.current, result.cliProfileName], [true, '', 'vscode']);
    assert.equal(fs.statSync(target).mode & 0o777, 0o600);
    const text = fs.readFileSync(target, 'utf8');
    assert.match(text, /^\{\n\t"current": "",\n\t"profiles": \[/);
    assert.deepEqual(JSON.parse(text).profiles[0], {
      name: 'vscode', mode: 'AK', access_key_id: prof.pat2.id, access_key_secret: prof.pat2.secret, region_id: 'cn-shenzhen', output_format: 'json', language: 'en',
    });
  });

  it('adds to an existing config, keeping its profiles, unknown fields and current', async () => {
    const target = file('aliyun', 'config.json');
    const before = JSON.parse(fs.readFileSync(target, 'utf8'));
    const result = await run<ExportResult>('exportProfile', { profileId: profile.id, path: target, confirm: true });
    assert.equal(result?.current, 'default');
    const after = JSON.parse(fs.readFileSync(target, 'utf8'));
    assert.deepEqual(after.profiles.slice(0, -1), before.profiles);
    assert.equal(after.profiles.at(-1).name, profile.name);
    assert.equal(after.x_top_level, 'kept');
    assert.equal(fs.statSync(target).mode & 0o777, 0o600, 'a config holding secrets is left readable by others');
  });

  it('overwrites a CLI profile only when asked, and sets current only when asked', async () => {
    const target = file('aliyun', 'config.json');
    const original = fs.readFileSync(target);
    assert.equal(await run('exportProfile', { profileId: profile.id, path: target, cliProfileName: 'prod', confirm: true }), undefined);
    assert.equal(await run('exportProfile', { profileId: profile.id, path: target, cliProfileName: 'prod', replace: true, confirm: false }), undefined);
    assert.ok(fs.readFileSync(target).equals(original), 'the file changed without confirmation');
    const result = await run<ExportResult>('exportProfile', { profileId: profile.id, path: target, cliProfileName: 'prod', replace: true, setCurrent: true, confirm: true });
    assert.deepEqual(result && [result.replaced, result.current], [true, 'prod']);
    const prodEntry = JSON.parse(fs.readFileSync(target, 'utf8')).profiles.find((p: { name: string }) => p.name === 'prod');
    assert.deepEqual([prodEntry.access_key_id, prodEntry.language, prodEntry.x_future_field], [prof.pat2.id, 'zh', { keep: ['me', 1] }]);
  });

  it('refuses to write into a damaged config', async () => {
    const target = file('aliyun', 'truncated.json');
    const original = fs.readFileSync(target);
    assert.equal(await run('exportProfile', { profileId: profile.id, path: target, confirm: true }), undefined);
    assert.ok(fs.readFileSync(target).equals(original));
    const logged = await eventually('the message in the log', async () => (await logText()).split('\n').find((l) => l.includes('[alibabaCloud.exportProfile]') && l.includes('truncated.json')));
    assert.match(logged, /ends too early.*Nothing was written\./);
  });
});
