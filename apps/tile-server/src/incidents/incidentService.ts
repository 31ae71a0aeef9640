import {
  CreateIncidentRequest,
  nextIncidentState,
  type Alarm,
  type AuditEntry,
  Incident,
  type IncidentCategory,
  type IncidentSeverity,
  type IncidentState,
  type Sensor,
  type TransitionIncidentRequest,
  type UpdateIncidentRequest,
} from '@pengcheng/protocol';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { HttpError } from '../http/httpError.js';
import type { LiveEvents } from '../live/liveEvents.js';
import type { IncidentQuery, LiveRepository, NewIncident, VersionedWrite } from '../storage/liveRepository.js';
import { auditEntry, SYSTEM_ACTOR } from './auditEntry.js';
import { parseInput } from './parseInput.js';
import type { Responsibilities } from './responsibilityList.js';

/** What another system (an NGSI-LD `Alert`) reports: an incident request without our source. */
export const ExternalIncidentRequest = CreateIncidentRequest.omit({ source: true }).extend({ externalRef: Incident.shape.externalRef });
export type ExternalIncidentInput = z.input<typeof ExternalIncidentRequest>;

export interface AlarmIncidentInput {
  readonly alarm: Alarm;
  readonly sensor: Sensor;
  readonly category: IncidentCategory;
  readonly severity: IncidentSeverity;
  readonly title: string;
}

export interface IncidentServiceDeps {
  readonly repository: LiveRepository;
  readonly responsibilities: Responsibilities;
  readonly events: LiveEvents;
  readonly now: () => number;
}

/** Incidents still being worked on: a threshold breach that comes back joins one of these. */
export const OPEN_INCIDENT_STATES: readonly IncidentState[] = ['reported', 'dispatched', 'handling'];
/** How many of the newest incidents are searched for one a resent external report already opened. */
const EXTERNAL_DEDUP_SCAN = 1000;
/** How many open incidents are searched for one a re-raised alarm belongs to. */
const OPEN_INCIDENT_SCAN = 1000;
const NOTE_MAX = 2000;
/** A link that keeps losing to other writers is given up after this many tries. */
const MAX_ATTEMPTS = 5;

type Fields = Omit<NewIncident, 'state' | 'areaId' | 'department' | 'linkedAlarms'> & { linkedAlarms?: string[] };

function joinNote(...parts: (string | undefined)[]): string | undefined {
  const text = parts.filter((p) => p !== undefined && p !== '').join(' — ');
  return text === '' ? undefined : text.slice(0, NOTE_MAX);
}

function missing(id: string): HttpError {
  return new HttpError(404, 'not_found', `There is no incident ${id}.`);
}

function stale(id: string): HttpError {
  return new HttpError(409, 'stale_version', `Incident ${id} was changed by someone else: reload it and try again.`);
}

function refused(id: string, write: Extract<VersionedWrite<Incident>, { ok: false }>): HttpError {
  return write.reason === 'missing' ? missing(id) : stale(id);
}

/**
 * The incidents (事件) of the command centre: created by operators, the hotline, cameras, other
 * systems and thresholds; moved through the closed loop (reported → dispatched → handling →
 * resolved → closed) with optimistic concurrency; every write leaves an audit entry and, once
 * stored, an `incident` event.
 */
export class IncidentService {
  readonly #repository: LiveRepository;
  readonly #responsibilities: Responsibilities;
  readonly #events: LiveEvents;
  readonly #now: () => number;

  constructor({ repository, responsibilities, events, now }: IncidentServiceDeps) {
    this.#repository = repository;
    this.#responsibilities = responsibilities;
    this.#events = events;
    this.#now = now;
  }

  /** An incident from an operator, the hotline intake or a camera, with area and department from the list. */
  create(request: CreateIncidentRequest, principal: Principal): Promise<Incident> {
    return this.#create({ ...request }, principal.subject, `by ${request.source}`);
  }

  /**
   * An incident another system reported; `actor` is its data source. Input is checked here. A
   * report it sent before (the same `externalRef` among the recent incidents) is not opened twice.
   */
  async createExternal(input: ExternalIncidentInput, actor: string): Promise<Incident> {
    const request = parseInput(ExternalIncidentRequest, input, 'incident');
    const ref = request.externalRef;
    if (ref) {
      const recent = await this.#repository.listIncidents({ limit: EXTERNAL_DEDUP_SCAN });
      const known = recent.find((incident) => incident.externalRef?.source === ref.source && incident.externalRef.id === ref.id);
      if (known) return known;
    }
    return this.#create({ ...request, source: 'external' }, actor, `reported by ${actor}`);
  }

  /** The incident an alarm on a lifeline sensor opens. */
  createFromAlarm({ alarm, sensor, category, severity, title }: AlarmIncidentInput): Promise<Incident> {
    return this.#create(
      {
        category,
        source: 'threshold',
        severity,
        title,
        place: sensor.position,
        linkedSensors: [sensor.id],
        linkedAssets: [sensor.asset.id],
        linkedAlarms: [alarm.id],
      },
      SYSTEM_ACTOR,
      `alarm ${alarm.id}`,
    );
  }

  /** The open threshold incident of this category on this sensor, if there is one. */
  async findOpenForSensor(sensorId: string, category: IncidentCategory): Promise<Incident | undefined> {
    const open = await this.#repository.listIncidents({ states: OPEN_INCIDENT_STATES, limit: OPEN_INCIDENT_SCAN });
    return open.find((i) => i.source === 'threshold' && i.category === category && i.linkedSensors.includes(sensorId));
  }

  /** Adds an alarm to an incident's links (a breach that came back); retried when someone wrote meanwhile. */
  async linkAlarm(incidentId: string, alarmId: string): Promise<Incident> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.#get(incidentId);
      if (current.linkedAlarms.includes(alarmId)) return current;
      const write = await this.#repository.updateIncident(
        incidentId,
        current.version,
        (stored) => ({ ...this.#fieldsOf(stored), linkedAlarms: [...stored.linkedAlarms, alarmId] }),
        this.#audit(SYSTEM_ACTOR, 'link_alarm', { note: `alarm ${alarmId}` }),
      );
      if (write.ok) return this.#stored(write.value);
      if (write.reason === 'missing') throw missing(incidentId);
    }
    throw stale(incidentId);
  }

  /** Moves an incident along the state machine, from the version the caller read. */
  async transition(id: string, request: TransitionIncidentRequest, principal: Principal): Promise<Incident> {
    const current = await this.#get(id);
    if (current.version !== request.version) throw stale(id);
    const to = nextIncidentState(current.state, request.action);
    if (to === undefined) {
      throw new HttpError(409, 'illegal_transition', `An incident that is ${current.state} cannot take the action ${request.action}.`);
    }
    const department = request.action === 'dispatch' ? (request.department ?? this.#responsibilities.departmentFor(current.category, current.place)) : undefined;
    const write = await this.#repository.updateIncident(
      id,
      request.version,
      (stored) => ({ ...this.#fieldsOf(stored), state: to, ...(department !== undefined ? { department } : {}) }),
      this.#audit(principal.subject, request.action, {
        from: current.state,
        to,
        note: joinNote(department !== undefined ? `department ${department}` : undefined, request.note),
      }),
    );
    if (!write.ok) throw refused(id, write);
    return this.#stored(write.value);
  }

  /** PATCH: assignee, severity, title, description; the state changes only by transitions. */
  async update(id: string, request: UpdateIncidentRequest, principal: Principal): Promise<Incident> {
    const { version, note, ...changes } = request;
    const changed = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (changed.length === 0 && note === undefined) throw new HttpError(400, 'bad_request', 'Nothing to change: send assignee, severity, title, description or a note.');
    const current = await this.#get(id);
    if (current.version !== version) throw stale(id);
    const what = changed.map(([field, value]) => (field === 'assignee' || field === 'severity' ? `${field} ${String(value)}` : field)).join(', ');
    const write = await this.#repository.updateIncident(
      id,
      version,
      (stored) => ({ ...this.#fieldsOf(stored), ...Object.fromEntries(changed) }),
      this.#audit(principal.subject, changed.length === 0 ? 'comment' : 'update', { note: joinNote(what || undefined, note) }),
    );
    if (!write.ok) throw refused(id, write);
    return this.#stored(write.value);
  }

  get(id: string): Promise<Incident | undefined> {
    return this.#repository.getIncident(id);
  }

  /** Newest first. */
  list(query: IncidentQuery): Promise<Incident[]> {
    return this.#repository.listIncidents(query);
  }

  async #create(fields: Fields, actor: string, note: string): Promise<Incident> {
    const area = this.#responsibilities.areaOf(fields.place);
    const incident: NewIncident = {
      ...fields,
      linkedAlarms: fields.linkedAlarms ?? [],
      state: 'reported',
      ...(area ? { areaId: area.id } : {}),
      department: this.#responsibilities.departmentFor(fields.category, fields.place),
    };
    const created = await this.#repository.createIncident(incident, this.#audit(actor, 'create', { to: 'reported', note }));
    return this.#stored(created);
  }

  async #get(id: string): Promise<Incident> {
    const incident = await this.#repository.getIncident(id);
    if (!incident) throw missing(id);
    return incident;
  }

  #fieldsOf(incident: Incident): NewIncident {
    const { id: _id, version: _version, createdAtMs: _created, updatedAtMs: _updated, audit: _audit, ...fields } = incident;
    return fields;
  }

  #audit(actor: string, action: string, rest: Pick<AuditEntry, 'from' | 'to' | 'note'>): AuditEntry {
    return auditEntry(this.#now(), actor, action, rest);
  }

  #stored(incident: Incident): Incident {
    this.#events.emit('incident', incident);
    return incident;
  }
}
