import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { processTree } from '../processTree.js';

/** Clock ticks per second of /proc's utime and stime. */
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const KTHREADD = 2;

interface Proc {
  readonly ppid: number;
  readonly comm: string;
  readonly ticks: number;
  /** Bytes it caused to be written to storage (/proc/<pid>/io, readable as root or for one's own processes). */
  readonly writeBytes: number;
}

/** The block device holding the temp dir (the SQLite files; PostgreSQL's data is on the same disk here), e.g. `vda`. */
function deviceOf(dir: string): string | undefined {
  try {
    const source = execFileSync('df', ['--output=source', dir], { encoding: 'utf8' }).split('\n')[1]?.trim() ?? '';
    return source.startsWith('/dev/') ? path.basename(source) : undefined;
  } catch {
    return undefined;
  }
}
const DEVICE = deviceOf(tmpdir());

/** Milliseconds the device has spent doing I/O since boot (/proc/diskstats, field 13). */
async function deviceBusyMs(): Promise<number | undefined> {
  if (!DEVICE) return undefined;
  const stats = await readFile('/proc/diskstats', 'utf8').catch(() => '');
  const fields = stats.split('\n').map((line) => line.trim().split(/\s+/)).find((f) => f[2] === DEVICE);
  return fields ? Number(fields[12]) : undefined;
}

async function snapshot(): Promise<{ at: number; procs: Map<number, Proc>; busyMs: number | undefined }> {
  const procs = new Map<number, Proc>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    const io = await readFile(`/proc/${name}/io`, 'utf8').catch(() => '');
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    procs.set(Number(name), {
      ppid: Number(fields[1]),
      comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      ticks: Number(fields[11]) + Number(fields[12]),
      writeBytes: Number(/^write_bytes: (\d+)$/m.exec(io)?.[1] ?? 0),
    });
  }
  return { at: performance.now(), procs, busyMs: await deviceBusyMs() };
}

/** Cores kept busy over a run (1 = one core all the time), by who used them, and the disk. */
export interface Usage {
  /** The system under test: our server's process tree, or the baseline's subscriber process. */
  readonly server: number;
  /** PostgreSQL processes working for the run's database (its backends and the shared writers). */
  readonly database: number;
  /** Mosquitto, counted as the run's when the run uses MQTT. */
  readonly broker: number;
  /** This benchmark's own process: the load generator, or the raw baselines' writer. */
  readonly bench: number;
  /** Everything else (other people's tests on a shared machine): above ~10 % the run is noisy. */
  readonly others: number;
  /** MB/s those other processes wrote to storage: they slow down every fsync of the run. */
  readonly othersWriteMBps: number;
  /** Share of the time the disk was busy (everyone's I/O, the run's included), if known. */
  readonly diskBusy: number | undefined;
}

export interface CpuRoles {
  readonly serverPids?: readonly number[];
  readonly usesBroker?: boolean;
  /**
   * Asked after the run: PostgreSQL client backends of other databases, whose work is "others".
   * Every other `postgres` process counts as the run's database when the run uses PostgreSQL.
   */
  readonly foreignPostgresBackends?: () => Promise<ReadonlySet<number>>;
}

/**
 * CPU used during `run`, by role, what other processes wrote, and how busy the disk was. Linux
 * only. Kernel threads (loopback network, journal commits) are left out of every role.
 */
export async function withUsage<T>(roles: CpuRoles, run: () => Promise<T>): Promise<{ result: T; cpu: Usage }> {
  const before = await snapshot();
  const result = await run();
  const after = await snapshot();
  const foreign = roles.foreignPostgresBackends ? await roles.foreignPostgresBackends() : undefined;
  const seconds = (after.at - before.at) / 1000;
  const server = processTree(roles.serverPids ?? [], after.procs);
  const bench = processTree([process.pid], after.procs);
  const ticks = { server: 0, database: 0, broker: 0, bench: 0, others: 0 };
  let othersWritten = 0;
  for (const [pid, proc] of after.procs) {
    if (pid === KTHREADD || proc.ppid === KTHREADD) continue;
    const used = proc.ticks - (before.procs.get(pid)?.ticks ?? 0);
    if (server.has(pid)) ticks.server += used;
    else if (bench.has(pid)) ticks.bench += used;
    else if (foreign && proc.comm.startsWith('postgres') && !foreign.has(pid)) ticks.database += used;
    else if (roles.usesBroker && proc.comm === 'mosquitto') ticks.broker += used;
    else {
      ticks.others += used;
      othersWritten += proc.writeBytes - (before.procs.get(pid)?.writeBytes ?? 0);
    }
  }
  const cores = (n: number) => n / CLK_TCK / seconds;
  const busy = before.busyMs !== undefined && after.busyMs !== undefined ? (after.busyMs - before.busyMs) / 1000 / seconds : undefined;
  return {
    result,
    cpu: {
      server: cores(ticks.server),
      database: cores(ticks.database),
      broker: cores(ticks.broker),
      bench: cores(ticks.bench),
      others: cores(ticks.others),
      othersWriteMBps: othersWritten / 1e6 / seconds,
      diskBusy: busy,
    },
  };
}
