import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPrivateFile, pathTaken, replacePrivateFile } from '../../src/util/privateFile';
import { useTempDir } from './tempDir';

const CSV = '\uFEFFAccessKey ID,AccessKey Secret\r\nLTAI5tRamUnitCsv00000009,unit-secret-csv-not-real-0009\r\n';

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
  assert.fail('no error');
}

describe('private files: the new key\'s CSV', () => {
  const dir = useTempDir('private-file-');

  it('creates a new file readable by its owner only', async () => {
    const file = path.join(dir(), 'AccessKey.csv');
    await createPrivateFile(file, CSV);
    assert.equal(fs.readFileSync(file, 'utf8'), CSV);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('refuses an existing file and leaves it as it was', async () => {
    const file = path.join(dir(), 'AccessKey.csv');
    fs.writeFileSync(file, 'stale', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    assert.equal(await code(createPrivateFile(file, CSV)), 'EEXIST');
    assert.equal(fs.readFileSync(file, 'utf8'), 'stale');
    assert.equal(fs.statSync(file).mode & 0o777, 0o644);
  });

  it('never follows a symbolic link, to a file or to nowhere', async () => {
    const other = path.join(dir(), 'authorized_keys');
    fs.writeFileSync(other, 'untouched');
    const link = path.join(dir(), 'AccessKey.csv');
    fs.symlinkSync(other, link);
    assert.equal(await code(createPrivateFile(link, CSV)), 'EEXIST');
    assert.equal(fs.readFileSync(other, 'utf8'), 'untouched');

    const dangling = path.join(dir(), 'dangling.csv');
    const nowhere = path.join(dir(), 'nowhere.csv');
    fs.symlinkSync(nowhere, dangling);
    assert.equal(await pathTaken(dangling), true);
    assert.equal(await code(createPrivateFile(dangling, CSV)), 'EEXIST');
    assert.equal(fs.existsSync(nowhere), false, 'the link\'s target was created');
  });

  it('replaces a picked file in one step with a private one', async () => {
    const file = path.join(dir(), 'AccessKey.csv');
    fs.writeFileSync(file, 'stale', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    await replacePrivateFile(file, CSV);
    assert.equal(fs.readFileSync(file, 'utf8'), CSV);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    await replacePrivateFile(path.join(dir(), 'new.csv'), CSV);
    assert.deepEqual(fs.readdirSync(dir()).sort(), ['AccessKey.csv', 'new.csv'], 'a temporary file was left behind');
  });

  it('replaces a picked symbolic link itself, not the file it points to', async () => {
    const other = path.join(dir(), 'authorized_keys');
    fs.writeFileSync(other, 'untouched', { mode: 0o644 });
    fs.chmodSync(other, 0o644);
    const link = path.join(dir(), 'AccessKey.csv');
    fs.symlinkSync(other, link);
    await replacePrivateFile(link, CSV);
    assert.equal(fs.lstatSync(link).isSymbolicLink(), false);
    assert.equal(fs.readFileSync(link, 'utf8'), CSV);
    assert.equal(fs.statSync(link).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(other, 'utf8'), 'untouched');
    assert.equal(fs.statSync(other).mode & 0o777, 0o644);
  });

  it('says nothing is there when nothing is', async () => {
    assert.equal(await pathTaken(path.join(dir(), 'none.csv')), false);
  });
});
