import type { Logger } from 'pino';
import type { FileResponder } from '../files/fileResponder.js';
import type { IndexedFile } from '../files/fileSource.js';
import { parseRequestPath, splitUrl } from '../files/requestPath.js';
import { requestOutcome } from '../files/requestOutcome.js';
import type { HttpMetrics } from '../metrics/httpMetrics.js';
import { FILE_SECURITY_HEADERS } from '../security/securityHeaders.js';
import type { FastPath } from '../tiles/tileFastPath.js';
import { IMMUTABLE } from '../tiles/tileFastPath.js';
import type { StaticSite } from './staticSite.js';

export interface ViewerFastPathDeps {
  readonly site: StaticSite;
  readonly responder: FileResponder;
  readonly metrics: HttpMetrics;
  readonly logger: Logger;
}

/** Folders only files live in: a miss there is a 404, never the app page. */
const FILE_FOLDERS = ['/assets/', '/cesium/'];

function cacheControl(file: IndexedFile): string {
  // Vite puts a content hash in every file name under assets/.
  if (file.path.startsWith('assets/')) return IMMUTABLE;
  // Cesium's workers and textures keep their names across versions: cache, then revalidate.
  if (file.path.startsWith('cesium/')) return 'public, max-age=86400, must-revalidate';
  return 'no-cache';
}

/**
 * The viewer's files (its bundle, Cesium's workers and assets) served like tiles: precompressed
 * variants, strong ETags, memory cache. The app page itself (index.html, with its CSP) and the
 * app's routes stay with Express.
 */
export function createViewerFastPath({ site, responder, metrics, logger }: ViewerFastPathDeps): FastPath {
  const log = logger.child({ component: 'viewer' });
  return (req, res) => {
    const method = req.method ?? 'GET';
    const source = site.source;
    if ((method !== 'GET' && method !== 'HEAD') || !source) return false;
    const url = req.url ?? '/';
    const { pathname } = splitUrl(url);
    const inFileFolder = FILE_FOLDERS.some((folder) => pathname.startsWith(folder));
    const parsed = parseRequestPath(pathname.slice(1));
    const file = parsed.ok && parsed.path !== 'index.html' ? (source.describe(parsed.path) as IndexedFile | undefined) : undefined;
    if (!file && !inFileFolder) return false;

    const route = pathname.startsWith('/cesium/') ? 'viewer:cesium' : 'viewer';
    const { finish, fail } = requestOutcome(res, metrics, log, route, method, url);
    if (!file) {
      if (!parsed.ok && parsed.status === 400) fail(400, 'bad_path', 'The file path is not valid.');
      else fail(404, 'not_found', 'Nothing here.');
      return true;
    }
    const headers = [...FILE_SECURITY_HEADERS, 'cache-control', cacheControl(file), 'vary', 'Accept-Encoding'];
    responder.send(req, res, source, site.key, file, headers).then(finish, (error: unknown) => {
      log.error({ err: error, file: file.path }, 'viewer file read failed');
      if (res.headersSent) res.destroy();
      else fail(500, 'internal', 'Something went wrong on the server.');
    });
    return true;
  };
}
