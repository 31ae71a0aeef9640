import { quantitySpec, type Alarm, type IncidentCategory, type IncidentSeverity, type Sensor } from '@pengcheng/protocol';

export interface LifelineIncident {
  readonly category: IncidentCategory;
  readonly severity: IncidentSeverity;
}

/** Pipe ids carry their network (`PIPE-WS-…`, `PN-GS-…`): see assets/source/README.md. */
function pipeNetwork(assetId: string): string | undefined {
  return /^(?:PIPE|PN)-([A-Z]{2})-/.exec(assetId)?.[1];
}

function pipeCategory(sensor: Sensor): IncidentCategory | undefined {
  switch (pipeNetwork(sensor.asset.id)) {
    case 'WS':
      return 'water_main_burst';
    case 'GS':
      return 'gas_leak';
    case 'SD':
      return 'waterlogging';
    default:
      return undefined;
  }
}

function category(sensor: Sensor, quantity: string): IncidentCategory | undefined {
  switch (sensor.kind) {
    case 'water_level':
      return 'waterlogging';
    case 'gas_concentration':
      return 'gas_leak';
    case 'manhole_cover':
      // Combustible gas in a well is a gas hazard; a tilted or lifted cover is a street hazard.
      return quantity === 'gas' ? 'gas_leak' : 'public_facility';
    case 'pipe_pressure':
    case 'pipe_flow':
      return pipeCategory(sensor);
    case 'bridge_strain':
    case 'bridge_tilt':
      return 'bridge_risk';
    default:
      return undefined;
  }
}

/**
 * The incident an alarm-level breach of a city-lifeline sensor (城市生命线) opens, or undefined
 * when the sensor watches nothing of the lifeline (air, noise, parking: those stay alarms).
 */
export function lifelineIncident(sensor: Sensor, quantity: string): LifelineIncident | undefined {
  const found = category(sensor, quantity);
  if (found === undefined) return undefined;
  // A gas leak can explode: it outranks the other lifeline risks.
  return { category: found, severity: found === 'gas_leak' ? 'critical' : 'high' };
}

function format(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** The incident's title as the command centre reads it: where, what, how far past the limit. */
export function alarmIncidentTitle(sensor: Sensor, alarm: Alarm, direction: 'above' | 'below'): string {
  const spec = quantitySpec(sensor.kind, alarm.quantity);
  const unit = spec?.unit === '1' ? '' : (spec?.unit ?? '');
  const what = spec?.name.zh ?? alarm.quantity;
  const relation = direction === 'above' ? '超过' : '低于';
  return `${sensor.name.zh}：${what}${format(alarm.lastValue)}${unit}，${relation}报警值${format(alarm.threshold)}${unit}`.slice(0, 200);
}
