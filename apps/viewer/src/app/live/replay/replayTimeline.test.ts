import { encodeVehicleFrame, type Alarm, type ReplayEvent, type ReplayState } from '@pengcheng/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueUntil, mergeEvents, nextWindow, windowSpanMs } from './replayTimeline.js';
import { ReplayView } from './replayView.js';

const T0 = Date.UTC(2026, 6, 1, 8);
const frame = (timeMs: number, lon: number) => Buffer.from(encodeVehicleFrame(timeMs, [{ id: 'CAR-1', type: 'car', lon, lat: 34.2, headingDeg: 0, speedMs: 5 }])).toString('base64');
const alarm = (version: number, state: Alarm['state'], acknowledged: boolean): Alarm => ({
  id: 'ALM-000001',
  sensorId: 'SNS-WL-001',
  quantity: 'depth',
  level: 'alarm',
  state,
  threshold: 30,
  peakValue: 80,
  lastValue: 80,
  raisedAtMs: T0,
  ...(acknowledged ? { acknowledgedAtMs: T0 + 1 } : {}),
  version,
  audit: [],
});

/** A recorded stretch: readings of three sensors, link states, frames, KPIs and an alarm's life, in time order. */
const eventsArb = fc
  .array(
    fc.record({
      dt: fc.integer({ min: 0, max: 5_000 }),
      kind: fc.constantFrom('reading', 'links', 'vehicles', 'kpis'),
      key: fc.integer({ min: 1, max: 3 }),
      value: fc.integer({ min: 0, max: 100 }),
    }),
    { maxLength: 60 },
  )
  .map((steps) => {
    let t = T0;
    const events: ReplayEvent[] = steps.map(({ dt, kind, key, value }): ReplayEvent => {
      t += dt;
      switch (kind) {
        case 'reading':
          return { kind, timeMs: t, observation: { sensorId: `SNS-WL-00${key}`, timeMs: t, values: { depth: value }, quality: 'good', source: 'simulator', receivedAtMs: t } };
        case 'links':
          return { kind, timeMs: t, links: [{ linkId: `RD-00000${key}`, speedKmh: value, flowVehH: 100, congestion: 0, timeMs: t }] };
        case 'vehicles':
          return { kind, timeMs: t, frame: frame(t, 117 + value / 1000) };
        default:
          return { kind: 'kpis', timeMs: t, kpis: { timeMs: t, incidents: { open: value, byCategory: {}, byAge: { underHour: 0, underDay: 0, older: 0 }, averageHandlingMs: null }, alarms: { warning: 0, alarm: 0 }, traffic: null, parkingFreeSpaces: null, aqi: null } };
      }
    });
    events.push({ kind: 'alarm', timeMs: t + 1, alarm: alarm(1, 'raised', false) }, { kind: 'alarm', timeMs: t + 2, alarm: alarm(2, 'cleared', false) });
    return events;
  });

const EMPTY: ReplayState = { sensors: [], links: [] };
function snapshot(view: ReplayView) {
  return { sensors: [...view.sensors.entries()], links: [...view.links.entries()], vehicles: [...view.vehicles.entries()], vehiclesTimeMs: view.vehiclesTimeMs, alarms: [...view.alarms.entries()], kpis: view.kpis };
}

describe('replay events', () => {
  it('end in the same view however they are cut into windows and steps of the clock', () => {
    fc.assert(
      fc.property(eventsArb, fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 30 }), (events, cuts, steps) => {
        const whole = new ReplayView();
        whole.reset(EMPTY);
        for (const event of events) whole.apply(event);

        // Windows: the events split at arbitrary indexes, merged one after the other.
        const bounds = [...new Set(cuts.map((cut) => Math.floor((cut / 100) * events.length)))].sort((a, b) => a - b);
        let held: ReplayEvent[] = [];
        let start = 0;
        for (const bound of [...bounds, events.length]) {
          held = mergeEvents(held, events.slice(start, bound));
          start = bound;
        }
        expect(held).toEqual(events);

        // The clock: steps of any length, each applying what is due.
        const stepped = new ReplayView();
        stepped.reset(EMPTY);
        let cursor = 0;
        let clock = T0 - 1;
        for (const step of [...steps, Number.MAX_SAFE_INTEGER / 2]) {
          clock += step;
          const until = dueUntil(held, cursor, clock);
          for (; cursor < until; cursor++) stepped.apply(held[cursor] as ReplayEvent);
        }
        expect(snapshot(stepped)).toEqual(snapshot(whole));
        // The alarm was raised and then cleared without acknowledgement: still open.
        expect(stepped.alarms.get('ALM-000001')?.version).toBe(2);
      }),
    );
  });

  it('lets an acknowledged, cleared alarm leave the view, and never puts an older version back', () => {
    const view = new ReplayView();
    view.reset({ sensors: [], links: [], alarms: [alarm(2, 'acknowledged', true)] });
    view.apply({ kind: 'alarm', timeMs: T0, alarm: alarm(1, 'raised', false) });
    expect(view.alarms.get('ALM-000001')?.state).toBe('acknowledged');
    view.apply({ kind: 'alarm', timeMs: T0 + 5, alarm: alarm(3, 'cleared', true) });
    expect(view.alarms.size).toBe(0);
  });

  it('finds what is due up to a moment, the moment included', () => {
    const at = (timeMs: number): ReplayEvent => ({ kind: 'links', timeMs, links: [] });
    const events = [at(1), at(2), at(2), at(5)];
    expect(dueUntil(events, 0, 0)).toBe(0);
    expect(dueUntil(events, 0, 2)).toBe(3);
    expect(dueUntil(events, 3, 4)).toBe(3);
    expect(dueUntil(events, 1, 9)).toBe(4);
  });

  it('asks for the next window once the play head is within a window of the loaded end, never past now', () => {
    const span = windowSpanMs(1);
    expect(nextWindow(T0, T0 + span + 1, T0 + 3_600_000, 1)).toBeUndefined();
    expect(nextWindow(T0, T0 + span, T0 + 3_600_000, 1)).toEqual({ fromMs: T0 + span, toMs: T0 + 2 * span });
    expect(nextWindow(T0, T0 + 1000, T0 + 2000, 1)).toEqual({ fromMs: T0 + 1000, toMs: T0 + 2000 });
    expect(nextWindow(T0, T0 + 2000, T0 + 2000, 1)).toBeUndefined();
    // Faster play asks for longer windows, never over the server's 15 minutes.
    expect(windowSpanMs(60)).toBeGreaterThan(windowSpanMs(1));
    expect(windowSpanMs(300)).toBe(15 * 60_000);
  });
});
