import { INCIDENT_CATEGORIES, type Incident, type IncidentCategory, type Kpis } from '@pengcheng/protocol';
import type { SensorDirectory } from '../sensors/sensorDirectory.js';
import type { LiveState } from './liveState.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The district's key figures from what this node holds; `timeMs` is left to the caller. */
export function computeKpis(state: LiveState, sensors: SensorDirectory, nowMs: number): Omit<Kpis, 'timeMs'> {
  const byCategory: Partial<Record<IncidentCategory, number>> = {};
  const byAge = { underHour: 0, underDay: 0, older: 0 };
  for (const incident of state.incidents.values()) {
    byCategory[incident.category] = (byCategory[incident.category] ?? 0) + 1;
    const age = nowMs - incident.createdAtMs;
    if (age < HOUR_MS) byAge.underHour += 1;
    else if (age < DAY_MS) byAge.underDay += 1;
    else byAge.older += 1;
  }
  const averageHandlingMs = averageHandling(state.incidents.values(), nowMs);
  const ordered = Object.fromEntries(INCIDENT_CATEGORIES.filter((c) => byCategory[c] !== undefined).map((c) => [c, byCategory[c]]));

  const alarms = { warning: 0, alarm: 0 };
  for (const alarm of state.alarms.values()) alarms[alarm.level] += 1;

  let speedSum = 0;
  let congestionSum = 0;
  for (const link of state.links.values()) {
    speedSum += link.speedKmh;
    congestionSum += link.congestion;
  }
  const links = state.links.size;
  const traffic = links === 0 ? null : { averageSpeedKmh: round(speedSum / links), index: round(((congestionSum / links) * 10) / 3), links };

  let parkingFree: number | null = null;
  let aqiSum = 0;
  let aqiCount = 0;
  for (const observation of state.sensors.values()) {
    const kind = sensors.get(observation.sensorId)?.kind;
    const free = observation.values.free;
    if (kind === 'parking_occupancy' && free !== undefined) parkingFree = (parkingFree ?? 0) + Math.max(0, Math.round(free));
    const aqi = observation.values.aqi;
    if (kind === 'air_quality' && aqi !== undefined) {
      aqiSum += aqi;
      aqiCount += 1;
    }
  }
  return {
    incidents: { open: state.incidents.size, byCategory: ordered, byAge, averageHandlingMs },
    alarms,
    traffic,
    parkingFreeSpaces: parkingFree,
    aqi: aqiCount === 0 ? null : round(aqiSum / aqiCount),
  };
}

/**
 * 平均处置时长: the mean time from report (`createdAtMs`) to resolution over the incidents resolved
 * in the last 24 h. A node holds only incidents not yet closed, so this is over those now in
 * `resolved` (handled, awaiting sign-off); once closed an incident leaves the figure. Resolution
 * is the incident's last move to `resolved` in its audit trail (after a reopen, the latest
 * handling counts), else its last update. Whole seconds, so the figure does not churn updates.
 */
function averageHandling(incidents: Iterable<Incident>, nowMs: number): number | null {
  let sum = 0;
  let count = 0;
  for (const incident of incidents) {
    if (incident.state !== 'resolved') continue;
    const resolvedAtMs = incident.audit.findLast((entry) => entry.to === 'resolved')?.atMs ?? incident.updatedAtMs;
    if (nowMs - resolvedAtMs >= DAY_MS) continue;
    sum += Math.max(0, resolvedAtMs - incident.createdAtMs);
    count += 1;
  }
  return count === 0 ? null : Math.round(sum / count / 1000) * 1000;
}

/** Two decimals: finer would push an update for noise no one reads. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
