import type { Alarm, Incident, LiveLayer } from '@pengcheng/protocol';
import type { LiveSlice } from '../../state/liveSlice.js';
import type { ViewerStore } from '../../state/viewerStore.js';
import type { LiveSource } from './liveSource.js';

/** Store updates at most this often: alarms and readings arrive in bursts, React renders once. */
const FLUSH_MS = 250;

const newestRaised = (a: Alarm, b: Alarm) => b.raisedAtMs - a.raisedAtMs || a.id.localeCompare(b.id);
const newestCreated = (a: Incident, b: Incident) => b.createdAtMs - a.createdAtMs || a.id.localeCompare(b.id);

export interface StoreFeed {
  dispose(): void;
}

/**
 * Copies what a live source holds (the hub's client, or the replay player) into the store's live
 * slice: readings, alarms, incidents, KPIs, coalesced. It starts with a full copy, so a screen
 * switching sources shows the new one's state at once.
 */
export function feedStore(store: ViewerStore, source: LiveSource): StoreFeed {
  const dirty = new Set<LiveLayer>(['sensors', 'alarms', 'incidents', 'kpis']);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const flush = () => {
    timer = undefined;
    if (disposed) return;
    const { view } = source;
    const change: { -readonly [K in keyof LiveSlice]?: LiveSlice[K] } = {};
    if (dirty.has('sensors')) change.readings = new Map(view.sensors);
    if (dirty.has('alarms')) change.alarms = [...view.alarms.values()].sort(newestRaised);
    if (dirty.has('incidents')) change.incidents = [...view.incidents.values()].sort(newestCreated);
    if (dirty.has('kpis')) change.kpis = view.kpis;
    dirty.clear();
    if (Object.keys(change).length > 0) store.getState().setLive(change);
  };

  const stop = source.onChange((layer) => {
    dirty.add(layer);
    timer ??= setTimeout(flush, FLUSH_MS);
  });
  flush();

  return {
    dispose() {
      disposed = true;
      stop();
      clearTimeout(timer);
    },
  };
}
