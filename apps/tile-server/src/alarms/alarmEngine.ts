import { quantitySpec, type Alarm, type AuditEntry, type Sensor, type StoredObservation, type Threshold } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import { HttpError } from '../http/httpError.js';
import { auditEntry, SYSTEM_ACTOR } from '../incidents/auditEntry.js';
import type { IncidentService } from '../incidents/incidentService.js';
import type { LiveEvents } from '../live/liveEvents.js';
import type { SensorDirectory } from '../sensors/sensorDirectory.js';
import type { AlarmQuery, LiveRepository, NewAlarm } from '../storage/liveRepository.js';
import { DuplicateActiveAlarmError } from '../storage/storageErrors.js';
import { KeyedSerialQueue } from './keyedSerialQueue.js';
import { alarmIncidentTitle, lifelineIncident } from './lifelineIncident.js';
import { levelRank, nextThresholdLevel, thresholdValue } from './thresholdLevel.js';

/** The sensor registry, as far as the engine needs it. */
export type SensorLookup = Pick<SensorDirectory, 'get'>;

export interface AlarmEngineDeps {
  readonly repository: LiveRepository;
  readonly sensors: SensorLookup;
  readonly incidents: Pick<IncidentService, 'createFromAlarm' | 'findOpenForSensor' | 'linkAlarm'>;
  readonly events: LiveEvents;
  readonly logger: Logger;
  readonly now: () => number;
}

/** Conditional writes lost to another writer are re-read and retried this many times. */
const MAX_ATTEMPTS = 5;

type Step = 'done' | 'retry';

function fieldsOf(alarm: Alarm): NewAlarm {
  const { id: _id, version: _version, audit: _audit, ...fields } = alarm;
  return fields;
}

function worse(threshold: Threshold, value: number, than: number): boolean {
  return threshold.direction === 'above' ? value > than : value < than;
}

/**
 * Turns stored current values into alarms: raised at a threshold, escalated and de-escalated
 * between warning and alarm, cleared past the hysteresis band, acknowledged by operators. An
 * alarm-level breach on a lifeline sensor opens (or joins) an incident. Each sensor's values are
 * evaluated one after another, so concurrent batches cannot race on its alarms.
 */
export class AlarmEngine {
  readonly #repository: LiveRepository;
  readonly #sensors: SensorLookup;
  readonly #incidents: AlarmEngineDeps['incidents'];
  readonly #events: LiveEvents;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #queue = new KeyedSerialQueue();
  /** The newest observation time evaluated per sensor: a batch that lost the race to a newer one is skipped. */
  readonly #evaluatedMs = new Map<string, number>();

  constructor({ repository, sensors, incidents, events, logger, now }: AlarmEngineDeps) {
    this.#repository = repository;
    this.#sensors = sensors;
    this.#incidents = incidents;
    this.#events = events;
    this.#logger = logger;
    this.#now = now;
  }

  /** Called by ingest with the observations that became current values. Never rejects: failures are logged. */
  async onStored(observations: readonly StoredObservation[]): Promise<void> {
    await Promise.all(
      observations.map((observation) =>
        this.#queue.run(observation.sensorId, () => this.#evaluate(observation)).catch((err: unknown) => {
          this.#logger.error({ err, sensorId: observation.sensorId }, 'alarm evaluation failed');
        }),
      ),
    );
  }

  /** raised → acknowledged, or a cleared alarm nobody acknowledged; anything else is 409. */
  async acknowledge(id: string, principal: Principal, note?: string): Promise<Alarm> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const alarm = await this.get(id);
      if (!alarm) break;
      if (alarm.acknowledgedAtMs !== undefined) {
        const state = alarm.state === 'cleared' ? 'cleared and was acknowledged' : 'already acknowledged';
        throw new HttpError(409, 'already_acknowledged', `Alarm ${id} is ${state} by ${alarm.acknowledgedBy ?? 'someone'}.`);
      }
      const to = alarm.state === 'cleared' ? 'cleared' : 'acknowledged';
      const write = await this.#repository.updateAlarm(
        id,
        alarm.version,
        (current) => ({ ...fieldsOf(current), state: to, acknowledgedAtMs: this.#now(), acknowledgedBy: principal.subject }),
        this.#audit(principal.subject, 'acknowledge', { from: alarm.state, to, note }),
      );
      if (write.ok) return this.#stored(write.value);
      if (write.reason === 'missing') break;
    }
    const still = await this.get(id);
    if (!still) throw new HttpError(404, 'not_found', `There is no alarm ${id}.`);
    throw new HttpError(409, 'stale_version', `Alarm ${id} keeps changing: try again.`);
  }

  get(id: string): Promise<Alarm | undefined> {
    return this.#repository.getAlarm(id);
  }

  /** Newest first. */
  list(query: AlarmQuery): Promise<Alarm[]> {
    return this.#repository.listAlarms(query);
  }

  async #evaluate(observation: StoredObservation): Promise<void> {
    const sensor = this.#sensors.get(observation.sensorId);
    // A reading flagged as a known fault says nothing about the asset.
    if (!sensor || sensor.thresholds.length === 0 || observation.quality === 'bad') return;
    if (observation.timeMs <= (this.#evaluatedMs.get(sensor.id) ?? -Infinity)) return;
    this.#evaluatedMs.set(sensor.id, observation.timeMs);
    for (const threshold of sensor.thresholds) {
      const value = observation.values[threshold.quantity];
      if (value === undefined) continue;
      await this.#evaluateThreshold(sensor, threshold, value, observation.timeMs);
    }
  }

  async #evaluateThreshold(sensor: Sensor, threshold: Threshold, value: number, timeMs: number): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const active = await this.#repository.activeAlarm(sensor.id, threshold.quantity);
      const step = active ? await this.#advance(sensor, threshold, active, value, timeMs) : await this.#raise(sensor, threshold, value, timeMs);
      if (step === 'done') return;
    }
    this.#logger.warn({ sensorId: sensor.id, quantity: threshold.quantity }, 'alarm kept changing under evaluation; value skipped');
  }

  async #raise(sensor: Sensor, threshold: Threshold, value: number, timeMs: number): Promise<Step> {
    const level = nextThresholdLevel(threshold, 'none', value);
    if (level === 'none') return 'done';
    const limit = thresholdValue(threshold, level) as number;
    const alarm: NewAlarm = { sensorId: sensor.id, quantity: threshold.quantity, level, state: 'raised', threshold: limit, peakValue: value, lastValue: value, raisedAtMs: timeMs };
    let created: Alarm;
    try {
      created = await this.#repository.createAlarm(alarm, this.#audit(SYSTEM_ACTOR, 'raise', { to: level, note: this.#breach(sensor, threshold, value, limit) }));
    } catch (error) {
      // Another server node raised it first: read theirs and carry on from it.
      if (error instanceof DuplicateActiveAlarmError) return 'retry';
      throw error;
    }
    this.#stored(created);
    if (level === 'alarm') await this.#openIncident(sensor, threshold, created);
    return 'done';
  }

  async #advance(sensor: Sensor, threshold: Threshold, active: Alarm, value: number, timeMs: number): Promise<Step> {
    const level = nextThresholdLevel(threshold, active.level, value);
    const peakValue = worse(threshold, value, active.peakValue) ? value : active.peakValue;
    let next: (current: Alarm) => NewAlarm;
    let audit: AuditEntry;
    if (level === 'none') {
      next = (current) => ({ ...fieldsOf(current), state: 'cleared', clearedAtMs: timeMs, lastValue: value });
      audit = this.#audit(SYSTEM_ACTOR, 'clear', { from: active.state, to: 'cleared', note: this.#breach(sensor, threshold, value, active.threshold) });
    } else if (level !== active.level) {
      const rising = levelRank(level) > levelRank(active.level);
      const limit = thresholdValue(threshold, level) ?? active.threshold;
      next = (current) => {
        const fields = { ...fieldsOf(current), level, threshold: limit, peakValue, lastValue: value };
        if (!rising) return fields;
        // A worse breach must be seen again, even if the milder one was acknowledged.
        const { acknowledgedAtMs: _at, acknowledgedBy: _by, ...unacknowledged } = fields;
        return { ...unacknowledged, state: 'raised' };
      };
      audit = this.#audit(SYSTEM_ACTOR, rising ? 'escalate' : 'de-escalate', { from: active.level, to: level, note: this.#breach(sensor, threshold, value, limit) });
    } else if (peakValue !== active.peakValue) {
      next = (current) => ({ ...fieldsOf(current), peakValue, lastValue: value });
      audit = this.#audit(SYSTEM_ACTOR, 'peak', { note: this.#breach(sensor, threshold, value, active.threshold) });
    } else {
      return 'done';
    }
    const write = await this.#repository.updateAlarm(active.id, active.version, next, audit);
    if (!write.ok) return 'retry';
    this.#stored(write.value);
    if (level === 'alarm' && active.level !== 'alarm') await this.#openIncident(sensor, threshold, write.value);
    return 'done';
  }

  /** Opens the alarm's incident, or joins the open one of the same sensor and category. */
  async #openIncident(sensor: Sensor, threshold: Threshold, alarm: Alarm): Promise<void> {
    const lifeline = lifelineIncident(sensor, alarm.quantity);
    if (!lifeline || alarm.incidentId !== undefined) return;
    const open = await this.#incidents.findOpenForSensor(sensor.id, lifeline.category);
    const incident = open
      ? await this.#incidents.linkAlarm(open.id, alarm.id)
      : await this.#incidents.createFromAlarm({ alarm, sensor, ...lifeline, title: alarmIncidentTitle(sensor, alarm, threshold.direction) });
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.get(alarm.id);
      if (!current || current.incidentId !== undefined) return;
      const write = await this.#repository.updateAlarm(
        alarm.id,
        current.version,
        (stored) => ({ ...fieldsOf(stored), incidentId: incident.id }),
        this.#audit(SYSTEM_ACTOR, open ? 'join_incident' : 'open_incident', { to: incident.id }),
      );
      if (write.ok) {
        this.#stored(write.value);
        return;
      }
    }
    this.#logger.warn({ alarmId: alarm.id, incidentId: incident.id }, 'could not record the incident on its alarm');
  }

  #breach(sensor: Sensor, threshold: Threshold, value: number, limit: number): string {
    const unit = quantitySpec(sensor.kind, threshold.quantity)?.unit ?? '';
    return `${threshold.quantity} ${value} ${unit} (threshold ${limit} ${unit}, ${threshold.direction})`;
  }

  #audit(actor: string, action: string, rest: Pick<AuditEntry, 'from' | 'to' | 'note'>): AuditEntry {
    return auditEntry(this.#now(), actor, action, rest);
  }

  #stored(alarm: Alarm): Alarm {
    this.#events.emit('alarm', alarm);
    return alarm;
  }
}
