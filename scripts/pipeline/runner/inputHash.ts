import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * A hash of everything a stage's output depends on: its id, its source files and the pipeline
 * code. Equal hash → the previous output is still right, and nothing is rebuilt.
 */
export async function inputHash(stageId: string, sourceDir: string, inputs: readonly string[], codeDirs: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(`stage:${stageId}\0`);
  for (const input of [...inputs].sort()) {
    const file = path.join(sourceDir, input);
    hash.update(`input:${input}\0`);
    // A missing optional input hashes differently from an empty one.
    hash.update(existsSync(file) ? await readFile(file) : '\0missing\0');
  }
  for (const dir of codeDirs) {
    for (const file of await filesUnder(dir)) {
      hash.update(`code:${path.relative(dir, file)}\0`).update(await readFile(file));
    }
  }
  return hash.digest('hex');
}
