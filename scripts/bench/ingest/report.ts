import type { Usage } from './usage.js';
import type { BucketRange } from './serverMetrics.js';

/** One measured run. */
export interface Row {
  /** How the ratio table refers to it. */
  readonly key: string;
  /** `ours`, `raw SQLite`, `bare subscriber`… */
  readonly system: string;
  readonly store: string;
  /** `HTTP, 100 obs/request`, `MQTT, 1 obs/message`, `1 row/transaction`. */
  readonly path: string;
  readonly seconds: number;
  readonly observationsPerSec: number;
  /** Requests, messages or transactions a second, with their unit. */
  readonly unitsPerSec: number;
  readonly unit: 'req' | 'msg' | 'txn';
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Footnote mark saying what the latency covers. */
  readonly latencyMark: string;
  /** The server's own ingest_duration_seconds for the same runs, as histogram bucket bounds. */
  readonly serverP99?: BucketRange;
  readonly cpu: Usage;
  readonly errors: number;
  readonly errorNote?: string;
}

export interface Comparison {
  readonly label: string;
  readonly ours: string;
  readonly baseline: string;
  /** False when the two latencies measure different things (a publish-to-receipt time against a commit time). */
  readonly sameLatency: boolean;
}

/** Unrelated processes used more than this share of a core during a run: it is noisy. */
export const NOISY = 0.1;
export const isNoisy = (row: Row) => row.cpu.others > NOISY;

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const percent = (cores: number) => `${Math.round(cores * 100)} %`;
export function ms(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (Number.isInteger(n)) return `${n} ms`;
  return `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
}

/** Histogram bounds as Prometheus writes them: 2.5, not 2.50. */
const bound = (n: number) => String(Number(n.toFixed(3)));

function bucket(range: BucketRange | undefined): string {
  if (!range || range.count === 0 || !Number.isFinite(range.lowerMs)) return '';
  if (!Number.isFinite(range.upperMs)) return `> ${bound(range.lowerMs)} ms`;
  return `${bound(range.lowerMs)}–${bound(range.upperMs)} ms`;
}

export function rawTable(rows: readonly Row[]): string {
  const lines = [
    '| system | store | path | obs/s | req · msg · txn /s | p50 | p99 | server p99 (histogram) | server CPU | DB CPU | broker CPU | bench CPU | other load | other writes | disk busy | errors |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const { cpu } = row;
    lines.push(
      `| ${row.system} | ${row.store} | ${row.path} | ${int(row.observationsPerSec)} | ${int(row.unitsPerSec)} ${row.unit} | ${ms(row.p50Ms)} | ${ms(row.p99Ms)}${row.latencyMark} | ${bucket(row.serverP99)} | ${percent(cpu.server)} | ${percent(cpu.database)} | ${percent(cpu.broker)} | ${percent(cpu.bench)} | ${percent(cpu.others)}${isNoisy(row) ? ' †' : ''} | ${cpu.othersWriteMBps.toFixed(1)} MB/s | ${cpu.diskBusy === undefined ? '?' : percent(cpu.diskBusy)} | ${int(row.errors)}${row.errorNote ? ` (${row.errorNote})` : ''} |`,
    );
  }
  return lines.join('\n');
}

export const NOISE_NOTE = `† other processes used more than ${NOISY * 100} % of a core during that run (or its baseline's): the machine was shared, re-run on a quiet one.`;

/** Ours against its baseline: throughput (higher is better) and p99 (lower is better). */
export function ratioTable(rows: readonly Row[], comparisons: readonly Comparison[]): string {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const lines = ['| comparison | ours obs/s | baseline obs/s | ours ÷ baseline | ours p99 | baseline p99 | p99 ours ÷ baseline |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const { label, ours: oursKey, baseline: baseKey, sameLatency } of comparisons) {
    const ours = byKey.get(oursKey);
    const base = byKey.get(baseKey);
    if (!ours || !base) {
      lines.push(`| ${label} | n/a | n/a | | | | |`);
      continue;
    }
    const mark = isNoisy(ours) || isNoisy(base) ? ' †' : '';
    lines.push(
      `| ${label} | ${int(ours.observationsPerSec)} | ${int(base.observationsPerSec)} | ${(ours.observationsPerSec / base.observationsPerSec).toFixed(2)}×${mark} | ${ms(ours.p99Ms)} | ${ms(base.p99Ms)} | ${sameLatency ? `${(ours.p99Ms / base.p99Ms).toFixed(2)}×${mark}` : '—'} |`,
    );
  }
  return lines.join('\n');
}
