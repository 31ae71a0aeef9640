import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THIRD_PARTY_TILESETS, writeThirdPartyTilesets, writeZipPackage, type ThirdPartyTilesets } from '../../../test-support/thirdPartyTilesets.js';
import type { FileSource, IndexedFile } from '../fileSource.js';
import { openZipPackage } from './zipPackageSource.js';

let work: string;
let tilesets: ThirdPartyTilesets;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'zip-package-'));
  tilesets = await writeThirdPartyTilesets(path.join(work, 'tilesets'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function described(source: FileSource, relative: string): IndexedFile | undefined {
  const answer = source.describe(relative);
  if (answer instanceof Promise) throw new Error('a zip package describes from its index, synchronously');
  return answer;
}

async function withPackage<T>(file: string, use: (source: FileSource) => Promise<T>): Promise<T> {
  const source = await openZipPackage(file);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

/** A zip of stored entries written with yazl, then with some names rewritten in place (yazl refuses unsafe names). */
async function zipWithNames(file: string, entries: ReadonlyArray<readonly [string, string]>, rename: ReadonlyArray<readonly [string, string]>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of entries) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.from(text), name, { compress: false });
  }
  zip.end();
  const bytes = await buffer(zip.outputStream);
  for (const [from, to] of rename) {
    expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
    let at = bytes.indexOf(from);
    expect(at).toBeGreaterThan(-1);
    while (at !== -1) {
      bytes.write(to, at, 'latin1');
      at = bytes.indexOf(from, at + 1);
    }
  }
  await writeFile(file, bytes);
}

describe('openZipPackage', () => {
  const layouts = [
    { label: 'deflated', options: { compress: true } },
    { label: 'stored', options: { compress: false } },
    { label: 'ZIP64', options: { compress: true, zip64: true } },
  ];

  describe.each(layouts)('$label', ({ label, options }) => {
    it.each(THIRD_PARTY_TILESETS)('%s: serves every file byte for byte with its content type, never the index', async (name) => {
      const file = path.join(work, `${name}-${label}.3tz`);
      await writeZipPackage(path.join(work, 'tilesets', name), file, options);
      await withPackage(file, async (source) => {
        expect(source.kind).toBe('3tz');
        expect(source.fileCount).toBe(tilesets[name].length);
        for (const { path: relative, contentType } of tilesets[name]) {
          const expected = await readFile(path.join(work, 'tilesets', name, relative));
          const indexed = described(source, relative);
          expect(indexed?.contentType, relative).toBe(contentType);
          expect([...(indexed?.representations.keys() ?? [])]).toEqual(['identity']);
          expect(indexed?.representations.get('identity')?.size).toBe(expected.length);
          expect((await source.read(indexed as IndexedFile, 'identity')).equals(expected), relative).toBe(true);
        }
        expect(described(source, '@3dtilesIndex1@')).toBeUndefined();
      });
    });
  });

  it('gives quoted ETags that survive a reopen and differ between contents, and a version that follows them', async () => {
    const dir = path.join(work, 'tilesets', 'implicit');
    const file = path.join(work, 'etags.3tz');
    await writeZipPackage(dir, file);
    const first = await withPackage(file, async (source) => ({ version: source.version, etags: tilesets.implicit.map((f) => described(source, f.path)?.representations.get('identity')?.etag) }));
    const second = await withPackage(file, async (source) => ({ version: source.version, etags: tilesets.implicit.map((f) => described(source, f.path)?.representations.get('identity')?.etag) }));
    expect(second).toEqual(first);
    for (const etag of first.etags) expect(etag).toMatch(/^"[^"]+"$/);
    const contents = await Promise.all(tilesets.implicit.map((f) => readFile(path.join(dir, f.path), 'latin1')));
    expect(new Set(first.etags).size).toBe(new Set(contents).size);

    // One file rewritten with other bytes of the same length: its tag and the version change.
    const changed = path.join(work, 'tilesets-changed');
    await writeThirdPartyTilesets(changed);
    const tileset = path.join(changed, 'implicit', 'tileset.json');
    await writeFile(tileset, (await readFile(tileset, 'utf8')).replace('"REPLACE"', '"ADD"    '));
    const changedFile = path.join(work, 'etags-changed.3tz');
    await writeZipPackage(path.join(changed, 'implicit'), changedFile);
    await withPackage(changedFile, async (source) => {
      expect(source.version).not.toBe(first.version);
      const index = tilesets.implicit.findIndex((f) => f.path === 'tileset.json');
      expect(described(source, 'tileset.json')?.representations.get('identity')?.etag).not.toBe(first.etags[index]);
      expect(described(source, 'content/0/0/0.glb')?.representations.get('identity')?.etag).toBe(first.etags[tilesets.implicit.findIndex((f) => f.path === 'content/0/0/0.glb')]);
    });
  });

  it('answers undefined for unknown, climbing, absolute and backslashed paths', async () => {
    const file = path.join(work, 'lookups.3tz');
    await writeZipPackage(path.join(work, 'tilesets', 'external'), file);
    await withPackage(file, async (source) => {
      for (const relative of ['missing.glb', '../tileset.json', 'nested/../tileset.json', '/tileset.json', 'nested\\tileset.json', './tileset.json', 'nested//tileset.json', 'nested/', '']) {
        expect(described(source, relative), relative).toBeUndefined();
      }
      expect(described(source, 'nested/tileset.json')).toBeDefined();
    });
  });

  it('leaves out entries named outside the package, and directories, yet serves the rest', async () => {
    const file = path.join(work, 'unsafe-names.3tz');
    await zipWithNames(
      file,
      [
        ['tileset.json', '{}'],
        ['content/', ''],
        ['./content/a.glb', 'a'],
        ['xx/escape.json', 'escape'],
        ['xabsolute.json', 'absolute'],
        ['dirxbackslash.json', 'backslash'],
        ['nulxname.json', 'nul'],
        ['Cxdrive.json', 'drive'],
      ],
      [
        ['xx/escape.json', '../escape.json'],
        ['xabsolute.json', '/absolute.json'],
        ['dirxbackslash.json', 'dir\\backslash.json'],
        ['nulxname.json', 'nul\0name.json'],
        ['Cxdrive.json', 'C:drive.json'],
      ],
    );
    await withPackage(file, async (source) => {
      expect(source.fileCount).toBe(2);
      const normalised = described(source, 'content/a.glb');
      expect(normalised?.contentType).toBe('model/gltf-binary');
      expect((await source.read(normalised as IndexedFile, 'identity')).toString()).toBe('a');
      for (const relative of ['content', 'content/', '../escape.json', 'escape.json', '/absolute.json', 'absolute.json', 'dir\\backslash.json', 'dir/backslash.json', 'nul\0name.json', 'C:drive.json']) {
        expect(described(source, relative), relative).toBeUndefined();
      }
    });
  });

  it('rejects a truncated, a corrupt or a non-ZIP file, and one without tileset.json, saying why', async () => {
    const whole = path.join(work, 'whole.3tz');
    await writeZipPackage(path.join(work, 'tilesets', 'b3dm'), whole);
    const truncated = path.join(work, 'truncated.3tz');
    await writeFile(truncated, await readFile(whole));
    await truncate(truncated, Math.floor((await readFile(whole)).length / 2));
    await expect(openZipPackage(truncated)).rejects.toThrow(/^Cannot open 3D Tiles archive .*truncated\.3tz: .*end of central directory/i);

    const corrupt = path.join(work, 'corrupt.3tz');
    const bytes = await readFile(whole);
    const centralDirectory = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.fill(0x55, centralDirectory - 2, centralDirectory + 40);
    await writeFile(corrupt, bytes);
    await expect(openZipPackage(corrupt)).rejects.toThrow(/^Cannot open 3D Tiles archive .*corrupt\.3tz: /);

    const text = path.join(work, 'text.3tz');
    await writeFile(text, 'not a zip at all');
    await expect(openZipPackage(text)).rejects.toThrow(/^Cannot open 3D Tiles archive .*text\.3tz: /);
    await expect(openZipPackage(path.join(work, 'absent.3tz'))).rejects.toThrow(/^Cannot open 3D Tiles archive .*absent\.3tz: .*ENOENT/);

    const noTileset = path.join(work, 'no-tileset.3tz');
    await zipWithNames(noTileset, [['content/a.glb', 'a']], []);
    await expect(openZipPackage(noTileset)).rejects.toThrow(/no tileset\.json at its root/);
  });

  it('refuses to serve an entry whose bytes no longer match their CRC-32', async () => {
    const file = path.join(work, 'bit-rot.3tz');
    await zipWithNames(file, [['tileset.json', '{"asset":{"version":"1.1"}}']], []);
    const bytes = await readFile(file);
    bytes.write('2', bytes.indexOf('1.1'), 'latin1');
    await writeFile(file, bytes);
    await withPackage(file, async (source) => {
      await expect(source.read(described(source, 'tileset.json') as IndexedFile, 'identity')).rejects.toThrow(/CRC-32/);
    });
  });

  it('returns the right bytes to 50 concurrent reads', async () => {
    const dir = path.join(work, 'tilesets', 'implicit');
    const file = path.join(work, 'concurrent.3tz');
    await writeZipPackage(dir, file);
    await withPackage(file, async (source) => {
      const picks = Array.from({ length: 50 }, (_, i) => tilesets.implicit[i % tilesets.implicit.length]?.path as string);
      const reads = await Promise.all(picks.map((relative) => source.read(described(source, relative) as IndexedFile, 'identity')));
      for (const [i, bytes] of reads.entries()) expect(bytes.equals(await readFile(path.join(dir, picks[i] as string))), picks[i]).toBe(true);
    });
  });

  it('has no representation but identity, and stops reading once closed', async () => {
    const file = path.join(work, 'closed.3tz');
    await writeZipPackage(path.join(work, 'tilesets', 'glb'), file);
    const source = await openZipPackage(file);
    const indexed = described(source, 'tileset.json') as IndexedFile;
    await expect(source.read(indexed, 'gzip')).rejects.toThrow(/no gzip form/);
    await source.close();
    await source.close();
    await expect(source.read(indexed, 'identity')).rejects.toThrow(/closed/);
  });
});
