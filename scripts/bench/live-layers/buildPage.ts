import { createServer, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';
import { build } from 'vite';
import { REPO_ROOT } from '../../../e2e/fixtures/serverProcess.js';

const PAGE_DIR = path.join(REPO_ROOT, 'scripts/bench/live-layers/page');
const requireFromViewer = createRequire(path.join(REPO_ROOT, 'apps/viewer/package.json'));
const CESIUM_DIR = path.dirname(requireFromViewer.resolve('cesium/package.json'));
/** Cesium's workers, assets and widget files, served from the package as the viewer's build copies them. */
const CESIUM_BUILD = path.join(CESIUM_DIR, 'Build/Cesium');

/** Builds the benchmark page (not part of the viewer's build) into `outDir` with Vite. */
export async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: PAGE_DIR,
    base: './',
    logLevel: 'warn',
    define: { CESIUM_BASE_URL: JSON.stringify('/cesium/') },
    // Cesium is the viewer's dependency, not the root's: the page and the layer share that one copy.
    resolve: { alias: { cesium: path.join(CESIUM_DIR, 'Source/Cesium.js') } },
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 10_000, sourcemap: false, reportCompressedSize: false },
  });
}

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the built page, and Cesium's static files under /cesium/. */
export async function servePage(outDir: string): Promise<PageServer> {
  const page = sirv(outDir, { dev: false, etag: true });
  const cesium = sirv(CESIUM_BUILD, { dev: false, etag: true });
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url.startsWith('/cesium/')) {
      request.url = url.slice('/cesium'.length);
      cesium(request, response, () => notFound(response));
    } else {
      page(request, response, () => notFound(response));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function notFound(response: ServerResponse): void {
  response.statusCode = 404;
  response.end('not found');
}

