import type { Kpis } from '@pengcheng/protocol';

/** One traffic reading of the trend: the hub's time, the index and the mean speed. */
export interface TrafficSample {
  readonly timeMs: number;
  readonly index: number;
  readonly speedKmh: number;
}

/**
 * The last minutes of traffic KPIs, kept on the client (the hub sends only the current figures):
 * a fixed-capacity ring of samples, oldest first when read. Immutable, so a React state holds it.
 */
export interface TrafficTrend {
  readonly windowMs: number;
  readonly capacity: number;
  /** The ring itself; `start` is the oldest sample's slot, `size` how many slots are filled. */
  readonly slots: readonly (TrafficSample | undefined)[];
  readonly start: number;
  readonly size: number;
}

/** What the wall shows: half an hour; KPIs arrive every few seconds at most. */
export const TREND_WINDOW_MS = 30 * 60_000;
export const TREND_CAPACITY = 720;

export function emptyTrend(windowMs = TREND_WINDOW_MS, capacity = TREND_CAPACITY): TrafficTrend {
  return { windowMs, capacity, slots: [], start: 0, size: 0 };
}

/** The samples held, oldest first. */
export function trendSamples(trend: TrafficTrend): TrafficSample[] {
  const out: TrafficSample[] = [];
  for (let i = 0; i < trend.size; i++) {
    const sample = trend.slots[(trend.start + i) % trend.capacity];
    if (sample) out.push(sample);
  }
  return out;
}

/**
 * Adds the traffic figures of a KPI update. An update without traffic, or not newer than the
 * last sample (a snapshot sent again on reconnect), changes nothing; one from before the window
 * (the hub's clock set back, a replay) starts the trend afresh. Samples older than the window
 * behind the newest drop out, and the oldest is overwritten once the ring is full.
 */
export function addKpis(trend: TrafficTrend, kpis: Pick<Kpis, 'timeMs' | 'traffic'>): TrafficTrend {
  const { traffic, timeMs } = kpis;
  if (!traffic) return trend;
  const sample: TrafficSample = { timeMs, index: traffic.index, speedKmh: traffic.averageSpeedKmh };
  const newest = trend.size === 0 ? undefined : trend.slots[(trend.start + trend.size - 1) % trend.capacity];
  if (newest && timeMs <= newest.timeMs) {
    if (timeMs > newest.timeMs - trend.windowMs) return trend;
    return addKpis(emptyTrend(trend.windowMs, trend.capacity), kpis);
  }
  const slots = trend.slots.slice();
  let { start, size } = trend;
  slots[(start + size) % trend.capacity] = sample;
  if (size < trend.capacity) size += 1;
  else start = (start + 1) % trend.capacity;
  // Drop what fell out of the window behind the new sample.
  while (size > 1 && (slots[start]?.timeMs ?? timeMs) <= timeMs - trend.windowMs) {
    slots[start] = undefined;
    start = (start + 1) % trend.capacity;
    size -= 1;
  }
  return { ...trend, slots, start, size };
}
