import { encodeVehicleFrame, VehicleFrameError, type Incident, type Kpis, type StoredObservation } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { LiveState } from './liveState.js';

const observation = (sensorId: string, timeMs: number, depth: number): StoredObservation => ({ sensorId, timeMs, values: { depth }, quality: 'good', source: 'test', receivedAtMs: timeMs });
const incident = (id: string, version: number, state: Incident['state'] = 'reported'): Incident => ({
  id,
  category: 'waterlogging',
  source: 'operator',
  severity: 'medium',
  state,
  title: id,
  place: { lon: 117.27, lat: 34.2, height: 0 },
  linkedSensors: [],
  linkedAssets: [],
  linkedAlarms: [],
  createdAtMs: 1,
  updatedAtMs: version,
  version,
  audit: [],
});
const kpis = (timeMs: number, open: number): Kpis => ({
  timeMs,
  incidents: { open, byCategory: {}, byAge: { underHour: open, underDay: 0, older: 0 }, averageHandlingMs: null },
  alarms: { warning: 0, alarm: 0 },
  traffic: null,
  parkingFreeSpaces: null,
  aqi: null,
});
const car = (id: string, lon: number) => ({ id, type: 'car' as const, lon, lat: 34.2, headingDeg: 90, speedMs: 10 });

describe('LiveState', () => {
  it('keeps the newest value of each sensor and link, whatever order they come in', () => {
    const state = new LiveState();
    state.applySubscribeResult({ layers: ['sensors'], sensors: [observation('SNS-1', 100, 1)] });
    expect(state.applySensors([observation('SNS-1', 300, 3), observation('SNS-2', 50, 9)])).toBe(true);
    expect(state.applySensors([observation('SNS-1', 200, 2)])).toBe(false);
    expect(state.sensors.get('SNS-1')?.values.depth).toBe(3);
    expect(state.sensors.get('SNS-2')?.values.depth).toBe(9);
  });

  it('replaces the vehicles with each newer frame and drops a frame that comes late', () => {
    const state = new LiveState();
    expect(state.applyVehicleFrame(encodeVehicleFrame(2000, [car('VEH-1', 117.27), car('VEH-2', 117.28)]))).toBe(true);
    expect(state.applyVehicleFrame(encodeVehicleFrame(1000, [car('VEH-3', 117.29)]))).toBe(false);
    expect([...state.vehicles.keys()]).toEqual(['VEH-1', 'VEH-2']);
    expect(state.applyVehicleFrame(encodeVehicleFrame(3000, [car('VEH-2', 117.281)]))).toBe(true);
    expect([...state.vehicles.keys()]).toEqual(['VEH-2']);
    expect(state.vehiclesTimeMs).toBe(3000);
  });

  it('keeps the newest frame as its bytes, and a broken frame is refused and changes nothing', () => {
    const state = new LiveState();
    const good = encodeVehicleFrame(2000, [car('VEH-1', 117.27)]);
    state.applyVehicleFrame(good);
    expect(state.vehicleFrame).toEqual(good);
    const broken = encodeVehicleFrame(3000, [car('VEH-2', 117.28)]);
    expect(() => state.applyVehicleFrame(broken.subarray(0, broken.length - 2))).toThrow(VehicleFrameError);
    expect(state.vehiclesTimeMs).toBe(2000);
    expect([...state.vehicles.keys()]).toEqual(['VEH-1']);
    state.clear('vehicles');
    expect(state.vehicleFrame).toBeUndefined();
    expect(state.vehicles.size).toBe(0);
  });

  it('keeps the newest KPIs', () => {
    const state = new LiveState();
    expect(state.applyKpis(kpis(2000, 5))).toBe(true);
    expect(state.applyKpis(kpis(1000, 9))).toBe(false);
    expect(state.kpis?.incidents.open).toBe(5);
  });

  it('applies a resume answer once: its changes are reported, a repeat of them is not, a closed incident leaves', () => {
    const state = new LiveState();
    const first = state.applySubscribeResult({ layers: ['incidents'], incidents: { mode: 'snapshot', seq: 10, items: [incident('INC-1', 1)] } });
    expect(first.incidents).toEqual([]);
    const changes = [
      { seq: 12, prevSeq: 10, incident: incident('INC-2', 1) },
      { seq: 15, prevSeq: 12, incident: incident('INC-1', 2, 'closed') },
    ];
    expect(state.applyIncidentSync({ mode: 'changes', seq: 15, changes }).map((change) => change.seq)).toEqual([12, 15]);
    expect(state.applyIncidentSync({ mode: 'changes', seq: 15, changes })).toEqual([]);
    expect([...state.incidents.keys()]).toEqual(['INC-2']);
    expect(state.resumePoint()).toEqual({ incidents: 15 });
    expect(state.gaps()).toEqual([]);
  });

  it('names the stream with a gap and resumes it from before the gap', () => {
    const state = new LiveState();
    state.applySubscribeResult({ layers: ['incidents'], incidents: { mode: 'snapshot', seq: 10, items: [] } });
    state.incidentStream.applyChange({ seq: 14, prevSeq: 12, item: incident('INC-3', 1) });
    expect(state.gaps()).toEqual(['incidents']);
    expect(state.resumePoint()).toEqual({ incidents: 10 });
  });
});
