import type { Exchange } from '../tiles/networkLog.js';
import type { Usage } from '../ingest/usage.js';
import type { MemorySample } from './kioskMemory.js';
import type { WireTotals } from './wire.js';

export const MAX_LOAD_RATIO = 1.1;
/** Unrelated processes used more than this share of a core during a load: it is noisy. */
const NOISY = 0.1;

export interface ColdLoad {
  readonly site: string;
  readonly run: number;
  readonly seconds: number;
  readonly wire: WireTotals;
  readonly cpu: Usage;
}

export interface WarmReload {
  readonly site: string;
  readonly seconds: number;
  /** Tile and imagery requests as Chromium saw them during the reload. */
  readonly exchanges: readonly Exchange[];
  /** Tile and imagery requests in the site's access log during the reload, and how many got 304. */
  readonly served: number;
  readonly served304: number;
  /** Every request in the access log during the reload, by first path segment. */
  readonly servedByPrefix: ReadonlyMap<string, number>;
  /** The tile and imagery requests that reached the site, with their status. */
  readonly reached: readonly string[];
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (s: number) => `${s.toFixed(1)} s`;
const percent = (cores: number) => `${Math.round(cores * 100)} %`;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export function loadsTable(loads: readonly ColdLoad[]): string {
  const lines = [
    '| run | site | ready after | site CPU | page requests | received (headers incl.) | failed or ≥ 400 | other load |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const load of loads) {
    lines.push(
      `| ${load.run} | ${load.site} | ${seconds(load.seconds)} | ${(load.cpu.server * load.seconds).toFixed(2)} s | ${int(load.wire.requests)} | ${mib(load.wire.bytes)} | ${load.wire.errors.length} | ${percent(load.cpu.others)}${load.cpu.others > NOISY ? ' †' : ''} |`,
    );
  }
  return lines.join('\n');
}

export interface LoadVerdict {
  readonly table: string;
  readonly ratio: number;
  readonly met: boolean;
}

/** Median, range and spread per site, then ours ÷ baseline by medians and run by run (each run's pair ran back to back). */
export function loadSummary(loads: readonly ColdLoad[], ours: string, baseline: string): LoadVerdict {
  const of = (site: string) => loads.filter((l) => l.site === site);
  const lines = ['| site | runs | median | min | max | spread (max − min) ÷ median |', '|---|---:|---:|---:|---:|---:|'];
  for (const site of [ours, baseline]) {
    const times = of(site).map((l) => l.seconds);
    const mid = median(times);
    lines.push(`| ${site} | ${times.length} | ${seconds(mid)} | ${seconds(Math.min(...times))} | ${seconds(Math.max(...times))} | ${((Math.max(...times) - Math.min(...times)) / mid * 100).toFixed(0)} % |`);
  }
  const ratio = median(of(ours).map((l) => l.seconds)) / median(of(baseline).map((l) => l.seconds));
  const paired = of(ours).flatMap((l) => {
    const base = of(baseline).find((b) => b.run === l.run);
    return base ? [l.seconds / base.seconds] : [];
  });
  const met = ratio <= MAX_LOAD_RATIO;
  const table = `${lines.join('\n')}

**${ours} ÷ ${baseline}: ${ratio.toFixed(2)}×** (medians; target ≤ ${MAX_LOAD_RATIO.toFixed(2)}×: ${met ? 'met' : '**not met**'}). Run by run: median ${median(paired).toFixed(2)}×, ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}×.${loads.some((l) => l.cpu.others > NOISY) ? `\n\n† other processes used more than ${NOISY * 100} % of a core during that load: the machine was shared.` : ''}`;
  return { table, ratio, met };
}

export function reloadTable(reloads: readonly WarmReload[]): string {
  const lines = [
    '| site | ready after | tile + imagery requests | from HTTP cache | reached the site (access log) | of which 304 | target: 0 | everything in the access log |',
    '|---|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const r of reloads) {
    const all = [...r.servedByPrefix].map(([prefix, n]) => `${prefix} ×${n}`).join(', ') || 'nothing';
    lines.push(
      `| ${r.site} | ${seconds(r.seconds)} | ${r.exchanges.length} | ${r.exchanges.filter((e) => e.fromCache).length} | ${r.served} | ${r.served304} | ${r.served === 0 ? 'met' : '**not met**'} | ${all} |`,
    );
  }
  for (const r of reloads.filter((reload) => reload.reached.length > 0)) {
    lines.push('', `Reached ${r.site} on reload: ${r.reached.slice(0, 10).map((line) => `\`${line}\``).join(', ')}${r.reached.length > 10 ? ` and ${r.reached.length - 10} more` : ''}.`);
  }
  return lines.join('\n');
}

export interface MemoryVerdict {
  readonly table: string;
  readonly summary: string;
}

/** The samples at whole minutes 1, 2, 5 and the last; growth from minute 1 to the end against Σ cacheBytes. */
export function memoryReport(samples: readonly MemorySample[]): MemoryVerdict {
  const nearest = (s: number) => samples.reduce((a, b) => (Math.abs(b.atSeconds - s) < Math.abs(a.atSeconds - s) ? b : a));
  const last = samples.at(-1);
  const first = samples[0];
  if (!last || !first) return { table: '', summary: 'No samples.' };
  const minuteOne = nearest(60);
  const shown = [...new Set([minuteOne, nearest(120), nearest(300), last])].sort((a, b) => a.atSeconds - b.atSeconds);
  const lines = [
    '| tour time | JS heap used (after GC) | Cesium tile memory | Σ cacheBytes | browser PSS | quality level (resolution) | camera poses seen so far | scene rebuilds |',
    '|---:|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const sample of shown) {
    const poses = new Set(samples.filter((s) => s.atSeconds <= sample.atSeconds).map((s) => s.camera)).size;
    lines.push(
      `| ${(sample.atSeconds / 60).toFixed(1)} min | ${mib(sample.jsHeapUsedBytes)} | ${mib(sample.tiles.usedBytes)} | ${mib(sample.tiles.cacheBytes)} | ${mib(sample.browserPssBytes)} | ${sample.quality} | ${poses} of ${samples.filter((s) => s.atSeconds <= sample.atSeconds).length} | ${sample.recoveries} |`,
    );
  }
  const heapGrowth = last.jsHeapUsedBytes - minuteOne.jsHeapUsedBytes;
  const tileGrowth = last.tiles.usedBytes - minuteOne.tiles.usedBytes;
  const limit = last.tiles.cacheBytes;
  const peakTiles = Math.max(...samples.map((s) => s.tiles.usedBytes));
  const peakHeap = Math.max(...samples.map((s) => s.jsHeapUsedBytes));
  const withinCache = peakTiles <= limit;
  const growthMet = heapGrowth + tileGrowth <= limit;
  const rebuilt = last.recoveries > first.recoveries ? ` **The scene was rebuilt ${last.recoveries - first.recoveries} times during the tour** (a rebuild frees every tile): the figures do not show a steady state.` : '';
  const summary = `From minute ${(minuteOne.atSeconds / 60).toFixed(1)} to minute ${(last.atSeconds / 60).toFixed(1)}: JS heap ${heapGrowth >= 0 ? '+' : ''}${mib(heapGrowth)}, tile memory ${tileGrowth >= 0 ? '+' : ''}${mib(tileGrowth)}, together ${mib(heapGrowth + tileGrowth)} against Σ cacheBytes ${mib(limit)}: **${growthMet ? 'met' : 'not met'}**. Peak tile memory ${mib(peakTiles)} (${withinCache ? 'within' : '**above**'} the cache limit), peak JS heap ${mib(peakHeap)}; ${samples.length} samples, one every ${(samples.length > 1 ? (last.atSeconds - first.atSeconds) / (samples.length - 1) : last.atSeconds).toFixed(0)} s.${rebuilt}`;
  return { table: lines.join('\n'), summary };
}
