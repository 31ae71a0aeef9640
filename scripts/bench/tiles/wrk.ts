import { spawnTracked } from './resources.js';

export interface WrkResult {
  readonly requestsPerSec: number;
  /** Bytes per second, headers included, as wrk counts them. */
  readonly bytesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Bytes read per response, headers included. */
  readonly bytesPerResponse: number;
  /** Socket errors and non-2xx/3xx answers: a run with any is not a clean measurement. */
  readonly errors: number;
}

export interface WrkLoad {
  readonly connections: number;
  readonly threads: number;
  readonly seconds: number;
  readonly headers: readonly string[];
}

/** wrk prints binary units: 1KB = 1024 B. */
const BYTE_UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
const TIME_UNITS_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function match(output: string, pattern: RegExp): RegExpMatchArray {
  const found = output.match(pattern);
  if (!found) throw new Error(`wrk output has no ${pattern.source}:\n${output}`);
  return found;
}

function scaled(value: string | undefined, unit: string | undefined, units: Record<string, number>): number {
  const factor = units[unit ?? ''];
  if (factor === undefined) throw new Error(`unknown wrk unit ${unit}`);
  return Number(value) * factor;
}

export function parseWrk(output: string): WrkResult {
  const [, p50, p50Unit] = match(output, /^\s+50%\s+([\d.]+)(\w+)$/m);
  const [, p99, p99Unit] = match(output, /^\s+99%\s+([\d.]+)(\w+)$/m);
  const [, requests, , , read, readUnit] = match(output, /(\d+) requests in ([\d.]+)(\w+), ([\d.]+)(\w+) read/);
  const [, rps] = match(output, /Requests\/sec:\s+([\d.]+)/);
  const [, transfer, transferUnit] = match(output, /Transfer\/sec:\s+([\d.]+)(\w+)/);
  const socket = output.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const non2xx = output.match(/Non-2xx or 3xx responses: (\d+)/);
  const errors = (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + Number(non2xx?.[1] ?? 0);
  const count = Number(requests);
  return {
    requestsPerSec: Number(rps),
    bytesPerSec: scaled(transfer, transferUnit, BYTE_UNITS),
    p50Ms: scaled(p50, p50Unit, TIME_UNITS_MS),
    p99Ms: scaled(p99, p99Unit, TIME_UNITS_MS),
    requests: count,
    bytesPerResponse: count > 0 ? scaled(read, readUnit, BYTE_UNITS) / count : 0,
    errors,
  };
}

export async function runWrk(wrk: string, url: string, load: WrkLoad): Promise<WrkResult> {
  const args = [`-t${load.threads}`, `-c${load.connections}`, `-d${load.seconds}s`, '--latency'];
  for (const header of load.headers) args.push('-H', header);
  const child = spawnTracked(wrk, [...args, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${output}`);
  return parseWrk(output);
}
