import type { CDPSession, Page } from '@playwright/test';
import { browserPssBytes } from './processMemory.js';

/** What `window.__pengcheng.memory()` reports of Cesium's tile cache (app/debugHook.ts). */
export interface TileMemory {
  /** Σ tileset.totalMemoryUsageInBytes: geometry, textures and metadata of the loaded tiles. */
  readonly usedBytes: number;
  /** Σ tileset.cacheBytes: what Cesium trims its tile cache back to. */
  readonly cacheBytes: number;
}

export interface MemorySample {
  /** Seconds since the tour started moving the camera. */
  readonly atSeconds: number;
  /** After a forced garbage collection, so samples compare. */
  readonly jsHeapUsedBytes: number;
  readonly tiles: TileMemory;
  readonly browserPssBytes: number;
  /** The camera's pose, as the hook gives it: a changing value proves the tour is flying. */
  readonly camera: string;
  /** The adaptive quality controller's level and resolution scale: coarser levels load fewer tiles. */
  readonly quality: string;
  /** Scenes the viewer rebuilt so far (lost context, render error, memory pressure): a rebuild frees everything. */
  readonly recoveries: number;
}

const HOOK = 'window.__pengcheng';

async function tileMemory(page: Page): Promise<TileMemory> {
  const memory = (await page.evaluate(`${HOOK}.memory()`)) as { tileBytes?: unknown; cacheBytes?: unknown } | undefined;
  if (typeof memory?.tileBytes !== 'number' || typeof memory.cacheBytes !== 'number') {
    throw new Error(`${HOOK}.memory() gave ${JSON.stringify(memory)}, not { tileBytes, cacheBytes }`);
  }
  return { usedBytes: memory.tileBytes, cacheBytes: memory.cacheBytes };
}

async function quality(page: Page): Promise<string> {
  const report = (await page.evaluate(`${HOOK}.quality()`)) as { level?: number; resolutionScale?: number } | undefined;
  return report ? `${report.level ?? '?'} (×${report.resolutionScale ?? '?'})` : 'n/a';
}

const cameraPose = async (page: Page): Promise<string> => JSON.stringify(await page.evaluate(`${HOOK}.cameraPose()`));

async function jsHeapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  if (used === undefined) throw new Error('Performance.getMetrics has no JSHeapUsedSize');
  return used;
}

/** The hook the harness needs, present once the scene is up; says what is missing otherwise. */
export async function missingHook(page: Page): Promise<string | undefined> {
  const kinds = (await page.evaluate(`({ hook: typeof ${HOOK}, memory: typeof ${HOOK}?.memory, cameraPose: typeof ${HOOK}?.cameraPose })`)) as Record<string, string>;
  if (kinds.hook !== 'object') return `no ${HOOK} on the page`;
  if (kinds.memory !== 'function') return `${HOOK}.memory() is missing`;
  if (kinds.cameraPose !== 'function') return `${HOOK}.cameraPose() is missing`;
  return undefined;
}

/** Waits until the camera leaves the pose it had at ready: the attract tour has begun. */
export async function untilTourMoves(page: Page, timeoutMs: number): Promise<boolean> {
  const start = await cameraPose(page);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await cameraPose(page)) !== start) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/**
 * Samples memory every `everySeconds` for `minutes` from now (the tour's start), each sample
 * after a forced GC; `onSample` sees each as it comes.
 */
export async function sampleMemory(
  page: Page,
  cdp: CDPSession,
  minutes: number,
  everySeconds: number,
  onSample: (sample: MemorySample) => void,
): Promise<MemorySample[]> {
  await cdp.send('Performance.enable');
  const started = performance.now();
  const samples: MemorySample[] = [];
  for (let next = everySeconds; next <= minutes * 60; next += everySeconds) {
    const wait = started + next * 1000 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sample: MemorySample = {
      atSeconds: (performance.now() - started) / 1000,
      jsHeapUsedBytes: await jsHeapUsed(cdp),
      tiles: await tileMemory(page),
      browserPssBytes: await browserPssBytes(),
      camera: await cameraPose(page),
      quality: await quality(page),
      recoveries: (await page.evaluate(`${HOOK}.recoveries`)) as number,
    };
    samples.push(sample);
    onSample(sample);
  }
  return samples;
}
