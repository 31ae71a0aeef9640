/** The Cache-Control our server sends for versioned tile URLs; every server under test sends it. */
export const TILE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export interface NginxConfigOptions {
  /** Folder for pid, logs and nginx's temp paths. */
  readonly dir: string;
  /** Folder served at `/`. */
  readonly root: string;
  readonly port: number;
  readonly workers: number | 'auto';
}

/**
 * nginx as it is commonly tuned for static files: sendfile, precompressed .gz, ETags, cached
 * file descriptors, one access-log line per request like ours.
 */
export function nginxConfig({ dir, root, port, workers }: NginxConfigOptions): string {
  return `daemon off;
worker_processes ${workers};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;

events {
  worker_connections 4096;
}

http {
  types {
    model/gltf-binary glb;
    application/json json;
    application/geo+json geojson;
    image/webp webp;
  }
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  sendfile on;
  tcp_nopush on;
  # Node's server has no cap on requests per connection: do not make wrk reconnect every 1000.
  keepalive_requests 1000000;
  open_file_cache max=1000 inactive=60s;
  open_file_cache_valid 60s;
  gzip_static on;
  gzip_vary on;
  etag on;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;

  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / {
      add_header Cache-Control "${TILE_CACHE_CONTROL}";
    }
  }
}
`;
}
