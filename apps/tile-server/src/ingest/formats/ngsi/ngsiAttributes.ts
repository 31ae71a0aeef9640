import { isRecord, own } from '../jsonValue.js';

/** One attribute of an entity, whichever representation it came in. */
export interface NgsiAttribute {
  readonly value: unknown;
  /** UN/CEFACT code (NGSI-LD `unitCode`, NGSI v2 `metadata.unitCode.value`). */
  readonly unitCode?: unknown;
  /** NGSI-LD `observedAt`, NGSI v2 `metadata.dateObserved` / `metadata.TimeInstant`. */
  readonly observedAt?: unknown;
}

function metadataValue(attribute: Record<string, unknown>, name: string): unknown {
  const metadata = own(attribute, 'metadata');
  const entry = isRecord(metadata) ? own(metadata, name) : undefined;
  return isRecord(entry) ? own(entry, 'value') : undefined;
}

/**
 * Reads an attribute in NGSI-LD normalized form (`{type: "Property", value, unitCode, observedAt}`,
 * a Relationship's `object`), NGSI v2 normalized form (`{type: "Number", value, metadata}`) or
 * keyValues (the bare value).
 */
export function readAttribute(raw: unknown): NgsiAttribute {
  if (!isRecord(raw)) return { value: raw };
  if (own(raw, 'type') === 'Relationship' && Object.hasOwn(raw, 'object')) return { value: own(raw, 'object') };
  if (!Object.hasOwn(raw, 'value')) return { value: raw };
  return {
    value: own(raw, 'value'),
    unitCode: own(raw, 'unitCode') ?? metadataValue(raw, 'unitCode'),
    observedAt: own(raw, 'observedAt') ?? metadataValue(raw, 'dateObserved') ?? metadataValue(raw, 'TimeInstant'),
  };
}

/** A text value, including JSON-LD's typed form `{"@type": "DateTime", "@value": "…"}`. */
export function readText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof own(value, '@value') === 'string') return own(value, '@value') as string;
  return undefined;
}

/** A term as written after an expanded IRI's last `/` or `#` (`https://…/AirQualityObserved` → `AirQualityObserved`). */
export function shortName(term: string): string {
  const cut = Math.max(term.lastIndexOf('/'), term.lastIndexOf('#'));
  return cut >= 0 && term.includes('://') ? term.slice(cut + 1) : term;
}

/** The entity's attributes by short name, without the keys every entity has. */
export function attributesOf(entity: Record<string, unknown>): Map<string, unknown> {
  const attributes = new Map<string, unknown>();
  for (const [key, value] of Object.entries(entity)) {
    if (key === 'id' || key === 'type' || key === '@context') continue;
    attributes.set(shortName(key), value);
  }
  return attributes;
}
