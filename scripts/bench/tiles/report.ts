import type { CpuShare } from './cpuUsage.js';
import type { Probe } from './probe.js';
import type { WrkResult } from './wrk.js';

export interface Measured {
  readonly wrk: WrkResult;
  /** The check request sent before the load, with the same headers. */
  readonly probe: Probe;
  readonly cpu: CpuShare;
}
export type Outcome = Measured | { readonly na: string };

/** results.get(server)?.get(case) */
export type Results = Map<string, Map<string, Outcome>>;

export interface Target {
  readonly caseLabel: string;
  /** Least req/s as a share of the baseline's. */
  readonly minRps: number;
}
/** Most p99 latency as a multiple of the baseline's, for every case. */
export const MAX_P99 = 1.5;
/** Unrelated processes used more than this share of a core during a run: it is noisy. */
const NOISY = 0.1;
const noisy = (outcome: Measured) => outcome.cpu.others > NOISY;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (cores: number) => `${Math.round(cores * 100)} %`;
const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;

function body(probe: Probe): string {
  if (probe.status === 304) return '304, no body';
  return `${probe.headers['content-encoding'] ?? 'identity'}, ${int(probe.bodyBytes)} B`;
}

export function rawTable(results: Results, cases: readonly string[]): string {
  const lines = [
    '| server | case | req/s | MiB/s | p50 | p99 | bytes/response | body sent | server CPU | CPU µs/req | other load | errors |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  ];
  for (const [server, byCase] of results) {
    for (const label of cases) {
      const outcome = byCase.get(label);
      if (!outcome || 'na' in outcome) {
        lines.push(`| ${server} | ${label} | n/a | | | | | ${outcome?.na ?? 'not run'} | |`);
        continue;
      }
      const { wrk, probe, cpu } = outcome;
      lines.push(
        `| ${server} | ${label} | ${int(wrk.requestsPerSec)} | ${(wrk.bytesPerSec / 1024 ** 2).toFixed(1)} | ${ms(wrk.p50Ms)} | ${ms(wrk.p99Ms)} | ${int(wrk.bytesPerResponse)} | ${body(probe)} | ${percent(cpu.server)} | ${(cpu.server * 1e6 / wrk.requestsPerSec).toFixed(1)} | ${percent(cpu.others)}${noisy(outcome) ? ' †' : ''} | ${int(wrk.errors)} |`,
      );
    }
  }
  return lines.join('\n');
}

const NOISE_NOTE = `† other processes used more than ${NOISY * 100} % of a core during that run or the baseline's: re-run on a quiet machine.`;

function cell(ratio: number, met: boolean): string {
  return `${ratio.toFixed(2)}× ${met ? 'met' : '**not met**'}`;
}

/** Each server against the baseline, case by case: req/s (higher is better), then p99 (lower is better). */
export function ratioTable(results: Results, baseline: string, targets: readonly Target[]): string {
  const servers = [...results.keys()].filter((s) => s !== baseline);
  const lines = [`| case | metric | target | ${servers.join(' | ')} |`, `|---|---|---|${servers.map(() => '---|').join('')}`];
  const base = results.get(baseline);
  let anyNoisy = false;
  for (const { caseLabel, minRps } of targets) {
    const ref = base?.get(caseLabel);
    const rps: string[] = [];
    const p99: string[] = [];
    for (const server of servers) {
      const outcome = results.get(server)?.get(caseLabel);
      if (!ref || 'na' in ref || !outcome || 'na' in outcome) {
        rps.push('n/a');
        p99.push('n/a');
        continue;
      }
      const rpsRatio = outcome.wrk.requestsPerSec / ref.wrk.requestsPerSec;
      const p99Ratio = outcome.wrk.p99Ms / ref.wrk.p99Ms;
      const mark = noisy(ref) || noisy(outcome) ? ' †' : '';
      anyNoisy ||= mark !== '';
      rps.push(cell(rpsRatio, rpsRatio >= minRps) + mark);
      p99.push(cell(p99Ratio, p99Ratio <= MAX_P99) + mark);
    }
    lines.push(`| ${caseLabel} | req/s | ≥ ${minRps.toFixed(2)}× | ${rps.join(' | ')} |`);
    lines.push(`| ${caseLabel} | p99 | ≤ ${MAX_P99.toFixed(2)}× | ${p99.join(' | ')} |`);
  }
  return anyNoisy ? `${lines.join('\n')}\n\n${NOISE_NOTE}` : lines.join('\n');
}
