import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Everything a benchmark starts or creates, released once at the end: child processes are
 * stopped and temp dirs removed on success, error, or Ctrl-C, so no server keeps a port and no
 * copy of the tiles stays behind.
 */
const children = new Set<ChildProcess>();
const dirs = new Set<string>();
const actions: Array<() => Promise<unknown>> = [];

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL if the child has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

/** Runs `action` at release time, before children are stopped (e.g. closing a browser). */
export function onRelease(action: () => Promise<unknown>): void {
  actions.push(action);
}

export async function releaseAll(): Promise<void> {
  for (const action of actions.splice(0).reverse()) {
    await action().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
  }
  await Promise.all([...children].map((child) => stopChild(child)));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  dirs.clear();
}

let interrupted = false;

/**
 * Runs a benchmark's `main`, then releases everything, also on Ctrl-C and kill. The exit hook
 * is the last resort for anything an unexpected exit skipped.
 */
export async function runReleasingAll(main: () => Promise<void>): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // `on`, not `once`: Ctrl-C reaches us twice (from the terminal and relayed by tsx), and a
    // second signal must not kill us halfway through the cleanup.
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping servers and removing temp dirs`);
      void releaseAll().finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    for (const child of children) if (running(child)) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  try {
    await main();
  } catch (error) {
    // Once interrupted, errors are the killed children's: the signal handler ends the process.
    if (interrupted) return;
    console.error(error);
    process.exitCode = 1;
  }
  if (!interrupted) await releaseAll();
}
