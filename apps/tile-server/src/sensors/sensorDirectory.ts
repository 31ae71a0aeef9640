import type { Sensor } from '@pengcheng/protocol';

/** Ids or external ids that more than one sensor claims. */
export interface SensorDuplicates {
  readonly ids: readonly string[];
  readonly externalIds: readonly string[];
}

function repeated(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}

/** What makes a sensor list ambiguous; both lists empty when it is not. */
export function findDuplicates(sensors: readonly Sensor[]): SensorDuplicates {
  return {
    ids: repeated(sensors.map((sensor) => sensor.id)),
    // A sensor naming the same external id twice is harmless; two sensors sharing one is not.
    externalIds: repeated(sensors.flatMap((sensor) => [...new Set(sensor.externalIds)])),
  };
}

export function describeDuplicates({ ids, externalIds }: SensorDuplicates): string {
  const parts: string[] = [];
  if (ids.length > 0) parts.push(`duplicate sensor ids: ${ids.join(', ')}`);
  if (externalIds.length > 0) parts.push(`external ids claimed by more than one sensor: ${externalIds.join(', ')}`);
  return parts.join('; ');
}

/**
 * The registered sensors in memory, by id and by external id, for ingest and the read routes.
 * Keyed by `Map`, so an id like `__proto__` from the wire is just a key that is not there.
 */
export class SensorDirectory {
  private byId = new Map<string, Sensor>();
  private byExternalId = new Map<string, Sensor>();
  private sensors: readonly Sensor[] = [];

  constructor(sensors: readonly Sensor[] = []) {
    this.replace(sensors);
  }

  get(id: string): Sensor | undefined {
    return this.byId.get(id);
  }

  /** The sensor another system knows as `externalId` (exact match). */
  resolveExternal(externalId: string): Sensor | undefined {
    return this.byExternalId.get(externalId);
  }

  /** Every sensor, in registry order. */
  list(): readonly Sensor[] {
    return this.sensors;
  }

  get size(): number {
    return this.sensors.length;
  }

  /** Swaps the whole registry at once; refuses (and keeps the old one) if ids are ambiguous. */
  replace(sensors: readonly Sensor[]): void {
    const duplicates = findDuplicates(sensors);
    if (duplicates.ids.length > 0 || duplicates.externalIds.length > 0) throw new Error(describeDuplicates(duplicates));
    this.byId = new Map(sensors.map((sensor) => [sensor.id, sensor]));
    this.byExternalId = new Map(sensors.flatMap((sensor) => sensor.externalIds.map((externalId) => [externalId, sensor] as const)));
    this.sensors = [...sensors];
  }
}
