import type { ScenarioId, ScenarioRun, Sensor, StartScenarioRequest } from '@pengcheng/protocol';
import type { LonLat } from '../polyline.js';
import type { SensorEffects } from '../sensors/sensorDevice.js';
import type { SimDistrict } from '../simDistrict.js';
import type { SimRandom } from '../simRandom.js';
import type { RoadLink } from '../traffic/roadGraph.js';
import { gasLeak } from './gasLeak.js';
import { rainstorm } from './rainstorm.js';
import type { HotlineCue, ScenarioContext, ScenarioScript } from './scenarioScript.js';
import { waterMainBurst } from './waterMainBurst.js';

const SCRIPTS: Readonly<Record<ScenarioId, (ctx: ScenarioContext) => ScenarioScript>> = { rainstorm, gas_leak: gasLeak, water_main_burst: waterMainBurst };

/** Ended runs kept for the status. */
const HISTORY = 20;

export type ScenarioErrorCode = 'unknown_asset' | 'already_running' | 'not_found' | 'not_running' | 'simulator_stopped';

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly code: ScenarioErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface Active {
  run: ScenarioRun;
  readonly script: ScenarioScript;
}

export interface ScenarioPlayerOptions {
  readonly sensors: readonly Sensor[];
  readonly district: SimDistrict;
  readonly random: SimRandom;
}

/**
 * The drills (事前演练) being played: starts and cancels them, ends them on time, and adds up what
 * the running ones do to sensors, weather, roads and the hotline. One run per scenario at a time.
 */
export class ScenarioPlayer implements SensorEffects {
  private readonly active: Active[] = [];
  private readonly ended: ScenarioRun[] = [];
  private readonly sensorsById: ReadonlyMap<string, Sensor>;
  private runs = 0;

  constructor(private readonly options: ScenarioPlayerOptions) {
    this.sensorsById = new Map(options.sensors.map((s) => [s.id, s]));
  }

  /** A known asset's place; a sensor id stands for where the sensor is. */
  private positionOf = (assetId: string): LonLat | undefined => {
    const sensor = this.sensorsById.get(assetId);
    return sensor ? [sensor.position.lon, sensor.position.lat] : this.options.district.assetPositions.get(assetId);
  };

  start(request: StartScenarioRequest, nowMs: number): ScenarioRun {
    if (request.assetId !== undefined && !this.positionOf(request.assetId)) throw new ScenarioError('unknown_asset', `There is no asset or sensor ${request.assetId} in the district.`);
    const running = this.active.find((a) => a.run.scenario === request.scenario);
    if (running) throw new ScenarioError('already_running', `A ${request.scenario} drill is already running (${running.run.runId}).`);
    this.runs++;
    const script = SCRIPTS[request.scenario]({
      sensors: this.options.sensors,
      district: this.options.district,
      random: this.options.random.fork(`run-${this.runs}`),
      assetId: request.assetId,
      positionOf: this.positionOf,
    });
    const run: ScenarioRun = {
      runId: `RUN-${String(this.runs).padStart(4, '0')}`,
      scenario: request.scenario,
      assetId: script.assetId,
      startedAtMs: nowMs,
      endsAtMs: nowMs + script.durationMs,
      state: 'running',
    };
    this.active.push({ run, script });
    return run;
  }

  cancel(runId: string, nowMs: number): ScenarioRun {
    const i = this.active.findIndex((a) => a.run.runId === runId);
    if (i < 0) {
      if (this.ended.some((r) => r.runId === runId)) throw new ScenarioError('not_running', `The drill ${runId} has already ended.`);
      throw new ScenarioError('not_found', `There is no drill ${runId}.`);
    }
    return this.end(i, 'cancelled', nowMs);
  }

  /** Ends the runs whose time is up. */
  update(nowMs: number): void {
    for (let i = this.active.length - 1; i >= 0; i--) if ((this.active[i] as Active).run.endsAtMs <= nowMs) this.end(i, 'finished', nowMs);
  }

  /** Running drills first, then the latest ended ones. */
  list(): ScenarioRun[] {
    return [...this.active.map((a) => a.run), ...this.ended];
  }

  affects(sensorId: string): boolean {
    return this.active.some((a) => a.script.sensorIds.has(sensorId));
  }

  adjust(sensor: Sensor, values: Record<string, number>, timeMs: number): void {
    for (const a of this.active) if (a.script.sensorIds.has(sensor.id) && timeMs >= a.run.startedAtMs) a.script.adjust(sensor, values, timeMs - a.run.startedAtMs);
  }

  rain(timeMs: number): number {
    return Math.max(0, ...this.active.map((a) => a.script.rain(timeMs - a.run.startedAtMs)));
  }

  linkSpeed(link: RoadLink, timeMs: number): number {
    let factor = 1;
    for (const a of this.active) factor *= a.script.linkSpeed(link, timeMs - a.run.startedAtMs);
    return factor;
  }

  /** What citizens are calling about, by run. */
  hotlineCues(timeMs: number): (HotlineCue & { readonly runId: string })[] {
    return this.active.flatMap((a) => {
      const cue = a.script.hotline(timeMs - a.run.startedAtMs);
      return cue ? [{ ...cue, runId: a.run.runId }] : [];
    });
  }

  private end(index: number, state: 'finished' | 'cancelled', nowMs: number): ScenarioRun {
    const [a] = this.active.splice(index, 1) as [Active];
    const run: ScenarioRun = { ...a.run, state, endsAtMs: state === 'cancelled' ? Math.min(a.run.endsAtMs, nowMs) : a.run.endsAtMs };
    this.ended.unshift(run);
    this.ended.length = Math.min(this.ended.length, HISTORY);
    return run;
  }
}
