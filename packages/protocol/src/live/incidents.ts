import { z } from 'zod';
import { AssetId } from '../district/common.js';
import { AuditEntry } from './alarms.js';
import { Position } from './sensors.js';

/** What happened: the city-lifeline categories of the brief (城市生命线), and the other daily kinds. */
export const INCIDENT_CATEGORIES = [
  'gas_leak',
  'water_main_burst',
  'waterlogging',
  'third_party_damage',
  'pipeline_interaction',
  'bridge_risk',
  'road_subsidence',
  'traffic',
  'environment',
  'public_facility',
  'other',
] as const;
export const IncidentCategory = z.enum(INCIDENT_CATEGORIES);
export type IncidentCategory = z.infer<typeof IncidentCategory>;

/** Who reported it: a threshold breach, the 12345/12319 hotline (城市之声), a camera (城市之眼), an operator, another system. */
export const IncidentSource = z.enum(['threshold', 'hotline', 'camera', 'operator', 'external']);
export type IncidentSource = z.infer<typeof IncidentSource>;

export const IncidentSeverity = z.enum(['low', 'medium', 'high', 'critical']);
export type IncidentSeverity = z.infer<typeof IncidentSeverity>;

export const INCIDENT_STATES = ['reported', 'dispatched', 'handling', 'resolved', 'closed'] as const;
export const IncidentState = z.enum(INCIDENT_STATES);
export type IncidentState = z.infer<typeof IncidentState>;

export const IncidentAction = z.enum(['dispatch', 'start', 'resolve', 'close', 'reopen']);
export type IncidentAction = z.infer<typeof IncidentAction>;

/**
 * The closed loop (闭环): every legal edge of the state machine, by action. Anything not listed is
 * refused with 409. `close` from `reported` is for false or duplicate reports; `reopen` sends a
 * resolved incident back to handling (not fixed) and a closed one back to reported.
 */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentAction, Readonly<Partial<Record<IncidentState, IncidentState>>>>> = {
  dispatch: { reported: 'dispatched', dispatched: 'dispatched' },
  start: { dispatched: 'handling' },
  resolve: { handling: 'resolved' },
  close: { reported: 'closed', resolved: 'closed' },
  reopen: { resolved: 'handling', closed: 'reported' },
};

/** The state an action leads to from a state, or undefined when the edge does not exist. */
export function nextIncidentState(from: IncidentState, action: IncidentAction): IncidentState | undefined {
  return INCIDENT_TRANSITIONS[action][from];
}

/** Personal data of a hotline caller: never shown on a kiosk. */
export const Reporter = z.object({
  name: z.string().max(64).optional(),
  phone: z.string().regex(/^\+?[0-9 -]{3,20}$/, { message: 'phone must be digits' }).optional(),
});
export type Reporter = z.infer<typeof Reporter>;

export const Incident = z.object({
  id: AssetId,
  category: IncidentCategory,
  source: IncidentSource,
  severity: IncidentSeverity,
  state: IncidentState,
  title: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  place: Position,
  address: z.string().max(200).optional(),
  /** The responsibility-list area the place lies in. */
  areaId: z.string().max(64).optional(),
  linkedSensors: z.array(AssetId),
  linkedAssets: z.array(AssetId),
  linkedAlarms: z.array(AssetId),
  /** The responsible department (责任单位), by the responsibility list or by an operator. */
  department: z.string().max(64).optional(),
  assignee: z.string().max(64).optional(),
  /** Absent in what a kiosk receives. */
  reporter: Reporter.optional(),
  /** The sender's own id of an incident another system reported, so a resent one is recognised. */
  externalRef: z.object({ source: z.string().min(1).max(64), id: z.string().min(1).max(256) }).optional(),
  createdAtMs: z.number().int(),
  updatedAtMs: z.number().int(),
  /** Optimistic concurrency: a write names the version it read; a stale one gets 409. */
  version: z.number().int().positive(),
  audit: z.array(AuditEntry),
});
export type Incident = z.infer<typeof Incident>;

/** `POST /api/v1/incidents`: operators and hotline intake create incidents. */
export const CreateIncidentRequest = z.object({
  category: IncidentCategory,
  source: z.enum(['hotline', 'camera', 'operator']),
  severity: IncidentSeverity,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(4000).optional(),
  place: Position,
  address: z.string().max(200).optional(),
  linkedSensors: z.array(AssetId).max(100).default([]),
  linkedAssets: z.array(AssetId).max(100).default([]),
  reporter: Reporter.optional(),
});
export type CreateIncidentRequest = z.infer<typeof CreateIncidentRequest>;

/** `POST /api/v1/incidents/{id}/transitions`. */
export const TransitionIncidentRequest = z.object({
  action: IncidentAction,
  version: z.number().int().positive(),
  /** For `dispatch`: the department, else the responsibility list's. */
  department: z.string().trim().min(1).max(64).optional(),
  note: z.string().max(2000).optional(),
});
export type TransitionIncidentRequest = z.infer<typeof TransitionIncidentRequest>;

/** `PATCH /api/v1/incidents/{id}`: assign, re-rate, correct; the state changes only by transitions. */
export const UpdateIncidentRequest = z
  .object({
    version: z.number().int().positive(),
    assignee: z.string().trim().min(1).max(64).optional(),
    severity: IncidentSeverity.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(4000).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();
export type UpdateIncidentRequest = z.infer<typeof UpdateIncidentRequest>;

export const IncidentListResponse = z.object({ incidents: z.array(Incident) });
export type IncidentListResponse = z.infer<typeof IncidentListResponse>;

/** The responsibility list (责任清单): a data file mapping category × area to a department. */
export const ResponsibilityList = z.object({
  areas: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]{1,64}$/),
      name: z.object({ zh: z.string().min(1), en: z.string().optional() }),
      /** A GeoJSON Polygon ring, WGS84, closed. */
      ring: z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])).min(4),
    }),
  ),
  /** First match wins; `area: "*"` matches anywhere, `category: "*"` any category. */
  rules: z.array(z.object({ category: z.union([IncidentCategory, z.literal('*')]), area: z.string().min(1), department: z.string().min(1).max(64) })).min(1),
});
export type ResponsibilityList = z.infer<typeof ResponsibilityList>;
