import path from 'node:path';
import { REPLAY_HORIZON_MS, type LinkState } from '@pengcheng/protocol';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { computeKpis } from '../hub/kpis.js';
import { LiveState } from '../hub/liveState.js';
import type { LiveEvents } from '../live/liveEvents.js';
import type { SensorDirectory } from '../sensors/sensorDirectory.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import { ChangeIndex, OPEN_INCIDENT_STATES, OPEN_SCAN } from './changeIndex.js';
import { replayRoutes } from './replayRoutes.js';
import { startTrafficRecorder, type TrafficRecorder } from './trafficRecorder.js';
import { TrafficStore } from './trafficStore.js';

export interface ReplayDeps {
  readonly dataDir: string;
  readonly repository: LiveRepository;
  readonly events: LiveEvents;
  readonly sensors: SensorDirectory;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface Replay {
  /** `GET /api/v1/replay`: mounted after `authenticate`. */
  readonly router: Router;
  readonly recorder: TrafficRecorder;
  stop(): Promise<void>;
}

/** Kept a little longer than replay reaches, so a window at the far end finds its first file. */
const RETENTION_MS = REPLAY_HORIZON_MS + 15 * 60_000;

/**
 * Replay's parts: the recorder of traffic and KPIs (files under `DATA_DIR/replay/`), the index
 * of the change log, and the route that reads them with the stored observations.
 */
export function startReplay({ dataDir, repository, events, sensors, logger, now = Date.now }: ReplayDeps): Replay {
  const log = logger.child({ component: 'replay' });
  const traffic = new TrafficStore({ dir: path.join(dataDir, 'replay'), logger: log });
  // The figures as the hub computes them, from the stored state, so they are right on any node.
  const kpisNow = async (links: ReadonlyMap<string, LinkState>) => {
    const [observations, alarms, incidents] = await Promise.all([
      repository.latestObservations(),
      repository.listAlarms({ open: true, limit: OPEN_SCAN }),
      repository.listIncidents({ states: OPEN_INCIDENT_STATES, limit: OPEN_SCAN }),
    ]);
    const state = new LiveState();
    state.applyObservations(observations);
    state.applyLinks([...links.values()]);
    for (const alarm of alarms) state.applyAlarm(alarm);
    for (const incident of incidents) state.applyIncident(incident);
    const timeMs = now();
    return { timeMs, ...computeKpis(state, sensors, timeMs) };
  };
  const recorder = startTrafficRecorder({ events, store: traffic, logger: log, computeKpis: kpisNow, now, retentionMs: RETENTION_MS });
  const changes = new ChangeIndex({ repository, now, horizonMs: RETENTION_MS });
  return {
    router: replayRoutes({ repository, sensors, changes, traffic, now }),
    recorder,
    stop: () => recorder.stop(),
  };
}
