import { closeSync, openSync } from 'node:fs';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, REPO_ROOT } from '../../../e2e/fixtures/serverProcess.js';
import { spawnTracked, stopChild } from '../tiles/resources.js';

/** Our server's Cache-Control values (tileFastPath.ts, viewerFastPath.ts, viewerRoutes.ts), so both sites cache alike. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=60, must-revalidate';
const CESIUM = 'public, max-age=86400, must-revalidate';

/** The extensions the built viewer and the tilesets hold, typed as our server types them (contentTypes.ts). */
const TYPES: Record<string, string> = {
  'text/html': 'html',
  'text/css': 'css',
  'text/javascript': 'js mjs',
  'application/json': 'json',
  'application/geo+json': 'geojson',
  'application/wasm': 'wasm',
  'model/gltf-binary': 'glb',
  'model/gltf+json': 'gltf',
  'image/png': 'png',
  'image/jpeg': 'jpg jpeg',
  'image/webp': 'webp',
  'image/ktx2': 'ktx2',
  'image/svg+xml': 'svg',
  'image/gif': 'gif',
  'font/woff2': 'woff2',
  'font/woff': 'woff',
  'font/ttf': 'ttf',
  'application/xml': 'xml',
  'text/plain': 'txt',
};

export interface NginxSite {
  readonly url: string;
  /** The master process; its worker is its child. */
  readonly pid: number;
  /** One JSON object a line, `{"req":{"url"},"res":{"statusCode"}}` like our server's, so one parser reads both. */
  readonly accessLog: string;
  stop(): Promise<void>;
}

export interface NginxSiteOptions {
  readonly nginx: string;
  readonly workDir: string;
  readonly viewerDir: string;
  readonly tilesetsDir: string;
  /** The body our server answers `GET /api/v1/tilesets` with, served as a file. */
  readonly catalogJson: string;
}

function config(dir: string, site: string, port: number): string {
  const types = Object.entries(TYPES)
    .map(([type, extensions]) => `    ${type} ${extensions};`)
    .join('\n');
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;

events {
  worker_connections 1024;
}

http {
  types {
${types}
  }
  default_type application/octet-stream;
  log_format bench escape=json '{"req":{"url":"$request_uri"},"res":{"statusCode":$status}}';
  access_log ${dir}/access.log bench;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=10000 inactive=60s;
  gzip_static on;
  gzip_vary on;
  etag on;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;

  # A tileset's root tileset.json is revalidated, everything under a versioned URL is immutable.
  map $uri $tile_cache_control {
    ~^/tiles/[^/]+/tileset\\.json$ "${REVALIDATE}";
    default "${IMMUTABLE}";
  }

  server {
    listen 127.0.0.1:${port};
    root ${site};

    location = /api/v1/tilesets {
      default_type application/json;
      try_files /catalog.json =404;
      add_header Cache-Control "${REVALIDATE}";
    }
    # The app's own routes, like viewerRoutes.ts.
    location ~ ^/(?:(?:wall|desk|kiosk)/?)?$ {
      try_files /index.html =404;
      add_header Cache-Control "no-cache";
    }
    location /assets/ {
      add_header Cache-Control "${IMMUTABLE}";
    }
    location /cesium/ {
      add_header Cache-Control "${CESIUM}";
    }
    location /tiles/ {
      add_header Cache-Control $tile_cache_control;
    }
    location /imagery/ {
      add_header Cache-Control "${IMMUTABLE}";
    }
    location / {
      return 404;
    }
  }
}
`;
}

async function waitForHttp(url: string, exited: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`nginx exited while starting (waiting for ${url})`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

/**
 * nginx serving what our server serves, from the same files: the built viewer (its precompressed
 * `.gz`; nginx-light has no brotli), the SPA routes, the tilesets under /tiles/ and /imagery/
 * (symlinks to the one tilesets folder) and the catalog JSON as a file. No CSP or other security
 * headers: it is the bare static-file baseline.
 */
export async function startNginxSite({ nginx, workDir, viewerDir, tilesetsDir, catalogJson }: NginxSiteOptions): Promise<NginxSite> {
  const dir = path.join(workDir, 'nginx');
  const site = path.join(dir, 'site');
  await mkdir(site, { recursive: true });
  // nginx's worker runs as `nobody` when we are root: mkdtemp's 0700 would hide the catalog file.
  await chmod(workDir, 0o755);
  for (const entry of ['index.html', 'index.html.gz', 'assets', 'cesium']) {
    await symlink(path.join(viewerDir, entry), path.join(site, entry)).catch((error: NodeJS.ErrnoException) => {
      // index.html.gz exists only when the build found it worth compressing.
      if (error.code !== 'ENOENT' || entry !== 'index.html.gz') throw error;
    });
  }
  await symlink(tilesetsDir, path.join(site, 'tiles'));
  await symlink(tilesetsDir, path.join(site, 'imagery'));
  await writeFile(path.join(site, 'catalog.json'), catalogJson);

  const port = await freePort();
  await writeFile(path.join(dir, 'nginx.conf'), config(dir, site, port));
  const logFile = path.join(dir, 'stderr.log');
  const out = openSync(logFile, 'a');
  // -e: the default error log (/var/log/nginx) is opened before the config is read.
  const child = spawnTracked(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  let spawnFailed = false;
  child.once('error', () => (spawnFailed = true));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/api/v1/tilesets`, () => spawnFailed || child.exitCode !== null || child.signalCode !== null);
  } catch (error) {
    await stopChild(child);
    const tail = (await readFile(logFile, 'utf8').catch(() => '')) + (await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => ''));
    throw new Error(`${(error as Error).message}\n${tail.split('\n').slice(-20).join('\n')}`, { cause: error });
  }
  if (child.pid === undefined) throw new Error('nginx did not start');
  return { url, pid: child.pid, accessLog: path.join(dir, 'access.log'), stop: () => stopChild(child) };
}
