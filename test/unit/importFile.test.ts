import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { guessFormat } from '../../src/credentials/importers';
import { SourceFileError } from '../../src/credentials/importers/types';
import { displayPath, readSourceFile, rewriteSourceFile, writeFileAtomic } from '../../src/credentials/sourceFile';
import { useTempDir } from './tempDir';

async function failure(promise: Promise<unknown>): Promise<SourceFileError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SourceFileError, `expected a SourceFileError, got ${String(error)}`);
    return error;
  }
  assert.fail('no error');
}

describe('import: reading and writing the source files', () => {
  const dir = useTempDir('profiles-import-');

  it('refuses a file over 1 MB before reading it', async () => {
    const file = path.join(dir(), 'config.json');
    fs.writeFileSync(file, '{"profiles":[' + ' '.repeat(1024 * 1024) + ']}');
    const error = await failure(readSourceFile(file));
    assert.match(error.message, /config\.json: it is 1024 KB; a credentials file is a few KB/);
  });

  it('refuses a binary file, a non-UTF-8 file, a folder and a missing file', async () => {
    const binary = path.join(dir(), 'bin');
    fs.writeFileSync(binary, Buffer.from([0x7b, 0x00, 0x01, 0x7d]));
    assert.match((await failure(readSourceFile(binary))).message, /binary file/);
    const latin1 = path.join(dir(), 'latin1.csv');
    fs.writeFileSync(latin1, Buffer.from('AccessKey ID,AccessKey Secret\nLTAI5tProfRoot0000000001,caf\xe9\n', 'latin1'));
    assert.match((await failure(readSourceFile(latin1))).message, /not UTF-8 text/);
    assert.match((await failure(readSourceFile(dir()))).message, /a folder, not a file/);
    assert.match((await failure(readSourceFile(path.join(dir(), 'nope')))).message, /there is no such file/);
  });

  it('names files under the home folder with ~', () => {
    assert.equal(displayPath('/home/u/.aliyun/config.json', '/home/u'), '~/.aliyun/config.json');
    assert.equal(displayPath('/etc/creds', '/home/u'), '/etc/creds');
  });

  it('writes atomically with the requested mode and keeps the BOM and mode on rewrite', async () => {
    const file = path.join(dir(), 'sub', 'config.json');
    await writeFileAtomic(file, '{}', 0o600);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    const csv = path.join(dir(), 'keys.csv');
    fs.writeFileSync(csv, '\uFEFFa,b\n', { mode: 0o640 });
    fs.chmodSync(csv, 0o640);
    const source = await readSourceFile(csv);
    assert.equal(source.text, 'a,b\n');
    await rewriteSourceFile(source, 'a,c\n');
    assert.equal(fs.readFileSync(csv, 'utf8'), '\uFEFFa,c\n');
    assert.equal(fs.statSync(csv).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir()).sort(), ['keys.csv', 'sub'], 'a temporary file was left behind');
  });

  it('refuses to rewrite a file that changed since it was read', async () => {
    const file = path.join(dir(), 'credentials');
    fs.writeFileSync(file, '[a]\n');
    const source = await readSourceFile(file);
    fs.writeFileSync(file, '[a]\n[b]\n');
    assert.match((await failure(rewriteSourceFile(source, ''))).message, /changed since it was read/);
    assert.equal(fs.readFileSync(file, 'utf8'), '[a]\n[b]\n');
  });

  it('rewrites a symbolic link\'s target in place and keeps the link', async () => {
    const real = path.join(dir(), 'dotfiles', 'config.json');
    fs.mkdirSync(path.dirname(real));
    fs.writeFileSync(real, '{"secret":"unit-old-not-real"}', { mode: 0o644 });
    fs.chmodSync(real, 0o644);
    const link = path.join(dir(), 'home', 'config.json');
    fs.mkdirSync(path.dirname(link));
    fs.symlinkSync(path.relative(path.dirname(link), real), link);
    const source = await readSourceFile(link);
    await rewriteSourceFile(source, '{}', 0o600);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link was replaced by a file');
    assert.equal(fs.realpathSync(link), fs.realpathSync(real));
    assert.equal(fs.readFileSync(real, 'utf8'), '{}', 'the target still holds the old text');
    assert.equal(fs.statSync(real).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(path.dirname(real)), ['config.json'], 'a temporary file was left behind');
    assert.deepEqual(fs.readdirSync(path.dirname(link)), ['config.json']);
    await writeFileAtomic(link, '{"a":1}', 0o600);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(real, 'utf8'), '{"a":1}');
  });

  it('checks the link\'s target for changes since it was read', async () => {
    const real = path.join(dir(), 'credentials.real');
    fs.writeFileSync(real, '[a]\n');
    const link = path.join(dir(), 'credentials');
    fs.symlinkSync(real, link);
    const source = await readSourceFile(link);
    fs.writeFileSync(real, '[a]\n[b]\n');
    assert.match((await failure(rewriteSourceFile(source, ''))).message, /changed since it was read/);
    assert.equal(fs.readFileSync(real, 'utf8'), '[a]\n[b]\n');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
  });

  it('refuses to write through a link whose target is gone, and leaves the link alone', async () => {
    const real = path.join(dir(), 'gone', 'credentials');
    const link = path.join(dir(), 'credentials');
    fs.symlinkSync(real, link);
    const error = await failure(writeFileAtomic(link, '[a]\n', 0o600));
    assert.match(error.message, /symbolic link to .*gone.*does not exist or cannot be reached\. Nothing was changed/);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.existsSync(real), false);
    assert.deepEqual(fs.readdirSync(dir()), ['credentials']);
  });

  it('guesses the format of a picked file', () => {
    assert.equal(guessFormat('/x/config.json', ''), 'aliyun-cli');
    assert.equal(guessFormat('/x/AccessKey.CSV', ''), 'csv');
    assert.equal(guessFormat('/x/credentials', '\n[default]\n'), 'credentials-file');
    assert.equal(guessFormat('/x/creds', '{"profiles":[]}'), 'aliyun-cli');
    assert.equal(guessFormat('/x/keys.txt', 'AccessKey ID,AccessKey Secret'), 'csv');
  });
});
