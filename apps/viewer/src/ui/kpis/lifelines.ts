import type { Alarm, AlarmLevel, Sensor, SensorKind } from '@pengcheng/protocol';

/** The city lifelines (城市生命线) the wall reports on, in the order it reads them. */
export const LIFELINES = ['gas', 'waterSupply', 'drainage', 'bridges'] as const;
export type Lifeline = (typeof LIFELINES)[number];

export type LifelineStatus = 'normal' | AlarmLevel;

/** The lifeline each kind of sensor watches; a manhole cover's well gas is the gas network's. */
const KIND_LIFELINES: Partial<Record<SensorKind, Lifeline>> = {
  gas_concentration: 'gas',
  manhole_cover: 'gas',
  pipe_pressure: 'waterSupply',
  pipe_flow: 'waterSupply',
  water_quality: 'waterSupply',
  water_level: 'drainage',
  bridge_strain: 'bridges',
  bridge_tilt: 'bridges',
};

/**
 * Which lifeline an alarm of a sensor kind on a quantity speaks for. A manhole cover reports both
 * its tilt and the combustible gas in its well: only the gas belongs to the gas network.
 */
export function lifelineOf(kind: SensorKind, quantity: string): Lifeline | undefined {
  if (kind === 'manhole_cover' && quantity !== 'gas') return undefined;
  return KIND_LIFELINES[kind];
}

export interface LifelineState {
  readonly lifeline: Lifeline;
  readonly status: LifelineStatus;
  /** Alarms of this lifeline still breaching, by level. */
  readonly warnings: number;
  readonly alarms: number;
  /** The registry's sensors watching it. */
  readonly sensors: number;
}

/**
 * Each lifeline's status: the worst level among the open alarms of its sensors. A cleared alarm
 * waits only for an operator's acknowledgement, the value is back to normal, so it does not
 * count; an alarm of a sensor the registry does not hold cannot be placed and is left out.
 */
export function lifelineStates(alarms: readonly Pick<Alarm, 'sensorId' | 'quantity' | 'level' | 'state'>[], sensors: ReadonlyMap<string, Pick<Sensor, 'kind'>>): LifelineState[] {
  const zero = () => ({ warnings: 0, alarms: 0, sensors: 0 });
  const counts: Record<Lifeline, ReturnType<typeof zero>> = { gas: zero(), waterSupply: zero(), drainage: zero(), bridges: zero() };
  for (const sensor of sensors.values()) {
    const lifeline = KIND_LIFELINES[sensor.kind];
    if (lifeline) counts[lifeline].sensors += 1;
  }
  for (const alarm of alarms) {
    if (alarm.state === 'cleared') continue;
    const kind = sensors.get(alarm.sensorId)?.kind;
    const lifeline = kind === undefined ? undefined : lifelineOf(kind, alarm.quantity);
    if (lifeline === undefined) continue;
    if (alarm.level === 'alarm') counts[lifeline].alarms += 1;
    else counts[lifeline].warnings += 1;
  }
  return LIFELINES.map((lifeline) => {
    const count = counts[lifeline];
    const status: LifelineStatus = count.alarms > 0 ? 'alarm' : count.warnings > 0 ? 'warning' : 'normal';
    return { lifeline, status, ...count };
  });
}
