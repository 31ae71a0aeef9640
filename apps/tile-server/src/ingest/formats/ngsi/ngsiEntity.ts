import { isRecord, own } from '../jsonValue.js';
import { attributesOf, readAttribute, shortName } from './ngsiAttributes.js';

/** An entity reduced to what ingest reads: id, short type name, attributes by short name. */
export interface NgsiEntity {
  readonly id: string;
  readonly type: string;
  readonly attributes: ReadonlyMap<string, unknown>;
}

function looksLikeEntity(item: unknown): boolean {
  return isRecord(item) && typeof own(item, 'id') === 'string' && typeof own(item, 'type') === 'string';
}

/** Whether a body is NGSI entities: one, a list, or GeoJSON Features / a FeatureCollection of them. */
export function isNgsiBody(body: unknown): boolean {
  if (Array.isArray(body)) return body.length > 0 && looksLikeEntity(body[0]);
  return looksLikeEntity(body) || (isRecord(body) && own(body, 'type') === 'FeatureCollection');
}

export function ngsiItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body as unknown[];
  if (isRecord(body) && own(body, 'type') === 'FeatureCollection') {
    const features = own(body, 'features');
    return Array.isArray(features) ? (features as unknown[]) : [];
  }
  return [body];
}

/**
 * An entity from its JSON (normalized or keyValues), or from its GeoJSON representation
 * (`{type: "Feature", id, geometry, properties: {type, …}}`, NGSI-LD's `application/geo+json`).
 */
export function readEntity(item: unknown): NgsiEntity | string {
  if (!isRecord(item)) return 'An entity must be an object with an id and a type.';
  const id = own(item, 'id');
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) return 'An entity needs an id (a string of at most 256 characters).';
  let fields = item;
  if (own(item, 'type') === 'Feature') {
    const properties = own(item, 'properties');
    if (!isRecord(properties)) return 'A GeoJSON Feature entity needs its attributes in "properties".';
    const location = Object.hasOwn(properties, 'location') ? own(properties, 'location') : readAttribute(own(item, 'geometry')).value;
    fields = { ...properties, location };
  }
  const type = own(fields, 'type');
  if (typeof type !== 'string' || type.length === 0) return 'An entity needs a type, like "AirQualityObserved".';
  return { id, type: shortName(type), attributes: attributesOf(fields) };
}
