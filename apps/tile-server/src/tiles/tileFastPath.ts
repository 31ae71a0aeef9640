import type { Logger } from 'pino';
import type { FileResponder } from '../files/fileResponder.js';
import { StaleFileError, type IndexedFile } from '../files/fileSource.js';
import { parseRequestPath, splitUrl, versionParam } from '../files/requestPath.js';
import { requestOutcome } from '../files/requestOutcome.js';
import type { HttpMetrics } from '../metrics/httpMetrics.js';
import type { CorsPolicy } from '../security/corsPolicy.js';
import { FILE_SECURITY_HEADERS } from '../security/securityHeaders.js';
import type { NodeRequest, NodeResponse } from '../server/nodeHttp.js';
import type { TilesetCatalog, ServedTileset } from './tilesetCatalog.js';

/** Versioned content never changes: a year, and browsers need not even revalidate. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** tileset.json and unversioned URLs: reuse briefly, then revalidate (a 304 costs nothing). */
export const REVALIDATE = 'public, max-age=60, must-revalidate';

const ALLOW = 'GET, HEAD, OPTIONS';
const PREFIXES = ['/tiles/', '/imagery/'] as const;

export interface TileFastPathDeps {
  readonly catalog: TilesetCatalog;
  readonly responder: FileResponder;
  readonly metrics: HttpMetrics;
  readonly logger: Logger;
  readonly cors: CorsPolicy;
}

/** Returns true when the request is for tiles or imagery and has been (or is being) answered. */
export type FastPath = (req: NodeRequest, res: NodeResponse) => boolean;

function cacheControlFor(tileset: ServedTileset, file: IndexedFile, query: string): string {
  if (file.path === tileset.entryFile) return REVALIDATE;
  return versionParam(query) === encodeURIComponent(tileset.entry.version) ? IMMUTABLE : REVALIDATE;
}

/**
 * Tiles and imagery, answered before Express sees the request: the route, the tileset and the
 * file are found with a few string operations and map lookups, headers are written once, and
 * hot bodies come from memory.
 */
export function createTileFastPath({ catalog, responder, metrics, logger, cors }: TileFastPathDeps): FastPath {
  const log = logger.child({ component: 'tiles' });

  return (req, res) => {
    const url = req.url ?? '';
    const prefix = PREFIXES.find((candidate) => url.startsWith(candidate));
    if (!prefix) return false;
    const route = prefix === '/tiles/' ? 'tiles' : 'imagery';
    const method = req.method ?? 'GET';
    const { finish, fail } = requestOutcome(res, metrics, log, route, method, url);

    if (req.headers.origin !== undefined) {
      let passed = false;
      // Synchronous: answers an allowed preflight itself, or adds the CORS headers and passes.
      cors.middleware(req as never, res as never, () => (passed = true));
      if (!passed) {
        finish({ status: 204, bytes: 0 });
        return true;
      }
      if (method === 'OPTIONS') {
        fail(403, 'origin_not_allowed', 'This origin may not read tiles from this server.', { vary: 'Origin' });
        return true;
      }
    }
    if (method === 'OPTIONS') {
      res.writeHead(204, { allow: ALLOW, 'content-length': 0 });
      res.end();
      finish({ status: 204, bytes: 0 });
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      fail(405, 'method_not_allowed', 'Tiles are read-only: use GET or HEAD.', { allow: ALLOW });
      return true;
    }

    const { pathname, query } = splitUrl(url);
    const slash = pathname.indexOf('/', prefix.length);
    const tileset = slash === -1 ? undefined : catalog.lookup(pathname.slice(prefix.length, slash));
    if (!tileset || tileset.route !== route) {
      fail(404, 'not_found', 'No such tileset.');
      return true;
    }
    const parsed = parseRequestPath(pathname.slice(slash + 1));
    if (!parsed.ok) {
      fail(parsed.status, parsed.status === 400 ? 'bad_path' : 'not_found', parsed.status === 400 ? 'The file path is not valid.' : 'Nothing here.');
      return true;
    }

    const serve = (file: IndexedFile | undefined): void => {
      if (!file) {
        fail(404, 'not_found', 'No such file in this tileset.');
        return;
      }
      const headers = [
        ...FILE_SECURITY_HEADERS,
        'cache-control',
        cacheControlFor(tileset, file, query),
        // Responses differ by coding, and by origin once CORS headers are added.
        'vary',
        'Accept-Encoding, Origin',
      ];
      responder.send(req, res, tileset.source, tileset.key, file, headers).then(finish, (error: unknown) => {
        if (error instanceof StaleFileError) catalog.invalidate(tileset.entry.id);
        if (!res.headersSent) {
          if (error instanceof StaleFileError) fail(503, 'reindexing', 'This tileset is being re-read; try again in a moment.', { 'retry-after': '1' });
          else {
            log.error({ err: error, tileset: tileset.entry.id }, 'tile read failed');
            fail(500, 'internal', 'Something went wrong on the server.');
          }
        } else {
          // Headers are out: all that is left is to cut the connection so the client sees a short body.
          res.destroy();
          finish({ status: res.statusCode, bytes: 0 });
        }
      });
    };

    const described = tileset.source.describe(parsed.path);
    if (described instanceof Promise) described.then(serve, () => serve(undefined));
    else serve(described);
    return true;
  };
}
