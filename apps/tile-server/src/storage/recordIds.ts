/** Record kinds whose ids the database assigns from a sequence, and their id prefixes. */
export const ALARM_ID_PREFIX = 'ALM';
export const INCIDENT_ID_PREFIX = 'INC';

/** `ALM-000001` from sequence number 1: six digits at least, more once the sequence outgrows them. */
export function formatRecordId(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(6, '0')}`;
}

/**
 * The sequence number behind an id, or undefined when the id is not one this prefix would format
 * (`ALM-1`, `ALM-0000001` and `INC-000001` are not alarm ids): such an id names no record.
 */
export function parseRecordId(prefix: string, id: string): number | undefined {
  const match = /^([A-Z]+)-(\d{6,15})$/.exec(id);
  if (!match || match[1] !== prefix) return undefined;
  const seq = Number(match[2]);
  return seq > 0 && formatRecordId(prefix, seq) === id ? seq : undefined;
}
