import { roleMay, type Incident } from '@pengcheng/protocol';
import type { Principal } from '../auth/principal.js';

/**
 * The incident as this principal may see it: a caller's name and phone (the reporter) only for
 * roles allowed personal data; kiosks and anonymous readers get the incident without them.
 */
export function redactIncident(incident: Incident, principal?: Principal): Incident {
  if (principal && roleMay(principal.role, 'personal-data:read')) return incident;
  if (incident.reporter === undefined) return incident;
  const { reporter: _reporter, ...rest } = incident;
  return rest;
}
