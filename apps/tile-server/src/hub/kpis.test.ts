import { Kpis, type AuditEntry, type Incident, type IncidentState } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { SensorDirectory } from '../sensors/sensorDirectory.js';
import { computeKpis } from './kpis.js';
import { LiveState } from './liveState.js';

const NOW = Date.UTC(2025, 5, 1, 8, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let serial = 0;

/** An incident reported at `createdAtMs` that went through `moves` (time, state reached). */
function incident(createdAtMs: number, moves: readonly [number, IncidentState][]): Incident {
  serial += 1;
  const audit: AuditEntry[] = [{ atMs: createdAtMs, actor: 'hotline', action: 'create', to: 'reported' }];
  let state: IncidentState = 'reported';
  for (const [atMs, to] of moves) {
    audit.push({ atMs, actor: 'li.na', action: 'move', from: state, to });
    state = to;
  }
  return {
    id: `INC-${String(serial).padStart(6, '0')}`,
    category: 'waterlogging',
    source: 'hotline',
    severity: 'medium',
    state,
    title: '路面积水',
    place: { lon: 117.28, lat: 34.2, height: 0 },
    linkedSensors: [],
    linkedAssets: [],
    linkedAlarms: [],
    createdAtMs,
    updatedAtMs: audit.at(-1)?.atMs ?? createdAtMs,
    version: audit.length,
    audit,
  };
}

function handlingOf(...incidents: Incident[]): number | null {
  const state = new LiveState();
  for (const held of incidents) state.applyIncident(held);
  return computeKpis(state, new SensorDirectory(), NOW).incidents.averageHandlingMs;
}

describe('average handling time (平均处置时长)', () => {
  it('is the mean time from report to resolution of the incidents resolved today', () => {
    const fast = incident(NOW - 3 * HOUR, [[NOW - 3 * HOUR + 5 * MINUTE, 'dispatched'], [NOW - 3 * HOUR + 15 * MINUTE, 'handling'], [NOW - 3 * HOUR + 30 * MINUTE, 'resolved']]);
    const slow = incident(NOW - 10 * HOUR, [[NOW - 9 * HOUR, 'dispatched'], [NOW - 8 * HOUR, 'handling'], [NOW - 7 * HOUR - 30 * MINUTE, 'resolved']]);
    // 30 min and 2 h 30 min: 1 h 30 min on average.
    expect(handlingOf(fast, slow)).toBe(90 * MINUTE);
  });

  it('leaves out incidents still being handled and those resolved more than a day ago', () => {
    const resolved = incident(NOW - 2 * HOUR, [[NOW - 90 * MINUTE, 'dispatched'], [NOW - 80 * MINUTE, 'handling'], [NOW - HOUR, 'resolved']]);
    const handling = incident(NOW - 5 * HOUR, [[NOW - 4 * HOUR, 'dispatched'], [NOW - 3 * HOUR, 'handling']]);
    const yesterday = incident(NOW - 30 * HOUR, [[NOW - 29 * HOUR, 'dispatched'], [NOW - 28 * HOUR, 'handling'], [NOW - 25 * HOUR, 'resolved']]);
    expect(handlingOf(resolved, handling, yesterday)).toBe(HOUR);
  });

  it('counts a reopened incident from its report to its latest resolution', () => {
    const reopened = incident(NOW - 6 * HOUR, [
      [NOW - 5 * HOUR, 'dispatched'],
      [NOW - 5 * HOUR, 'handling'],
      [NOW - 4 * HOUR, 'resolved'],
      [NOW - 3 * HOUR, 'handling'],
      [NOW - 2 * HOUR, 'resolved'],
    ]);
    expect(handlingOf(reopened)).toBe(4 * HOUR);
  });

  it('is null when nothing was resolved, and the figures still pass the wire schema', () => {
    const open = incident(NOW - HOUR, []);
    expect(handlingOf(open)).toBeNull();
    const state = new LiveState();
    state.applyIncident(open);
    expect(Kpis.parse({ timeMs: NOW, ...computeKpis(state, new SensorDirectory(), NOW) }).incidents.averageHandlingMs).toBeNull();
  });

  it('reads as no figure from a server that does not send it yet', () => {
    const old = { timeMs: NOW, incidents: { open: 0, byCategory: {}, byAge: { underHour: 0, underDay: 0, older: 0 } }, alarms: { warning: 0, alarm: 0 }, traffic: null, parkingFreeSpaces: null, aqi: null };
    expect(Kpis.parse(old).incidents.averageHandlingMs).toBeNull();
  });
});
