import { encodeVehicleFrame, type Kpis, type LinkState } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import type { LiveEventMap, LiveEvents } from '../live/liveEvents.js';
import { segmentOf, type TrafficStore } from './trafficStore.js';

export interface TrafficRecorderOptions {
  readonly events: LiveEvents;
  readonly store: TrafficStore;
  readonly logger: Logger;
  /** The district's KPIs now, given the link states the recorder holds. */
  readonly computeKpis: (links: ReadonlyMap<string, LinkState>) => Promise<Kpis>;
  readonly now?: () => number;
  /** A vehicle keyframe at most this often (data time). */
  readonly vehicleIntervalMs?: number;
  /** Changed links are written together at most this often (data time). */
  readonly linkIntervalMs?: number;
  readonly kpiIntervalMs?: number;
  /** Buffered records go to disk this often. */
  readonly flushIntervalMs?: number;
  /** Recordings older than this are deleted. */
  readonly retentionMs: number;
}

export interface TrafficRecorder {
  /** The newest state of each link seen. */
  readonly links: ReadonlyMap<string, LinkState>;
  /** Records the KPIs now (the timer does this every interval). */
  recordKpis(): Promise<void>;
  /** Writes what is buffered. */
  flush(): Promise<void>;
  /** Stops listening and timers, then writes what is left. */
  stop(): Promise<void>;
}

const PRUNE_INTERVAL_MS = 10 * 60_000;

/**
 * Records what is not stored elsewhere, for replay: the traffic ticks (links that changed,
 * coalesced; vehicle keyframes as the hub's binary frame) and the KPIs every minute. The tick
 * listener only updates maps and buffers lines, so the live path does not wait for a disk.
 */
export function startTrafficRecorder(options: TrafficRecorderOptions): TrafficRecorder {
  const { events, store, logger, computeKpis, now = Date.now, vehicleIntervalMs = 10_000, linkIntervalMs = 1_000, kpiIntervalMs = 60_000, flushIntervalMs = 2_000, retentionMs } = options;
  const links = new Map<string, LinkState>();
  const changed = new Map<string, LinkState>();
  let segment: number | undefined;
  let lastVehiclesMs = Number.NEGATIVE_INFINITY;
  let lastLinksMs = Number.NEGATIVE_INFINITY;
  let lastKpis: Kpis | undefined;

  const onTraffic = (tick: LiveEventMap['traffic'][0]): void => {
    for (const link of tick.links) {
      const held = links.get(link.linkId);
      if (held && held.timeMs > link.timeMs) continue;
      links.set(link.linkId, link);
      changed.set(link.linkId, link);
    }
    const frame = () => Buffer.from(encodeVehicleFrame(tick.timeMs, tick.vehicles)).toString('base64');
    const tickSegment = segmentOf(tick.timeMs);
    if (tickSegment !== segment) {
      // Each file starts with the whole state, so a window never reads further back than one file.
      segment = tickSegment;
      store.append({ k: 'linkKey', t: tick.timeMs, links: [...links.values()] });
      if (lastKpis) store.append({ k: 'kpis', t: tick.timeMs, kpis: lastKpis });
      store.append({ k: 'vehicles', t: tick.timeMs, frame: frame() });
      changed.clear();
      lastVehiclesMs = tick.timeMs;
      lastLinksMs = tick.timeMs;
      return;
    }
    if (changed.size > 0 && tick.timeMs - lastLinksMs >= linkIntervalMs) {
      store.append({ k: 'links', t: tick.timeMs, links: [...changed.values()] });
      changed.clear();
      lastLinksMs = tick.timeMs;
    }
    if (tick.timeMs - lastVehiclesMs >= vehicleIntervalMs) {
      store.append({ k: 'vehicles', t: tick.timeMs, frame: frame() });
      lastVehiclesMs = tick.timeMs;
    }
  };
  events.on('traffic', onTraffic);

  const recordKpis = async (): Promise<void> => {
    try {
      const kpis = await computeKpis(links);
      lastKpis = kpis;
      store.append({ k: 'kpis', t: kpis.timeMs, kpis });
    } catch (error) {
      logger.warn({ err: error }, 'replay recorder could not compute the KPIs');
    }
  };
  const prune = (): void => {
    store.prune(now() - retentionMs).catch((error: unknown) => logger.warn({ err: error }, 'replay recorder could not prune'));
  };

  const timers = [
    setInterval(() => void recordKpis(), kpiIntervalMs),
    setInterval(() => void store.flush(), flushIntervalMs),
    setInterval(prune, PRUNE_INTERVAL_MS),
  ];
  for (const timer of timers) timer.unref();
  prune();

  return {
    links,
    recordKpis,
    flush: () => store.flush(),
    async stop() {
      events.off('traffic', onTraffic);
      for (const timer of timers) clearInterval(timer);
      await store.flush();
    },
  };
}
