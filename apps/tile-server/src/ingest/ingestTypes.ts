import type { IncidentCategory, IncidentSeverity, IngestRejectReason, ObservationQuality, Position, Sensor } from '@pengcheng/protocol';

/** What ingest needs of the sensor registry (the `SensorDirectory` of `sensors/`). */
export interface SensorLookup {
  get(id: string): Sensor | undefined;
  /** The sensor another system knows as `externalId` (exact match). */
  resolveExternal(externalId: string): Sensor | undefined;
}

export type IngestFormat = 'pengcheng' | 'ngsi-ld' | 'sensorthings';

export interface Rejection {
  readonly reason: IngestRejectReason;
  readonly message: string;
}

/** One value as a format delivered it; `unit` is UCUM, absent when the format did not say. */
export interface ReadingValue {
  readonly quantity: string;
  readonly value: number;
  readonly unit?: string;
}

/** An observation as a format parser read it, before the checks of `validateReading`. */
export interface Reading {
  readonly sensorId: string;
  readonly timeMs: number;
  readonly values: readonly ReadingValue[];
  readonly quality: ObservationQuality;
  /** What the parser left out (attributes we do not store), for the item's answer. */
  readonly note?: string;
}

/** An incident another system reports (an NGSI-LD `Alert`); the incidents service adds the rest. */
export interface ExternalIncidentInput {
  readonly category: IncidentCategory;
  readonly severity: IncidentSeverity;
  readonly title: string;
  readonly description?: string;
  readonly place: Position;
  readonly linkedSensors: string[];
  readonly linkedAssets: string[];
  /** The sender's id of the alert, so a resent alert can be recognised. */
  readonly externalId: string;
  /** When the sender issued it, epoch milliseconds. */
  readonly issuedAtMs: number;
}

/** One item of a request, as a parser turned it out. Several may share an index (see docs/ingest.md). */
export type ParsedItem =
  | { readonly kind: 'reading'; readonly index: number; readonly reading: Reading }
  | { readonly kind: 'alert'; readonly index: number; readonly alert: ExternalIncidentInput }
  | ({ readonly kind: 'rejected'; readonly index: number } & Rejection);

export interface ParseContext {
  readonly sensors: SensorLookup;
  /** The UTC offset of times that carry none (`+08:00`), in minutes. */
  readonly zonelessOffsetMinutes: number;
}

export function rejected(index: number, reason: IngestRejectReason, message: string): ParsedItem {
  return { kind: 'rejected', index, reason, message };
}
