import { CreateIncidentRequest, ScenarioRun, type Observation, type Sensor, type StartScenarioRequest } from '@pengcheng/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { committedDistrict, simulatorUnderTest } from '../../../test-support/simulatorFixtures.js';
import { chinaTime } from '../localTime.js';
import { ScenarioError } from './scenarioPlayer.js';

let sensors: Sensor[];
beforeAll(async () => {
  sensors = (await committedDistrict()).sensors;
});
const sensor = (id: string): Sensor => sensors.find((s) => s.id === id) as Sensor;

/** Plays a drill from start to end (and a minute beyond) at 600×, collecting everything. */
async function play(request: StartScenarioRequest, options: { cancelAfterTicks?: number } = {}) {
  const sim = await simulatorUnderTest({ startTimeMs: chinaTime(2026, 7, 20, 14), hotlinePerHour: 0 });
  sim.simulator.start();
  await sim.fire(1);
  const run = ScenarioRun.parse(sim.simulator.startScenario(request));
  let cancelled: ScenarioRun | undefined;
  for (let tick = 1; sim.simulator.status().simTimeMs <= run.endsAtMs + 60_000; tick++) {
    await sim.fire(1);
    if (tick === options.cancelAfterTicks) cancelled = sim.simulator.cancelScenario(run.runId);
  }
  const status = sim.simulator.status();
  await sim.simulator.stop();
  const during = sim.observations.filter((o) => Date.parse(o.time) >= run.startedAtMs && Date.parse(o.time) <= run.endsAtMs);
  return { run, cancelled, status, during, after: sim.observations.filter((o) => Date.parse(o.time) > run.endsAtMs), reports: sim.reports.map((r) => CreateIncidentRequest.parse(r)) };
}

function readings(observations: readonly Observation[], sensorId: string, quantity: string): number[] {
  return observations.filter((o) => o.sensorId === sensorId).map((o) => o.values.find((v) => v.quantity === quantity)?.value ?? NaN);
}
const level = (s: Sensor, quantity: string, which: 'warning' | 'alarm'): number => s.thresholds.find((t) => t.quantity === quantity)?.[which] as number;

describe('drills', () => {
  it('rainstorm: every waterlogging point passes its alarm depth, then drains; flooded streets slow; citizens call', async () => {
    const sim = await simulatorUnderTest({ startTimeMs: chinaTime(2026, 7, 20, 14), vehiclesPeak: 0 }, true);
    sim.simulator.start();
    await sim.fire(1);
    const run = sim.simulator.startScenario({ scenario: 'rainstorm' });
    expect(run).toMatchObject({ scenario: 'rainstorm', state: 'running', endsAtMs: run.startedAtMs + 3_600_000 });
    expect(run.assetId).toMatch(/^LWP-/);
    await sim.fire(60);
    const status = sim.simulator.status();
    await sim.simulator.stop();
    expect(status.scenarios[0]).toMatchObject({ runId: run.runId, state: 'finished' });

    const gauges = sensors.filter((s) => s.kind === 'water_level');
    for (const g of gauges) {
      const depths = readings(sim.observations, g.id, 'depth');
      expect(Math.max(...depths), g.id).toBeGreaterThanOrEqual(level(g, 'depth', 'alarm'));
      expect(depths[depths.length - 1], g.id).toBeLessThan(level(g, 'depth', 'warning'));
    }
    const { district } = await committedDistrict();
    const flooded = district.lowPoints[0]?.props.roadEdgeId as string;
    const speeds = sim.ticks.map((t) => t.links.find((l) => l.linkId === flooded)?.speedKmh).filter((v) => v !== undefined);
    expect(Math.min(...speeds)).toBeLessThan(10);
    expect(sim.reports.map((r) => CreateIncidentRequest.parse(r)).filter((r) => r.category === 'waterlogging').length).toBeGreaterThan(0);
  });

  it('gas leak: methane in the well at the chosen valve passes 50 %LEL, and clears once the valve is shut', async () => {
    const detector = sensors.find((s) => s.kind === 'gas_concentration') as Sensor;
    const { run, during, after, reports } = await play({ scenario: 'gas_leak', assetId: detector.asset.id });
    expect(run.assetId).toBe(detector.asset.id);
    const ch4 = readings(during, detector.id, 'ch4');
    expect(Math.max(...ch4)).toBeGreaterThanOrEqual(level(detector, 'ch4', 'alarm'));
    // In alarm mode it reports more often than its ordinary once per ten simulated minutes at 600×.
    expect(ch4.length).toBeGreaterThan(6);
    expect(Math.max(...readings(after, detector.id, 'ch4'))).toBeLessThan(level(detector, 'ch4', 'warning'));
    expect(reports.some((r) => r.category === 'gas_leak' && r.severity === 'high')).toBe(true);
  });

  it('water-main burst: pressure at the main falls past its alarm, its flow jumps past its alarm, the nearest dip floods', async () => {
    const gauge = sensor('SNS-PP-001');
    const meter = sensors.find((s) => s.kind === 'pipe_flow' && s.position.lon === gauge.position.lon && s.position.lat === gauge.position.lat) as Sensor;
    expect(meter).toBeDefined();
    const { during, reports } = await play({ scenario: 'water_main_burst', assetId: gauge.asset.id });
    expect(Math.min(...readings(during, gauge.id, 'pressure'))).toBeLessThanOrEqual(level(gauge, 'pressure', 'alarm'));
    expect(Math.max(...readings(during, meter.id, 'flow'))).toBeGreaterThanOrEqual(level(meter, 'flow', 'alarm'));
    const wet = sensors.filter((s) => s.kind === 'water_level').map((s) => Math.max(...readings(during, s.id, 'depth')) - level(s, 'depth', 'alarm'));
    expect(wet.filter((d) => d >= 0)).toHaveLength(1);
    expect(reports.some((r) => r.category === 'water_main_burst')).toBe(true);
  });

  it('ends a cancelled drill at once: readings return to normal and the status says cancelled', async () => {
    const detector = sensors.find((s) => s.kind === 'gas_concentration') as Sensor;
    const { run, cancelled, status, during } = await play({ scenario: 'gas_leak', assetId: detector.asset.id }, { cancelAfterTicks: 3 });
    expect(cancelled).toMatchObject({ runId: run.runId, state: 'cancelled' });
    expect(cancelled?.endsAtMs).toBeLessThan(run.endsAtMs);
    expect(status.scenarios[0]).toMatchObject({ runId: run.runId, state: 'cancelled' });
    const late = during.filter((o) => Date.parse(o.time) > (cancelled?.endsAtMs ?? 0) + 60_000);
    expect(Math.max(...readings(late, detector.id, 'ch4'))).toBeLessThan(level(detector, 'ch4', 'warning'));
  });

  it('refuses an unknown asset, a second drill of a running kind, unknown runs, and drills while stopped', async () => {
    const sim = await simulatorUnderTest();
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ScenarioError ? error.code : 'other';
      }
      return 'none';
    };
    expect(code(() => sim.simulator.startScenario({ scenario: 'rainstorm' }))).toBe('simulator_stopped');
    sim.simulator.start();
    expect(code(() => sim.simulator.startScenario({ scenario: 'gas_leak', assetId: 'PN-GS-999999' }))).toBe('unknown_asset');
    const run = sim.simulator.startScenario({ scenario: 'gas_leak', assetId: 'SNS-GAS-002' });
    expect(run.assetId).toBe('SNS-GAS-002');
    expect(code(() => sim.simulator.startScenario({ scenario: 'gas_leak' }))).toBe('already_running');
    expect(code(() => sim.simulator.startScenario({ scenario: 'water_main_burst' }))).toBe('none');
    expect(code(() => sim.simulator.cancelScenario('RUN-9999'))).toBe('not_found');
    sim.simulator.cancelScenario(run.runId);
    expect(code(() => sim.simulator.cancelScenario(run.runId))).toBe('not_running');
    await sim.simulator.stop();
  });
});
