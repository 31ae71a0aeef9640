import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Writes `content` to a new temporary file beside `file`, readable by its owner only, synced. */
async function writeTemporary(file: string, content: string): Promise<string> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true });
  const temporary = path.join(folder, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

/**
 * Creates `file` (mode 0600) whole or not at all. Answers false when it exists already: two
 * nodes starting at once on one data folder both read the file the first one made, since a
 * hard link never replaces an existing name.
 */
export async function createPrivateFile(file: string, content: string): Promise<boolean> {
  const temporary = await writeTemporary(file, content);
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}

/** Replaces `file` (mode 0600) atomically: a reader sees the old content or the new, never half. */
export async function replacePrivateFile(file: string, content: string): Promise<void> {
  const temporary = await writeTemporary(file, content);
  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary);
    throw error;
  }
}
