import type { IncidentCategory, IncidentSeverity } from '@pengcheng/protocol';
import { rejected, type ParseContext, type ParsedItem } from '../../ingestTypes.js';
import { readGeometry } from '../geoJson.js';
import { parseIsoTime } from '../isoTime.js';
import { describeValue } from '../jsonValue.js';
import type { NgsiEntity } from './ngsiEntity.js';
import { readAttribute, readText } from './ngsiAttributes.js';

/** Alert subcategories that name one of our incident categories outright. */
const BY_SUBCATEGORY = new Map<string, IncidentCategory>([
  ['flood', 'waterlogging'],
  ['floodRisk', 'waterlogging'],
  ['rainfall', 'waterlogging'],
  ['thunderstorms', 'waterlogging'],
  ['airPollution', 'environment'],
  ['waterPollution', 'environment'],
  ['pollenConcentration', 'environment'],
  ['pothole', 'public_facility'],
]);

/** The rest by the Alert's category (traffic, naturalDisaster, weather, environment, health, security, agriculture). */
const BY_CATEGORY = new Map<string, IncidentCategory>([
  ['traffic', 'traffic'],
  ['environment', 'environment'],
]);

const SEVERITIES = new Map<string, IncidentSeverity>([
  ['informational', 'low'],
  ['low', 'low'],
  ['medium', 'medium'],
  ['high', 'high'],
  ['critical', 'critical'],
]);

function text(entity: NgsiEntity, name: string): string | undefined {
  return readText(readAttribute(entity.attributes.get(name)).value);
}

function incidentCategory(category: string, subCategory: string | undefined): IncidentCategory {
  return (subCategory === undefined ? undefined : BY_SUBCATEGORY.get(subCategory)) ?? BY_CATEGORY.get(category) ?? 'other';
}

/**
 * An NGSI-LD `Alert` (FIWARE dataModel.Alert) as an incident: its category and subCategory give
 * ours, its severity maps one to one (`informational` → low), its location is the place (the
 * middle of an area), `alertSource` links a sensor when it names one of ours.
 */
export function parseAlertEntity(entity: NgsiEntity, index: number, context: ParseContext): ParsedItem {
  const category = text(entity, 'category');
  if (category === undefined) return rejected(index, 'invalid', 'An Alert needs a category (traffic, environment, weather, …).');
  const subCategory = text(entity, 'subCategory');
  const severityText = text(entity, 'severity') ?? 'medium';
  const severity = SEVERITIES.get(severityText);
  if (!severity) return rejected(index, 'invalid', `severity must be informational, low, medium, high or critical, not ${describeValue(severityText)}.`);

  const location = entity.attributes.get('location');
  if (location === undefined) return rejected(index, 'invalid', 'An Alert needs a location to become an incident on the map.');
  const place = readGeometry(readAttribute(location).value);
  if (!place.ok) return rejected(index, place.reason, place.message);

  const issued = text(entity, 'dateIssued');
  if (issued === undefined) return rejected(index, 'bad_timestamp', 'An Alert needs its dateIssued.');
  const issuedAt = parseIsoTime(issued, context.zonelessOffsetMinutes);
  if (!issuedAt.ok) return rejected(index, 'bad_timestamp', `dateIssued: ${issuedAt.message}`);

  const description = text(entity, 'description')?.trim();
  const kind = subCategory ? `${category}/${subCategory}` : category;
  const title = (description || `Alert: ${kind}`).slice(0, 200);
  const source = text(entity, 'alertSource');
  const sensor = source === undefined || source.length > 256 ? undefined : context.sensors.resolveExternal(source);
  return {
    kind: 'alert',
    index,
    alert: {
      category: incidentCategory(category, subCategory),
      severity,
      title,
      ...(description ? { description: `${description.slice(0, 3900)}\n(${kind.slice(0, 80)})` } : {}),
      place: place.place,
      linkedSensors: sensor ? [sensor.id] : [],
      linkedAssets: [],
      externalId: entity.id,
      issuedAtMs: issuedAt.timeMs,
    },
  };
}
