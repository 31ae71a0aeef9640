import { LiveState } from '@pengcheng/live-client';
import type { Alarm, LiveLayer } from '@pengcheng/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createViewerStore } from '../../state/viewerStore.js';
import { feedStore } from './feedStore.js';

const alarm = (id: string, raisedAtMs: number): Alarm => ({
  id,
  sensorId: 'SNS-WL-001',
  quantity: 'depth',
  level: 'alarm',
  state: 'raised',
  threshold: 50,
  peakValue: 60,
  lastValue: 60,
  raisedAtMs,
  version: 1,
  audit: [],
});

function source() {
  const view = new LiveState();
  const listeners = new Set<(layer: LiveLayer) => void>();
  return {
    view,
    onChange(listener: (layer: LiveLayer) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(layer: LiveLayer) {
      for (const listener of listeners) listener(layer);
    },
    listeners,
  };
}

describe('feedStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows what the source holds at once, then its changes newest first, a burst in one store update', () => {
    const store = createViewerStore();
    const live = source();
    live.view.applyAlarmSync({ mode: 'snapshot', seq: 2, items: [alarm('ALM-1', 1_000), alarm('ALM-2', 2_000)] });
    const feed = feedStore(store, live);
    expect(store.getState().live.alarms.map((a) => a.id)).toEqual(['ALM-2', 'ALM-1']);

    const updates = vi.fn();
    store.subscribe(updates);
    live.view.applyAlarmSync({ mode: 'snapshot', seq: 3, items: [alarm('ALM-1', 1_000), alarm('ALM-2', 2_000), alarm('ALM-3', 3_000)] });
    live.emit('alarms');
    live.emit('alarms');
    live.emit('sensors');
    expect(updates).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(updates).toHaveBeenCalledTimes(1);
    expect(store.getState().live.alarms.map((a) => a.id)).toEqual(['ALM-3', 'ALM-2', 'ALM-1']);

    feed.dispose();
    expect(live.listeners.size).toBe(0);
    live.emit('alarms');
    vi.advanceTimersByTime(300);
    expect(updates).toHaveBeenCalledTimes(1);
  });
});
