import { Observation, SENSOR_QUANTITIES, SimulatorStatus, type Sensor } from '@pengcheng/protocol';
import pino from 'pino';
import { Registry } from 'prom-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { committedDistrict, simulatorUnderTest } from '../../test-support/simulatorFixtures.js';
import { chinaTime } from './localTime.js';
import { createSimulator } from './simulator.js';

let sensors: Map<string, Sensor>;
beforeAll(async () => {
  sensors = new Map((await committedDistrict()).sensors.map((s) => [s.id, s]));
});

/** The readings of one quantity of the sensors of a kind, averaged. */
function mean(observations: readonly Observation[], kind: Sensor['kind'], quantity: string, where?: (s: Sensor) => boolean): number {
  const values = observations
    .filter((o) => o.quality === 'good' && sensors.get(o.sensorId)?.kind === kind && (!where || where(sensors.get(o.sensorId) as Sensor)))
    .flatMap((o) => o.values.filter((v) => v.quantity === quantity).map((v) => v.value));
  expect(values.length, `${kind} ${quantity}`).toBeGreaterThan(0);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Ten simulated minutes from a local hour of a weekday (Tuesday 1 December 2026). */
async function tenMinutesFrom(hour: number) {
  const sim = await simulatorUnderTest({ startTimeMs: chinaTime(2026, 12, 1, hour), faultRate: 0 });
  sim.simulator.start();
  await sim.fire(10);
  await sim.simulator.stop();
  return sim.observations;
}

describe('the simulator', () => {
  it('gives the same first observations and vehicle states for the same seed, other ones for another', async () => {
    const run = async (seed: number) => {
      const sim = await simulatorUnderTest({ seed, speed: 1, vehiclesPeak: 300, startTimeMs: chinaTime(2026, 12, 1, 8) }, true);
      sim.simulator.start();
      await sim.fire(300);
      await sim.simulator.stop();
      return { observations: sim.observations.slice(0, 50), vehicles: sim.ticks.slice(0, 20).map((t) => t.vehicles) };
    };
    const first = await run(7);
    expect(first.observations).toHaveLength(50);
    expect(first.vehicles[0]?.length).toBeGreaterThan(100);
    expect(await run(7)).toEqual(first);
    const other = await run(8);
    expect(other.observations).not.toEqual(first.observations);
    expect(other.vehicles).not.toEqual(first.vehicles);
  });

  it('puts a few thousand vehicles on the roads at 8:00 and a few hundred at 3:00', async () => {
    const count = async (hour: number) => {
      const sim = await simulatorUnderTest({ vehiclesPeak: 3000, speed: 1, startTimeMs: chinaTime(2026, 12, 1, hour) }, true);
      sim.simulator.start();
      await sim.fire(1);
      await sim.simulator.stop();
      return sim.ticks[0]?.vehicles.length ?? 0;
    };
    const rush = await count(8);
    const night = await count(3);
    expect(rush).toBeGreaterThan(2000);
    expect(night).toBeGreaterThan(100);
    expect(night).toBeLessThan(600);
  });

  it('sends observations that are valid for their sensor: schema, every quantity, its unit, its range', async () => {
    const sim = await simulatorUnderTest({ vehiclesPeak: 200, startTimeMs: chinaTime(2026, 7, 15, 6) });
    sim.simulator.start();
    await sim.fire(120);
    await sim.simulator.stop();
    const { district } = await committedDistrict();
    // At 600× a sensor reports at most every ten simulated minutes.
    expect(sim.observations.length).toBeGreaterThan(4000);
    const seen = new Set<string>();
    for (const o of sim.observations) {
      expect(Observation.safeParse(o).success).toBe(true);
      const sensor = sensors.get(o.sensorId);
      expect(sensor, o.sensorId).toBeDefined();
      if (!sensor) continue;
      seen.add(sensor.id);
      const specs = SENSOR_QUANTITIES[sensor.kind];
      expect(o.values.map((v) => v.quantity)).toEqual(Object.keys(specs));
      for (const v of o.values) {
        const spec = specs[v.quantity];
        expect(v.unit, `${o.sensorId} ${v.quantity}`).toBe(spec?.unit);
        expect(v.value >= (spec?.min ?? 0) && v.value <= (spec?.max ?? 0), `${o.sensorId} ${v.quantity} ${v.value}`).toBe(true);
      }
      if (sensor.kind === 'parking_occupancy' && o.quality === 'good') {
        const [occupied, free] = o.values.map((v) => v.value);
        expect((occupied ?? 0) + (free ?? 0)).toBe(district.parkingLots.get(sensor.asset.id)?.capacity);
      }
    }
    expect(seen.size).toBe(sensors.size);
    const times = sim.observations.map((o) => Date.parse(o.time));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(chinaTime(2026, 7, 15, 6));
    expect(Math.max(...times)).toBeLessThanOrEqual(chinaTime(2026, 7, 15, 6) + 120 * 60_000);
  });

  it('follows the daily rhythms: traffic noise and NO₂ at the rush hour, offices full by day, pressure dipping at the evening peak', async () => {
    const [night, rush, evening] = [await tenMinutesFrom(3), await tenMinutesFrom(8), await tenMinutesFrom(20)];
    const roadside = (s: Sensor) => s.asset.kind === 'road_link';
    expect(mean(rush, 'noise', 'laeq', roadside)).toBeGreaterThan(mean(night, 'noise', 'laeq', roadside) + 5);
    expect(mean(rush, 'air_quality', 'no2')).toBeGreaterThan(mean(night, 'air_quality', 'no2') * 1.5);
    const office = (s: Sensor) => s.name.zh.startsWith('行政中心');
    expect(mean(rush, 'parking_occupancy', 'occupied', office)).toBeGreaterThan(mean(night, 'parking_occupancy', 'occupied', office) * 3);
    expect(mean(evening, 'pipe_pressure', 'pressure')).toBeLessThan(mean(night, 'pipe_pressure', 'pressure') - 0.04);
    expect(mean(evening, 'pipe_flow', 'flow')).toBeGreaterThan(mean(night, 'pipe_flow', 'flow') * 2);
  });

  it('flags faults: stuck values as suspect, spikes as bad, and sensors that drop out for a while', async () => {
    const sim = await simulatorUnderTest({ faultRate: 300, speed: 60 });
    sim.simulator.start();
    await sim.fire(600);
    await sim.simulator.stop();
    const bySensor = new Map<string, Observation[]>();
    for (const o of sim.observations) bySensor.set(o.sensorId, [...(bySensor.get(o.sensorId) ?? []), o]);
    let stuckRuns = 0;
    let gaps = 0;
    for (const [id, list] of bySensor) {
      const interval = Math.min(...list.slice(1).map((o, i) => Date.parse(o.time) - Date.parse((list[i] as Observation).time)));
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1] as Observation, list[i] as Observation];
        if (a.quality === 'suspect' && b.quality === 'suspect' && JSON.stringify(a.values) === JSON.stringify(b.values)) stuckRuns++;
        if (Date.parse(b.time) - Date.parse(a.time) >= 3 * interval) gaps++;
      }
      expect(id).toMatch(/^SNS-/);
    }
    expect(sim.observations.filter((o) => o.quality === 'bad').length).toBeGreaterThan(10);
    expect(stuckRuns).toBeGreaterThan(10);
    expect(gaps).toBeGreaterThan(5);

    const clean = await simulatorUnderTest({ faultRate: 0 });
    clean.simulator.start();
    await clean.fire(20);
    await clean.simulator.stop();
    expect(clean.observations.every((o) => o.quality === 'good')).toBe(true);
  });

  it('reports its status and counts what it produced in /metrics', async () => {
    const registry = new Registry();
    const sim = await simulatorUnderTest({ registry, vehiclesPeak: 100, startTimeMs: chinaTime(2026, 12, 1, 12) });
    expect(sim.simulator.status().running).toBe(false);
    sim.simulator.start();
    await sim.fire(5);
    const status = SimulatorStatus.parse(sim.simulator.status());
    expect(status).toMatchObject({ running: true, seed: 320_300, speed: 600, sensors: sensors.size, transport: 'in-process', scenarios: [] });
    expect(status.simTimeMs).toBe(chinaTime(2026, 12, 1, 12) + 5 * 60_000);
    expect(status.vehicles).toBeGreaterThan(50);
    await sim.simulator.stop();
    const text = await registry.metrics();
    expect(text).toMatch(/simulator_observations_total\{kind="parking_occupancy"\} \d+/);
    expect(text).toMatch(/simulator_vehicles \d+/);
    expect(sim.simulator.status().running).toBe(false);
  });

  it('releases its timer on stop, with the real timers too', async () => {
    const sim = await simulatorUnderTest();
    sim.simulator.start();
    sim.simulator.start();
    expect(sim.timers.active).toBe(1);
    await sim.simulator.stop();
    expect(sim.timers.active).toBe(0);
    await sim.simulator.stop();

    const { district, sensors: list } = await committedDistrict();
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    let published = 0;
    const real = createSimulator({ district, sensors: list, seed: 1, speed: 3600, startTimeMs: Date.UTC(2026, 0, 1), vehiclesPeak: 0, transport: 'in-process', sink: { publish: () => void published++ }, logger: pino({ level: 'silent' }) });
    const before = timeouts();
    real.start();
    expect(timeouts()).toBe(before + 1);
    await expect.poll(() => published, { timeout: 10_000 }).toBeGreaterThan(0);
    const running = timeouts();
    await real.stop();
    expect(timeouts()).toBe(running - 1);
  });

  it('keeps going when the sink fails, and files hotline reports through createIncident', async () => {
    const reports: unknown[] = [];
    const sim = await simulatorUnderTest({
      sink: { publish: () => Promise.reject(new Error('ingest is down')) },
      createIncident: async (r) => void reports.push(r),
      hotlinePerHour: 30,
      startTimeMs: chinaTime(2026, 12, 1, 10),
    });
    sim.simulator.start();
    await sim.fire(60);
    await sim.simulator.stop();
    expect(sim.simulator.status().simTimeMs).toBe(chinaTime(2026, 12, 1, 11));
    expect(reports.length).toBeGreaterThan(10);
  });
  it('run faster than real time, never stamps a reading after the server clock: it catches up, then keeps pace', async () => {
    let wallMs = chinaTime(2026, 12, 1, 9);
    const sim = await simulatorUnderTest({ speed: 600, startTimeMs: wallMs - 3_600_000, faultRate: 0, notAfter: () => wallMs });
    sim.simulator.start();
    await sim.fire(100);
    const caughtUp = sim.simulator.status().simTimeMs;
    expect(caughtUp).toBe(wallMs);
    wallMs += 1000;
    await sim.fire(5);
    await sim.simulator.stop();
    expect(sim.simulator.status().simTimeMs).toBe(wallMs);
    expect(sim.observations.length).toBeGreaterThan(0);
    expect(Math.max(...sim.observations.map((o) => Date.parse(o.time)))).toBeLessThanOrEqual(wallMs);
  });
});
