/**
 * `npm start`: builds whatever is missing or out of date (server, viewer), then runs the server
 * with the viewer on its embedded defaults. No environment variable is needed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VIEWER_DIST = path.join(ROOT, 'apps/viewer/dist');
const FINGERPRINT_FILE = path.join(VIEWER_DIST, '.build-fingerprint');
const SERVER_ENTRY = path.join(ROOT, 'apps/tile-server/dist/index.js');
const VIEWER_INPUTS = [
  'apps/viewer/src',
  'apps/viewer/index.html',
  'apps/viewer/vite.config.ts',
  'apps/viewer/package.json',
  'packages/protocol/src',
  'package-lock.json',
];

function step(message: string): void {
  console.log(`\u001b[1m▶ ${message}\u001b[0m`);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => path.relative(ROOT, path.join(dirent.parentPath, dirent.name)))
    .sort();
}

/** A hash of every input of the viewer build: names and contents. */
function viewerFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of VIEWER_INPUTS.flatMap(files)) {
    hash.update(file).update('\0').update(readFileSync(path.join(ROOT, file))).update('\0');
  }
  return hash.digest('hex');
}

step('Compiling the server and the protocol package (tsc -b, incremental)');
run('npx', ['tsc', '-b']);

const fingerprint = viewerFingerprint();
const built = existsSync(FINGERPRINT_FILE) ? readFileSync(FINGERPRINT_FILE, 'utf8') : '';
if (built === fingerprint && existsSync(path.join(VIEWER_DIST, 'index.html'))) {
  step('Viewer is up to date');
} else {
  step('Building the viewer (Vite, CesiumJS bundled for offline use)');
  run('npm', ['run', 'build:viewer']);
  writeFileSync(FINGERPRINT_FILE, fingerprint);
}

step('Building the district assets (only what changed)');
run('npm', ['run', '--silent', 'build:assets']);

step('Starting the server');
const server = spawn(process.execPath, [SERVER_ENTRY], { cwd: ROOT, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(signal));
}
server.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Tell the person where to look once the server is ready; the server's own logs stay JSON.
const port = Number(process.env.PORT ?? 8080);
const host = !process.env.HOST || process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST;
const tls = Boolean(process.env.TLS_CERT && process.env.TLS_KEY);
const url = `${tls ? 'https' : 'http'}://${host}:${port}/`;
/** /readyz answers 200; a self-signed certificate is fine for asking our own child. */
const ready = (): Promise<boolean> =>
  new Promise((resolve) => {
    const get = tls ? httpsGet : httpGet;
    get(new URL('/readyz', url), { rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
const announce = async (): Promise<void> => {
  for (let attempt = 0; attempt < 200 && server.exitCode === null; attempt++) {
    if (await ready()) {
      console.log(`\n\u001b[1;32m✓ Pengcheng Twin is running: open ${url}\u001b[0m  (Ctrl+C stops it)\n`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
void announce();
