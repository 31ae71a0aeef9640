import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSqlitePackage, writeZipPackage } from '../../../test-support/thirdPartyTilesets.js';
import type { FileSource, IndexedFile } from '../fileSource.js';
import { openSqlitePackage } from './sqlitePackageSource.js';
import { openZipPackage } from './zipPackageSource.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'package-round-trip-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const segment = fc
  .string({ unit: fc.constantFrom(...'abz09_-.é中'), minLength: 1, maxLength: 8 })
  .filter((s) => s !== '.' && s !== '..');

/** Files whose paths never make one file the folder of another, plus the tileset.json every package needs. */
const fileTree = fc
  .uniqueArray(
    fc.record({ path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')), bytes: fc.uint8Array({ maxLength: 3000 }) }),
    { selector: (file) => file.path, maxLength: 12 },
  )
  .filter((files) => files.every((a) => a.path !== 'tileset.json' && files.every((b) => !b.path.startsWith(`${a.path}/`))))
  .chain((files) => fc.uint8Array({ maxLength: 500 }).map((bytes) => [...files, { path: 'tileset.json', bytes }]));

async function expectServes(source: FileSource, files: ReadonlyArray<{ path: string; bytes: Uint8Array }>): Promise<void> {
  expect(source.fileCount).toBe(files.length);
  for (const file of files) {
    const indexed = await source.describe(file.path);
    expect(indexed?.representations.get('identity')?.size, file.path).toBe(file.bytes.length);
    expect(Buffer.compare(await source.read(indexed as IndexedFile, 'identity'), file.bytes), file.path).toBe(0);
  }
}

describe('packages round-trip', () => {
  it('reads every file of a random tree back identical from a .3tz and a .3dtiles', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fileTree, fc.boolean(), fc.boolean(), async (files, compress, gzip) => {
        run += 1;
        const dir = path.join(work, `tree-${run}`);
        for (const file of files) {
          await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
          await writeFile(path.join(dir, file.path), file.bytes);
        }
        await writeZipPackage(dir, `${dir}.3tz`, { compress });
        await writeSqlitePackage(dir, `${dir}.3dtiles`, { gzip });
        const zip = await openZipPackage(`${dir}.3tz`);
        const sqlite = openSqlitePackage(`${dir}.3dtiles`);
        try {
          await expectServes(zip, files);
          await expectServes(sqlite, files);
        } finally {
          await zip.close();
          await sqlite.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});
