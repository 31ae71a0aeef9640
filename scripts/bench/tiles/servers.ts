import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, REPO_ROOT, SERVER_ENTRY } from '../../../e2e/fixtures/serverProcess.js';
import { BENCH_TILESET_ID, type BenchFolder } from './benchFolder.js';
import { nginxConfig } from './nginxConfig.js';
import { spawnTracked, stopChild } from './resources.js';
import type { Tools } from './tools.js';

export interface BenchServer {
  /** The process (nginx: its master) whose tree does the serving. */
  readonly pid: number;
  readonly url: (file: string) => string;
  /** Ours and nginx write one line per request, as in production; the Node baselines log nothing. */
  readonly accessLog?: string;
  stop(): Promise<void>;
}

export interface ServerSpec {
  readonly name: string;
  start(): Promise<BenchServer>;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

async function waitForHttp(url: string, exited: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`exited while starting (waiting for ${url})`);
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

interface ChildSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  /** stdout and stderr go here, never to the terminal: the bench prints only its report. */
  readonly logFile: string;
  readonly readyUrl: string;
}

async function startChild({ command, args, env, logFile, readyUrl }: ChildSpec): Promise<ChildProcess & { pid: number }> {
  const out = openSync(logFile, 'a');
  const child = spawnTracked(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  let spawnFailed = false;
  child.once('error', () => (spawnFailed = true));
  try {
    await waitForHttp(readyUrl, () => spawnFailed || child.exitCode !== null || child.signalCode !== null);
  } catch (error) {
    await stopChild(child);
    // The log file goes with the temp dir at exit: show its end now.
    const tail = (await readFile(logFile, 'utf8')).split('\n').slice(-20).join('\n');
    throw new Error(`${command} ${args.join(' ')}: ${(error as Error).message}\n${tail}`, { cause: error });
  }
  const { pid } = child;
  if (pid === undefined) throw new Error(`${command} did not start`);
  return Object.assign(child, { pid });
}

/** Our tile server, built (`npx tsc -b`), as it runs in production: one Node process, info logs. */
export function ours(bench: BenchFolder, workDir: string): ServerSpec {
  return {
    name: 'ours',
    async start() {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const logFile = path.join(workDir, 'ours.log');
      const child = await startChild({
        command: process.execPath,
        args: [SERVER_ENTRY],
        env: {
          NODE_ENV: 'production',
          PORT: String(port),
          HOST: '127.0.0.1',
          TILESETS_DIR: bench.tilesetsDir,
          DATA_DIR: path.join(workDir, 'ours-data'),
          LOG_LEVEL: 'info',
        },
        logFile,
        readyUrl: `${base}/readyz`,
      });
      return {
        url: (file) => `${base}/tiles/${BENCH_TILESET_ID}/${file}?v=${bench.version}`,
        accessLog: logFile,
        pid: child.pid,
        stop: () => stopChild(child),
      };
    },
  };
}

export function nginx(bench: BenchFolder, workDir: string, tools: Tools, workers: number | 'auto'): ServerSpec {
  return {
    name: workers === 'auto' ? `nginx (auto: ${availableParallelism()} workers)` : `nginx (${workers} worker${workers === 1 ? '' : 's'})`,
    async start() {
      const port = await freePort();
      const dir = path.join(workDir, `nginx-${workers}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'nginx.conf'), nginxConfig({ dir, root: bench.root, port, workers }));
      const logFile = path.join(dir, 'stderr.log');
      // -e: the default error log (/var/log/nginx) is opened before the config is read.
      const child = await startChild({
        command: tools.nginx,
        args: ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
        logFile,
        readyUrl: `http://127.0.0.1:${port}/${bench.files[0]?.name ?? ''}`,
      });
      return {
        url: (file) => `http://127.0.0.1:${port}/${file}`,
        accessLog: path.join(dir, 'access.log'),
        pid: child.pid,
        stop: () => stopChild(child),
      };
    },
  };
}

/** express.static or sirv, each alone in its own Node process like ours. */
export function nodeStatic(name: string, program: 'expressStaticServer.ts' | 'sirvServer.ts', bench: BenchFolder, workDir: string): ServerSpec {
  return {
    name,
    async start() {
      const port = await freePort();
      const logFile = path.join(workDir, `${path.basename(program, '.ts')}.log`);
      const child = await startChild({
        command: process.execPath,
        args: ['--import', 'tsx', path.join(HERE, program)],
        env: { NODE_ENV: 'production', PORT: String(port), BENCH_ROOT: bench.root },
        logFile,
        readyUrl: `http://127.0.0.1:${port}/${bench.files[0]?.name ?? ''}`,
      });
      return {
        url: (file) => `http://127.0.0.1:${port}/${file}`,
        pid: child.pid,
        stop: () => stopChild(child),
      };
    },
  };
}
