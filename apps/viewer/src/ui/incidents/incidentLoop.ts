import { INCIDENT_STATES, INCIDENT_TRANSITIONS, IncidentAction, type Incident, type IncidentState, type LocalizedName, type TransitionIncidentRequest, type UpdateIncidentRequest } from '@pengcheng/protocol';

/** The closed loop's steps in order: 上报 → 派遣 → 处置 → 办结 → 关闭, one per state. */
export const LOOP_STEPS: readonly IncidentState[] = INCIDENT_STATES;

export type StepStatus = 'done' | 'current' | 'todo';

/** Each step of the loop against the incident's state: those before it done, its own current. */
export function loopSteps(state: IncidentState): { readonly state: IncidentState; readonly status: StepStatus }[] {
  const at = LOOP_STEPS.indexOf(state);
  return LOOP_STEPS.map((step, i) => ({ state: step, status: i < at ? 'done' : i === at ? 'current' : 'todo' }));
}

/** The actions the server accepts from this state, in the loop's order (forward first, reopen last). */
export function allowedActions(state: IncidentState): IncidentAction[] {
  return IncidentAction.options.filter((action) => INCIDENT_TRANSITIONS[action][state] !== undefined);
}

/** What the operator typed beside the buttons. */
export interface ActionForm {
  readonly department: string;
  readonly note: string;
}

/** Resolving (办结) says how it was handled: the button waits for a note. */
export function needsNote(action: IncidentAction): boolean {
  return action === 'resolve';
}

/**
 * The request for an action, from the version the panel shows: blank fields are left out (a
 * dispatch without a department takes the responsibility list's), the department only on dispatch.
 */
export function transitionRequest(action: IncidentAction, version: number, form: ActionForm): TransitionIncidentRequest {
  const department = form.department.trim();
  const note = form.note.trim();
  return {
    action,
    version,
    ...(action === 'dispatch' && department ? { department } : {}),
    ...(note ? { note } : {}),
  };
}

/** The assign request, or undefined while the assignee is blank. */
export function assignRequest(version: number, assignee: string, note: string): UpdateIncidentRequest | undefined {
  const who = assignee.trim();
  if (!who) return undefined;
  const why = note.trim();
  return { version, assignee: who, ...(why ? { note: why } : {}) };
}

/** Newest reported first; the id breaks ties so rows of the same millisecond do not swap between renders. */
export function newestFirst(a: Pick<Incident, 'createdAtMs' | 'id'>, b: Pick<Incident, 'createdAtMs' | 'id'>): number {
  return b.createdAtMs - a.createdAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The rows of the list: the open incidents (closed ones left off), newest first, whatever order they came in. */
export function openIncidents(incidents: readonly Incident[]): Incident[] {
  return incidents.filter((i) => i.state !== 'closed').sort(newestFirst);
}

export interface Camera {
  readonly id: string;
  readonly name: LocalizedName;
  readonly lon: number;
  readonly lat: number;
}

export interface NearbyCamera extends Camera {
  readonly distanceM: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance between two WGS84 points, metres (haversine on the mean Earth radius: well under 1 % off at city scale). */
export function distanceM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The cameras within `radiusM` of the place, nearest first (the id breaks ties), at most `limit`. */
export function nearbyCameras(place: { lon: number; lat: number }, cameras: readonly Camera[], radiusM = 300, limit = 8): NearbyCamera[] {
  return cameras
    .map((camera) => ({ ...camera, distanceM: distanceM(place, camera) }))
    .filter((camera) => camera.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

/** The locale key (under `incidents.errors`) of a refusal's code; unknown codes get the general one. */
export function errorKey(code: string): 'stale_version' | 'illegal_transition' | 'forbidden' | 'unauthorized' | 'other' {
  return code === 'stale_version' || code === 'illegal_transition' || code === 'forbidden' || code === 'unauthorized' ? code : 'other';
}

export interface IncidentCounts {
  readonly total: number;
  /** Awaiting dispatch (待派遣). */
  readonly reported: number;
  /** Dispatched or being handled. */
  readonly inProgress: number;
  readonly critical: number;
}

/** The list header's figures over the open incidents. */
export function countIncidents(incidents: readonly Pick<Incident, 'state' | 'severity'>[]): IncidentCounts {
  let reported = 0;
  let inProgress = 0;
  let critical = 0;
  let total = 0;
  for (const i of incidents) {
    if (i.state === 'closed') continue;
    total++;
    if (i.state === 'reported') reported++;
    if (i.state === 'dispatched' || i.state === 'handling') inProgress++;
    if (i.severity === 'critical') critical++;
  }
  return { total, reported, inProgress, critical };
}
