import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const PRIVATE_MODE = 0o600;

/**
 * Creates a file only its owner can read (0600). Fails with EEXIST when anything is at the path,
 * a symbolic link included, even one pointing nowhere: O_EXCL never follows a link.
 */
export async function createPrivateFile(file: string, content: string): Promise<void> {
  const handle = await fs.open(file, 'wx', PRIVATE_MODE);
  let written = false;
  try {
    // The umask may have taken bits away, never added any; set the mode anyway on the file we made.
    await handle.chmod(PRIVATE_MODE);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    written = true;
  } finally {
    await handle.close();
    if (!written) {
      await fs.rm(file, { force: true });
    }
  }
}

/**
 * Replaces whatever is at the path with a new private file in one step: a new file created
 * exclusively next to it, then renamed over it. A symbolic link is itself replaced; its target is
 * left alone, as is the old file's mode.
 */
export async function replacePrivateFile(file: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  await createPrivateFile(temp, content);
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Whether anything is at the path, a symbolic link pointing nowhere included. */
export async function pathTaken(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }
    throw error;
  }
}
