import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../../e2e/fixtures/serverProcess.js';
import { spawnTracked, stopChild } from '../tiles/resources.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface IpcMessage {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** A TypeScript child of this folder, spoken to over IPC; released with the benchmark's other children. */
export interface IpcChild {
  readonly process: ChildProcess;
  send(message: IpcMessage): void;
  /** The next message of this type (or the child's exit, as an error). */
  next<T extends IpcMessage>(type: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export function startIpcChild(program: string, args: readonly string[]): IpcChild {
  const child = spawnTracked(process.execPath, ['--import', 'tsx', path.join(HERE, program), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const queue: IpcMessage[] = [];
  const waiting = new Set<() => void>();
  child.on('message', (message: IpcMessage) => {
    queue.push(message);
    for (const wake of [...waiting]) wake();
  });
  child.once('exit', () => {
    for (const wake of [...waiting]) wake();
  });
  return {
    process: child,
    send(message) {
      child.send(message);
    },
    next<T extends IpcMessage>(type: string, timeoutMs = 120_000) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`${program}: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
        const finish = (error?: Error) => {
          clearTimeout(timer);
          waiting.delete(check);
          if (error) reject(error);
        };
        const check = () => {
          const index = queue.findIndex((message) => message.type === type);
          if (index >= 0) {
            const [message] = queue.splice(index, 1);
            finish();
            resolve(message as T);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            finish(new Error(`${program} exited (${child.exitCode ?? child.signalCode}) before "${type}"`));
          }
        };
        waiting.add(check);
        check();
      });
    },
    stop: () => stopChild(child),
  };
}
