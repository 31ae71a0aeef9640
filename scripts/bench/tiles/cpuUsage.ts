import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { processTree } from '../processTree.js';

/** Clock ticks per second of /proc's utime and stime. */
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const KTHREADD = 2;

interface Snapshot {
  readonly at: number;
  /** pid → parent pid and CPU ticks so far. */
  readonly procs: ReadonlyMap<number, { readonly ppid: number; readonly ticks: number }>;
}

async function snapshot(): Promise<Snapshot> {
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    procs.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  return { at: performance.now(), procs };
}

export interface CpuShare {
  /** Cores the server (with its workers) kept busy: 1 = one core all the time. */
  readonly server: number;
  /**
   * Cores used by unrelated processes (other people's tests on a shared box): a noisy run.
   * wrk exits before the second snapshot and kernel threads do the loopback work of the load,
   * so neither counts here.
   */
  readonly others: number;
}

/** CPU used by the server's process tree and by everything else while `run` runs. Linux only. */
export async function withCpuShare<T>(serverPid: number, run: () => Promise<T>): Promise<{ result: T; cpu: CpuShare }> {
  const before = await snapshot();
  const result = await run();
  const after = await snapshot();
  const seconds = (after.at - before.at) / 1000;
  const server = processTree([serverPid], after.procs);
  let serverTicks = 0;
  let otherTicks = 0;
  for (const [pid, { ppid, ticks }] of after.procs) {
    const used = ticks - (before.procs.get(pid)?.ticks ?? 0);
    if (server.has(pid)) serverTicks += used;
    else if (pid !== process.pid && pid !== KTHREADD && ppid !== KTHREADD) otherTicks += used;
  }
  return { result, cpu: { server: serverTicks / CLK_TCK / seconds, others: otherTicks / CLK_TCK / seconds } };
}
