import type { BodyMediaType } from './formats/parseBody.js';

const MEDIA_TYPES: Readonly<Record<string, BodyMediaType>> = {
  'application/json': 'json',
  'application/ld+json': 'ld',
  'application/geo+json': 'geo',
};

/**
 * The ingest media type a `Content-Type` header names, or undefined when it is none of JSON,
 * JSON-LD and GeoJSON or declares a charset other than UTF-8 (JSON is UTF-8, RFC 8259).
 */
export function ingestMediaType(header: string | undefined): BodyMediaType | undefined {
  if (header === undefined) return undefined;
  const [type = '', ...parameters] = header.split(';');
  const mediaType = type.trim().toLowerCase();
  if (!Object.hasOwn(MEDIA_TYPES, mediaType)) return undefined;
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = value.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return undefined;
  }
  return MEDIA_TYPES[mediaType];
}
