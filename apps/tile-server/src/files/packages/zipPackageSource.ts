import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { contentTypeFor } from '../contentTypes.js';
import type { FileSource, IndexedFile } from '../fileSource.js';
import { isServablePath, normaliseEntryName } from './packagePaths.js';

/** The 3TZ index (MD5 hashes of paths → offsets): a lookup aid for readers, never a tileset file. */
const INDEX_ENTRY = '@3dtilesIndex1@';

/** The only compression methods the 3TZ specification allows. */
const STORED = 0;
const DEFLATED = 8;

/**
 * What reading one entry needs. yauzl's Entry objects keep their raw header buffers (about half
 * a kilobyte each), too much to hold for archives of millions of tiles.
 */
interface Member {
  readonly localHeaderOffset: number;
  readonly compressionMethod: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  readonly etag: string;
}

/** CRC-32 and size name the content (read() checks the CRC); the timestamp guards against a 1-in-2^32 same-size CRC collision. */
function etagOf(entry: yauzl.Entry): string {
  const crc = entry.crc32.toString(16).padStart(8, '0');
  const stamp = ((entry.lastModFileDate << 16) | entry.lastModFileTime) >>> 0;
  return `"${crc}-${entry.uncompressedSize.toString(36)}-${stamp.toString(36)}"`;
}

function openError(file: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`Cannot open 3D Tiles archive ${file}: ${reason}`, { cause: error });
}

/** Reads the central directory once; entries that can never be served are left out. */
async function indexMembers(zip: yauzl.ZipFile): Promise<Map<string, Member>> {
  const members = new Map<string, Member>();
  for await (const entry of zip.eachEntry()) {
    // decodeStrings is off so that yauzl does not reject the whole archive over one bad name.
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
    const path = normaliseEntryName(name);
    if (path === undefined || path === INDEX_ENTRY) continue;
    if (entry.isEncrypted()) throw new Error(`entry ${path} is encrypted`);
    if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
      throw new Error(`entry ${path} uses compression method ${entry.compressionMethod}; 3TZ allows only stored or deflated`);
    }
    // A later entry of the same name wins, as when a tool appends an updated file.
    members.set(path, {
      localHeaderOffset: entry.relativeOffsetOfLocalHeader,
      compressionMethod: entry.compressionMethod,
      compressedSize: entry.compressedSize,
      size: entry.uncompressedSize,
      crc32: entry.crc32,
      etag: etagOf(entry),
    });
  }
  return members;
}

/**
 * A 3D Tiles archive (.3tz, a ZIP or ZIP64 file) indexed once from its central directory. One
 * file descriptor stays open: yauzl reads it at explicit positions, so reads may overlap.
 */
export async function openZipPackage(file: string): Promise<FileSource> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: false });
  } catch (error) {
    throw openError(file, error);
  }
  let members: Map<string, Member>;
  try {
    members = await indexMembers(zip);
    if (!members.has('tileset.json')) throw new Error('no tileset.json at its root');
  } catch (error) {
    zip.close();
    throw openError(file, error);
  }

  const version = createHash('sha256');
  for (const name of [...members.keys()].sort()) version.update(`${name}\0${members.get(name)?.etag ?? ''}\n`);

  let open = true;
  return {
    kind: '3tz',
    fileCount: members.size,
    version: version.digest('base64url').slice(0, 16),
    describe(path): IndexedFile | undefined {
      const member = isServablePath(path) ? members.get(path) : undefined;
      if (!member) return undefined;
      return {
        path,
        contentType: contentTypeFor(path),
        representations: new Map([['identity', { coding: 'identity', size: member.size, etag: member.etag }]]),
      };
    },
    async read(indexed, coding) {
      const member = members.get(indexed.path);
      if (!member || coding !== 'identity') throw new Error(`${file} holds no ${coding} form of ${indexed.path}`);
      const entry = Object.assign(new yauzl.Entry(), {
        relativeOffsetOfLocalHeader: member.localHeaderOffset,
        compressionMethod: member.compressionMethod,
        compressedSize: member.compressedSize,
        uncompressedSize: member.size,
        generalPurposeBitFlag: 0,
      });
      // yauzl checks the inflated size; the CRC catches what the size cannot.
      const bytes = await buffer(await zip.openReadStreamPromise(entry));
      if (crc32(bytes) !== member.crc32) throw new Error(`${indexed.path} in ${file} is corrupt: its CRC-32 does not match`);
      return bytes;
    },
    close() {
      if (open) zip.close();
      open = false;
      return Promise.resolve();
    },
  };
}
