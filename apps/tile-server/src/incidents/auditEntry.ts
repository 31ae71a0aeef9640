import type { AuditEntry } from '@pengcheng/protocol';

/** The actor of thresholds, dispatch by the list and other writes nobody made by hand. */
export const SYSTEM_ACTOR = 'system';

/** An audit entry (who, when, what, why) without the keys that have no value. */
export function auditEntry(atMs: number, actor: string, action: string, rest: Pick<AuditEntry, 'from' | 'to' | 'note'> = {}): AuditEntry {
  const entry: AuditEntry = { atMs, actor, action };
  if (rest.from !== undefined) entry.from = rest.from;
  if (rest.to !== undefined) entry.to = rest.to;
  if (rest.note !== undefined) entry.note = rest.note;
  return entry;
}
