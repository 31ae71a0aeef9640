import type { Readable } from 'node:stream';

/** The content codings a file may be stored in; `identity` is the file as it is. */
export type ContentCoding = 'identity' | 'br' | 'gzip';

/** One stored form of a file. */
export interface Representation {
  readonly coding: ContentCoding;
  /** Bytes of this representation as sent on the wire. */
  readonly size: number;
  /** Strong ETag, quoted (`"…"`), derived from this representation's content. */
  readonly etag: string;
}

/** A servable file of a source, with every form it is stored in. */
export interface IndexedFile {
  /** Relative, `/`-separated, no leading slash, no `.` or `..` segments. */
  readonly path: string;
  readonly contentType: string;
  /** Always holds `identity`; `br` / `gzip` when a precompressed form is stored. */
  readonly representations: ReadonlyMap<ContentCoding, Representation>;
}

/**
 * Where a tileset's files come from: a folder on disk or a 3D Tiles package (.3tz, .3dtiles).
 * Paths given to a source are already normalised by the caller; a source only ever answers for
 * files it holds and never resolves a path outside itself.
 */
export interface FileSource {
  readonly kind: 'directory' | '3tz' | '3dtiles';
  /** Number of servable files (precompressed variants not counted). */
  readonly fileCount: number;
  /**
   * A string that changes whenever any file's content changes, used as the catalog version of
   * tilesets that come without a manifest.
   */
  readonly version: string;
  /** The file at `path`, or undefined. Synchronous when the answer is already indexed. */
  describe(path: string): IndexedFile | undefined | Promise<IndexedFile | undefined>;
  /** The whole bytes of one representation. Rejects if the file vanished. */
  read(file: IndexedFile, coding: ContentCoding): Promise<Buffer>;
  /**
   * Streams bytes `start`..`end` (inclusive) of one representation, for files too large to hold
   * in memory; rejects with {@link StaleFileError} when the file no longer has its indexed size.
   * Sources whose files always fit in memory may leave it out.
   */
  openReadStream?(file: IndexedFile, coding: ContentCoding, range?: { start: number; end: number }): Promise<Readable>;
  /** Releases file handles and database connections. */
  close(): Promise<void>;
}

/** A file's bytes no longer match its index entry: the source must be indexed again. */
export class StaleFileError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed since it was indexed`);
    this.name = 'StaleFileError';
  }
}
