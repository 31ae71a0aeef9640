import type { IngestFormat, ParseContext, ParsedItem, Rejection } from '../ingestTypes.js';
import { isNgsiBody, ngsiItems } from './ngsi/ngsiEntity.js';
import { parseNgsiItem } from './ngsi/ngsiLd.js';
import { isPengchengBody, parsePengchengObservation, pengchengItems } from './pengcheng.js';
import { isSensorThingsBody, parseSensorThingsObservation, sensorThingsItems } from './sensorThings.js';

/** The media types ingest reads; `ld` and `geo` (application/ld+json, application/geo+json) mean NGSI-LD. */
export type BodyMediaType = 'json' | 'ld' | 'geo';

export type ParsedBody = { readonly ok: true; readonly format: IngestFormat; readonly items: ParsedItem[] } | ({ readonly ok: false } & Rejection);

interface Format {
  readonly name: IngestFormat;
  readonly matches: (body: unknown) => boolean;
  readonly items: (body: unknown) => unknown[] | undefined;
  readonly parse: (item: unknown, index: number, context: ParseContext) => ParsedItem | ParsedItem[];
}

const PENGCHENG: Format = { name: 'pengcheng', matches: isPengchengBody, items: pengchengItems, parse: parsePengchengObservation };
const NGSI_LD: Format = { name: 'ngsi-ld', matches: isNgsiBody, items: ngsiItems, parse: parseNgsiItem };
const SENSORTHINGS: Format = { name: 'sensorthings', matches: isSensorThingsBody, items: sensorThingsItems, parse: parseSensorThingsObservation };

/**
 * Which format a body is in: NGSI-LD when the media type says so; otherwise by shape, in this
 * order: ours (`observations` or `sensorId` at the top), NGSI entities (`id` and `type`, or GeoJSON
 * Features), SensorThings Observations (`result`, `phenomenonTime`, `resultTime`, `Datastream`
 * or `@iot.id`, or a `{ "value": [...] }` collection). A list is judged by its first element.
 */
export function detectFormat(body: unknown, mediaType: BodyMediaType): Format | undefined {
  if (mediaType !== 'json') return NGSI_LD.matches(body) ? NGSI_LD : undefined;
  return [PENGCHENG, NGSI_LD, SENSORTHINGS].find((format) => format.matches(body));
}

/** Splits a parsed body into items and reads each with its format's parser. Never throws. */
export function parseBody(body: unknown, mediaType: BodyMediaType, context: ParseContext, maxItems: number): ParsedBody {
  const format = detectFormat(body, mediaType);
  if (!format) {
    const expected = mediaType === 'json' ? 'our observations, NGSI-LD entities or SensorThings Observations' : 'NGSI-LD entities';
    return { ok: false, reason: 'unknown_format', message: `The body is not ${expected}; see the ingest documentation for the shapes we take.` };
  }
  const list = format.items(body);
  if (!list) return { ok: false, reason: 'invalid', message: '"observations" must be a list of observations.' };
  if (list.length === 0) return { ok: false, reason: 'invalid', message: 'The body holds no items.' };
  if (list.length > maxItems) return { ok: false, reason: 'payload_too_large', message: `A request may carry at most ${maxItems} items; it had ${list.length}.` };
  return { ok: true, format: format.name, items: list.flatMap((item, index) => format.parse(item, index, context)) };
}
