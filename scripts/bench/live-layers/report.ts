import { Latencies } from '../ingest/latencies.js';
import { median } from '../viewer/report.js';
import type { FrameRateRun } from './pageRun.js';

export const TARGETS = { oursOverEntities: 1.6, movingOverStatic: 0.9, heapOursOverEntities: 0.5 } as const;

export type FramePhase = 'ours, moving' | 'Entities, moving' | 'ours, static' | 'ours, moving, full size';
export interface PhaseRun {
  readonly phase: FramePhase;
  readonly round: number;
  readonly run: FrameRateRun;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const verdict = (met: boolean) => (met ? 'met' : '**missed**');

function percentiles(values: readonly number[], qs: readonly number[]): number[] {
  const samples = new Latencies(values.length);
  for (const value of values) samples.add(value);
  return samples.percentiles(qs);
}

export function frameRateTable(runs: readonly PhaseRun[]): string {
  const rows = runs.map(({ phase, round, run }) => `| ${round} | ${phase} | ${run.vehicles} | ${run.frames} | ${run.seconds.toFixed(1)} | ${run.fps.toFixed(2)} |`);
  return ['| round | phase | vehicles | frames | seconds | frames/s |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

export function medianFps(runs: readonly PhaseRun[], phase: FramePhase): number {
  return median(runs.filter((r) => r.phase === phase).map((r) => r.run.fps));
}

export function ratioTable(runs: readonly PhaseRun[]): { table: string; met: { entities: boolean; static: boolean } } {
  const ours = medianFps(runs, 'ours, moving');
  const entities = medianFps(runs, 'Entities, moving');
  const still = medianFps(runs, 'ours, static');
  const fullSize = medianFps(runs, 'ours, moving, full size');
  const overEntities = ours / entities;
  const overStatic = ours / still;
  const met = { entities: overEntities >= TARGETS.oursOverEntities, static: overStatic >= TARGETS.movingOverStatic };
  const table = [
    '| measure | value | target | verdict |',
    '|---|---|---|---|',
    `| frame rate, ours / Entities (10,000 moving) | ${overEntities.toFixed(2)}× (${ours.toFixed(2)} / ${entities.toFixed(2)} frames/s) | ≥ ${TARGETS.oursOverEntities}× | ${verdict(met.entities)} |`,
    `| like for like: ours at full size / Entities (10,000 moving) | ${(fullSize / entities).toFixed(2)}× (${fullSize.toFixed(2)} / ${entities.toFixed(2)} frames/s) | ≥ ${TARGETS.oursOverEntities}× | ${verdict(fullSize / entities >= TARGETS.oursOverEntities)} |`,
    `| frame rate, ours moving / ours static | ${overStatic.toFixed(2)} (${ours.toFixed(2)} / ${still.toFixed(2)} frames/s) | ≥ ${TARGETS.movingOverStatic} | ${verdict(met.static)} |`,
  ].join('\n');
  return { table, met };
}

/** Apply time and per-frame layer time, from our layer's moving runs. */
export function mainThreadTable(runs: readonly PhaseRun[]): string {
  const ours = runs.filter((r) => r.phase === 'ours, moving').map((r) => r.run);
  const apply = ours.flatMap((run) => run.applyMs);
  const first = ours.map((run) => run.firstApplyMs).filter((value): value is number => value !== undefined);
  const layer = ours.flatMap((run) => run.layerMs);
  const [a50, a95, aMax] = percentiles(apply, [0.5, 0.95, 1]);
  const [l50, l95] = percentiles(layer, [0.5, 0.95]);
  return [
    '| main-thread work (our layer, 10,000 vehicles) | samples | median ms | p95 ms | max ms |',
    '|---|---|---|---|---|',
    `| apply one update (hand over; apply the worker's arrays and pack the segments for the GPU) | ${apply.length} | ${ms(a50 ?? NaN)} | ${ms(a95 ?? NaN)} | ${ms(aMax ?? NaN)} |`,
    `| first update (allocates every slot) | ${first.length} | ${ms(median(first))} | | |`,
    `| layer's work per rendered frame (preRender) | ${layer.length} | ${ms(l50 ?? NaN)} | ${ms(l95 ?? NaN)} | |`,
  ].join('\n');
}

export interface HeapRun {
  readonly sink: 'none' | 'ours' | 'Entities';
  readonly usedBytes: number;
  readonly vehicles: number;
}

export function heapTable(runs: readonly HeapRun[]): { table: string; met: boolean } {
  const base = runs.find((r) => r.sink === 'none')?.usedBytes ?? 0;
  const ours = runs.find((r) => r.sink === 'ours');
  const entities = runs.find((r) => r.sink === 'Entities');
  const rows = runs.map((r) => `| ${r.sink === 'none' ? 'page only (fleet, no layer)' : r.sink} | ${r.vehicles} | ${mib(r.usedBytes)} | ${r.sink === 'none' ? '' : mib(r.usedBytes - base)} |`);
  const overWhole = ours && entities ? ours.usedBytes / entities.usedBytes : NaN;
  const overLayer = ours && entities ? (ours.usedBytes - base) / (entities.usedBytes - base) : NaN;
  const met = overLayer <= TARGETS.heapOursOverEntities;
  return {
    met,
    table: [
      '| page | vehicles | JS heap MiB | above the page only, MiB |',
      '|---|---|---|---|',
      ...rows,
      '',
      '| measure | value | target | verdict |',
      '|---|---|---|---|',
      `| JS heap for the vehicles, ours / Entities | ${overLayer.toFixed(2)}× (whole page: ${overWhole.toFixed(2)}×) | ≤ ${TARGETS.heapOursOverEntities}× | ${verdict(met)} |`,
    ].join('\n'),
  };
}
