import type { IngestItemResult, IngestResponse, StoredObservation } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import type { LiveEvents } from '../live/liveEvents.js';
import type { LiveRepository, ObservationOutcome } from '../storage/liveRepository.js';
import { createGroupCommit } from './groupCommit.js';
import type { IngestMetrics } from './ingestMetrics.js';
import type { ExternalIncidentInput, IngestFormat, ParsedItem, SensorLookup } from './ingestTypes.js';
import { checkObservationTime } from './observationTime.js';
import { validateReading } from './validateReading.js';

/** Opens an incident another system reported (the incidents service's `createExternal`). */
export type CreateExternalIncident = (input: ExternalIncidentInput, actor: string) => Promise<{ readonly id: string }>;

export interface IngestServiceDeps {
  readonly repository: Pick<LiveRepository, 'insertObservations'>;
  readonly sensors: SensorLookup;
  readonly events: LiveEvents;
  /** Runs after each write with the observations that became current values (the alarm engine). */
  readonly onStored: (observations: readonly StoredObservation[]) => Promise<void>;
  readonly createExternalIncident: CreateExternalIncident;
  readonly metrics: IngestMetrics;
  readonly logger: Logger;
  readonly now: () => number;
  /** How far ahead of the server's clock an observation may be stamped (INGEST_FUTURE_SKEW_S). */
  readonly futureSkewMs: number;
  /** Items merged into one write at most (concurrent requests share a transaction). */
  readonly maxBatchItems?: number;
}

export interface IngestService {
  /** Checks, stores and answers for one request's or message's items; `source` is recorded with each observation. */
  ingest(items: readonly ParsedItem[], source: string, format: IngestFormat): Promise<IngestResponse>;
}

export function createIngestService(deps: IngestServiceDeps): IngestService {
  const { sensors, events, onStored, createExternalIncident, metrics, logger, now, futureSkewMs } = deps;
  const write = createGroupCommit<StoredObservation, ObservationOutcome>((batch) => deps.repository.insertObservations(batch), deps.maxBatchItems ?? 5000);

  /** After the write: alarms first, so that an acknowledgement means its alarm is raised too. */
  const afterStore = async (stored: StoredObservation[]): Promise<void> => {
    if (stored.length === 0) return;
    try {
      await onStored(stored);
    } catch (error) {
      metrics.hookFailed();
      logger.error({ err: error, observations: stored.length }, 'threshold evaluation failed after storing observations');
    }
  };

  return {
    async ingest(items, source, format) {
      const nowMs = now();
      const results: IngestItemResult[] = new Array<IngestItemResult>(items.length);
      const toStore: { position: number; index: number; observation: StoredObservation; note?: string }[] = [];
      const alerts: { position: number; index: number; alert: ExternalIncidentInput }[] = [];

      items.forEach((item, position) => {
        if (item.kind === 'rejected') {
          results[position] = { index: item.index, status: 'rejected', reason: item.reason, message: item.message };
        } else if (item.kind === 'alert') {
          const refusal = checkObservationTime(item.alert.issuedAtMs, nowMs, futureSkewMs);
          if (refusal) results[position] = { index: item.index, status: 'rejected', ...refusal };
          else alerts.push({ position, index: item.index, alert: item.alert });
        } else {
          const checked = validateReading(item.reading, { sensors, nowMs, futureSkewMs });
          if (!checked.ok) results[position] = { index: item.index, status: 'rejected', reason: checked.reason, message: checked.message };
          else {
            const observation = { ...checked.observation, source, receivedAtMs: nowMs };
            toStore.push({ position, index: item.index, observation, ...(item.reading.note ? { note: item.reading.note } : {}) });
          }
        }
      });

      if (toStore.length > 0) events.emit('readings', toStore.map((entry) => entry.observation));
      const outcomes = toStore.length > 0 ? await write(toStore.map((entry) => entry.observation)) : [];
      const stored: StoredObservation[] = [];
      toStore.forEach(({ position, index, observation, note }, i) => {
        const status = outcomes[i];
        if (status === undefined) throw new Error(`the repository answered ${outcomes.length} outcomes for ${toStore.length} observations`);
        if (status === 'stored') stored.push(observation);
        results[position] = { index, status, sensorId: observation.sensorId, ...(note ? { message: note } : {}) };
      });
      await afterStore(stored);

      const incidents: string[] = [];
      for (const { position, index, alert } of alerts) {
        const incident = await createExternalIncident(alert, source);
        incidents.push(incident.id);
        results[position] = { index, status: 'incident', incidentId: incident.id };
      }

      const count = (status: IngestItemResult['status']) => results.filter((result) => result.status === status).length;
      const response: IngestResponse = {
        format,
        stored: count('stored'),
        history: count('history'),
        duplicates: count('duplicate'),
        rejected: count('rejected'),
        incidents,
        items: results,
      };
      metrics.items(format, 'stored', response.stored);
      metrics.items(format, 'history', response.history);
      metrics.items(format, 'duplicate', response.duplicates);
      metrics.items(format, 'incident', incidents.length);
      metrics.items(format, 'rejected', response.rejected);
      for (const result of results) if (result.status === 'rejected') metrics.rejected(result.reason);
      return response;
    },
  };
}
