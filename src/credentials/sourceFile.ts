import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { t } from '../util/l10n';
import { MAX_SOURCE_BYTES, SourceFileError } from './importers/types';

/** `~/.aliyun/config.json` rather than the whole home path, in messages. */
export function displayPath(file: string, home: string = os.homedir()): string {
  const resolved = path.resolve(file);
  return home && (resolved === home || resolved.startsWith(home + path.sep)) ? '~' + resolved.slice(home.length) : resolved;
}

/** A text file as read, with what is needed to write it back safely. */
export interface SourceText {
  readonly path: string;
  readonly label: string;
  readonly text: string;
  /** The file began with a UTF-8 byte-order mark (kept when we write it back). */
  readonly bom: boolean;
  readonly mode: number;
  /** Of the bytes read: a write back refuses to go ahead if the file changed since. */
  readonly digest: string;
}

const digestOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A UTF-16 byte-order mark, or ASCII text with a zero byte after (LE) or before (BE) each character. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const le = bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0;
  const be = bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0;
  return bom || le || be;
}

/** Reads a small UTF-8 text file; every problem becomes a SourceFileError naming the file. */
export async function readSourceFile(file: string, maxBytes = MAX_SOURCE_BYTES): Promise<SourceText> {
  const label = displayPath(file);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceFileError(label, code === 'ENOENT' ? t('there is no such file.') : code === 'EACCES' ? t('it cannot be read (permission denied).') : t('it cannot be read ({0}).', code ?? 'error'));
  }
  if (stat.isDirectory()) {
    throw new SourceFileError(label, t('it is a folder, not a file.'));
  }
  if (!stat.isFile()) {
    // Reading a named pipe or a device would wait for ever, or never end.
    throw new SourceFileError(label, t('it is not a regular file (it is a device, pipe or socket).'));
  }
  if (stat.size > maxBytes) {
    throw new SourceFileError(label, t('it is {0} KB; a credentials file is a few KB, so this is not one.', Math.round(stat.size / 1024)));
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new SourceFileError(label, t('it cannot be read ({0}).', (error as NodeJS.ErrnoException).code ?? 'error'));
  }
  if (bytes.length > maxBytes) {
    throw new SourceFileError(label, t('it is {0} KB; a credentials file is a few KB, so this is not one.', Math.round(bytes.length / 1024)));
  }
  if (looksLikeUtf16(bytes)) {
    // What Excel's "Unicode Text" and Windows PowerShell 5's Out-File write.
    throw new SourceFileError(label, t('it is UTF-16 text; save it as UTF-8 and try again.'));
  }
  if (bytes.includes(0)) {
    throw new SourceFileError(label, t('it is a binary file, not text.'));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new SourceFileError(label, t('it is not UTF-8 text.'));
  }
  const bom = text.startsWith('\uFEFF');
  return { path: file, label, text: bom ? text.slice(1) : text, bom, mode: stat.mode & 0o777, digest: digestOf(bytes) };
}

/**
 * Where a write to `file` must land: the file itself, or, when it is a symbolic link, the file the
 * link points to (replacing the link would leave the secret in its target while we say it is gone).
 */
async function writeTarget(file: string): Promise<string> {
  let link;
  try {
    link = await fs.lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return file;
    }
    throw error;
  }
  if (!link.isSymbolicLink()) {
    return file;
  }
  try {
    return await fs.realpath(file);
  } catch {
    const to = await fs.readlink(file).catch(() => '?');
    throw new SourceFileError(displayPath(file), t('it is a symbolic link to {0}, which does not exist or cannot be reached. Nothing was changed.', to));
  }
}

/**
 * Replaces a file with new text in one step (a temporary file in the same folder, then a rename),
 * so a crash leaves the old file or the new one, never half of each. `mode` applies to a new file
 * and is forced on an existing one (0600 for files that hold secrets). A symbolic link is kept:
 * the file it points to is replaced.
 */
export async function writeFileAtomic(file: string, text: string, mode: number): Promise<void> {
  const target = await writeTarget(file);
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Writes back a file read by readSourceFile, unless it changed in the meantime; keeps its BOM and (unless given) its mode. */
export async function rewriteSourceFile(source: SourceText, text: string, mode: number = source.mode): Promise<void> {
  const target = await writeTarget(source.path);
  let current: Buffer;
  try {
    current = await fs.readFile(target);
  } catch {
    throw new SourceFileError(source.label, t('it disappeared before it could be changed. Nothing was changed.'));
  }
  if (digestOf(current) !== source.digest) {
    throw new SourceFileError(source.label, t('it changed since it was read. Nothing was changed; try again.'));
  }
  await writeFileAtomic(target, (source.bom ? '\uFEFF' : '') + text, mode);
}
