import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { spawnTracked, stopChild } from '../tiles/resources.js';
import type { Consumer } from './mqttPublisher.js';

type FromChild = { type: 'ready' } | { type: 'count'; count: number } | { type: 'report'; count: number; p50: number; p99: number };

export interface BareSubscriber extends Consumer {
  readonly pid: number;
  /** Latency percentiles (ms) of the messages stamped within [fromMs, toMs). */
  report(fromMs: number, toMs: number): Promise<{ count: number; p50: number; p99: number }>;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./bareSubscriberProcess.ts', import.meta.url));
const START_TIMEOUT_MS = 15_000;

function nextMessage<T extends FromChild['type']>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', listener);
      reject(new Error(`the bare subscriber sent no ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (message: FromChild) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', listener);
      resolve(message as Extract<FromChild, { type: T }>);
    };
    child.on('message', listener);
  });
}

/** Starts the subscriber process (with this process's loader flags, so tsx runs it) and waits until it is subscribed. */
export async function startBareSubscriber(url: string, filter: string, reportEveryMs: number): Promise<BareSubscriber> {
  const child = spawnTracked(process.execPath, [...process.execArgv, ENTRY, url, filter, String(reportEveryMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let count = 0;
  const waiting: Array<() => void> = [];
  child.on('message', (message: FromChild) => {
    if (message.type !== 'count') return;
    count = message.count;
    for (const resolve of waiting.splice(0)) resolve();
  });
  try {
    await nextMessage(child, 'ready', START_TIMEOUT_MS);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    pid: child.pid ?? 0,
    consumed: () => count,
    changed: (maxWaitMs) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, maxWaitMs);
        waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    async report(fromMs, toMs) {
      const answer = nextMessage(child, 'report', 30_000);
      child.send({ type: 'report', fromMs, toMs });
      const { count: n, p50, p99 } = await answer;
      return { count: n, p50, p99 };
    },
    stop: () => stopChild(child, 5000),
  };
}
