import type { IncomingHttpHeaders } from 'node:http';
import { pipeline } from 'node:stream/promises';
import Negotiator from 'negotiator';
import parseRange from 'range-parser';
import type { HotCache } from './hotCache.js';
import { StaleFileError, type ContentCoding, type FileSource, type IndexedFile, type Representation } from './fileSource.js';
import type { NodeRequest, NodeResponse } from '../server/nodeHttp.js';

/** br first: it is 15–25 % smaller than gzip on glb and JSON, and every browser accepts it. */
const PREFERRED_CODINGS: readonly ContentCoding[] = ['br', 'gzip', 'identity'];

export interface SendOutcome {
  readonly status: number;
  readonly coding: ContentCoding;
  /** Body bytes written. */
  readonly bytes: number;
  /** Where the body came from: memory, a read that filled the cache, or a disk stream. */
  readonly cache: 'hit' | 'miss' | 'stream' | 'none';
}

/** negotiator 1.1 takes the server's preference order; its type definitions predate that. */
type NegotiatorWithPreference = (available: readonly string[], options: { preferred: readonly string[] }) => string[];

/**
 * Browsers send a handful of distinct Accept-Encoding values; parsing one per request shows up
 * in profiles, so answers are remembered (bounded: a client inventing values only resets it).
 */
const negotiated = new Map<string, ContentCoding>();
const MAX_NEGOTIATED = 256;

function chooseCoding(headers: IncomingHttpHeaders, file: IndexedFile): Representation {
  const identity = file.representations.get('identity') as Representation;
  const accept = headers['accept-encoding'];
  if (file.representations.size === 1 || accept === undefined) return identity;
  const available = PREFERRED_CODINGS.filter((coding) => file.representations.has(coding));
  const key = `${available.join()}|${accept}`;
  let best = negotiated.get(key);
  if (best === undefined) {
    const negotiator = new Negotiator({ headers });
    best = ((negotiator.encodings.bind(negotiator) as NegotiatorWithPreference)(available, { preferred: PREFERRED_CODINGS })[0] ?? 'identity') as ContentCoding;
    if (negotiated.size >= MAX_NEGOTIATED) negotiated.clear();
    negotiated.set(key, best);
  }
  return file.representations.get(best) ?? identity;
}

/** `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored. */
function matchesAny(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  for (const candidate of header.split(',')) {
    const tag = candidate.trim();
    if (tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true;
  }
  return false;
}

/**
 * Answers GET and HEAD for one file of a source: picks the stored representation the client
 * accepts, answers 304 to a matching `If-None-Match`, serves one byte range as 206 (416 when
 * unsatisfiable), and takes the body from memory when it can.
 */
export class FileResponder {
  readonly #cache: HotCache;

  constructor(cache: HotCache) {
    this.#cache = cache;
  }

  /**
   * `baseHeaders` are flat name/value pairs (`['cache-control', '…', 'vary', '…']`) that must
   * include `vary`: Node writes a flat list much faster than an object built by spreading.
   */
  async send(
    req: NodeRequest,
    res: NodeResponse,
    source: FileSource,
    sourceKey: string,
    file: IndexedFile,
    baseHeaders: readonly string[],
  ): Promise<SendOutcome> {
    const chosen = chooseCoding(req.headers, file);
    const headers = [...baseHeaders, 'etag', chosen.etag, 'accept-ranges', 'bytes'];

    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && matchesAny(ifNoneMatch, chosen.etag)) {
      res.writeHead(304, headers);
      res.end();
      return { status: 304, coding: chosen.coding, bytes: 0, cache: 'none' };
    }
    headers.push('content-type', file.contentType);
    if (chosen.coding !== 'identity') headers.push('content-encoding', chosen.coding);

    let start = 0;
    let end = chosen.size - 1;
    let status = 200;
    const range = req.headers.range;
    const ifRange = req.headers['if-range'];
    if (range !== undefined && (ifRange === undefined || ifRange === chosen.etag)) {
      const ranges = parseRange(chosen.size, range, { combine: true });
      if (ranges === -1) {
        res.writeHead(416, [...headers, 'content-range', `bytes */${chosen.size}`, 'content-length', '0']);
        res.end();
        return { status: 416, coding: chosen.coding, bytes: 0, cache: 'none' };
      }
      // A malformed header is ignored (RFC 9110 §14.2); several ranges get the whole file,
      // which the RFC allows and every tile client handles.
      if (ranges !== -2 && ranges.length === 1 && ranges.type === 'bytes') {
        const [only] = ranges;
        start = only?.start ?? 0;
        end = only?.end ?? end;
        status = 206;
        headers.push('content-range', `bytes ${start}-${end}/${chosen.size}`);
      }
    }
    const length = Math.max(0, end - start + 1);
    headers.push('content-length', String(length));

    if (req.method === 'HEAD') {
      res.writeHead(status, headers);
      res.end();
      return { status, coding: chosen.coding, bytes: 0, cache: 'none' };
    }

    const key = `${sourceKey}\0${file.path}\0${chosen.etag}`;
    const cached = this.#cache.get(key);
    if (cached) {
      res.writeHead(status, headers);
      res.end(status === 206 ? cached.subarray(start, end + 1) : cached);
      return { status, coding: chosen.coding, bytes: length, cache: 'hit' };
    }

    if (chosen.size > this.#cache.maxEntryBytes && source.openReadStream) {
      const stream = await source.openReadStream(file, chosen.coding, { start, end });
      res.writeHead(status, headers);
      await pipeline(stream, res);
      return { status, coding: chosen.coding, bytes: length, cache: 'stream' };
    }

    const bytes = await this.#cache.load(key, async () => {
      const read = await source.read(file, chosen.coding);
      // The file changed on disk after it was indexed: its ETag and length would lie.
      if (read.length !== chosen.size) throw new StaleFileError(file.path);
      return read;
    });
    res.writeHead(status, headers);
    res.end(status === 206 ? bytes.subarray(start, end + 1) : bytes);
    return { status, coding: chosen.coding, bytes: length, cache: 'miss' };
  }
}
