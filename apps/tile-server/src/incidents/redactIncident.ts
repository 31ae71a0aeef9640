import { roleMay, type AuditEntry, type Incident } from '@pengcheng/protocol';
import type { Principal } from '../auth/principal.js';

/** Who acted, in what a public screen shows: the staff, never their names. */
const STAFF = 'staff';

/** An audit trail for a public screen: what happened when, not who did it or what they wrote. */
export function redactAudit(audit: readonly AuditEntry[]): AuditEntry[] {
  return audit.map(({ atMs, action, from, to }) => ({ atMs, actor: STAFF, action, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }));
}

/** A kiosk, or nobody: a screen the public looks at. */
export function isPublicScreen(principal?: Principal): boolean {
  return principal === undefined || principal.role === 'kiosk';
}

/**
 * The incident as this principal may see it. The caller (name, phone) only for roles allowed
 * personal data; a public screen also gets no hotline report's own words (they may name people
 * or homes) and an audit trail that names no one.
 */
export function redactIncident(incident: Incident, principal?: Principal): Incident {
  if (principal && roleMay(principal.role, 'personal-data:read')) return incident;
  const { reporter: _reporter, description, audit, ...rest } = incident;
  if (!isPublicScreen(principal)) return { ...rest, ...(description === undefined ? {} : { description }), audit };
  return { ...rest, ...(description === undefined || incident.source === 'hotline' ? {} : { description }), audit: redactAudit(audit) };
}
