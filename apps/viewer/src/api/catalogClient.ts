import { CatalogResponse, type CatalogEntry } from '@pengcheng/protocol';

/** Reads the server's tileset catalog; the response is checked against the shared schema. */
export async function fetchCatalog(signal?: AbortSignal): Promise<CatalogEntry[]> {
  const res = await fetch('/api/v1/tilesets', { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`catalog request failed: HTTP ${res.status}`);
  const parsed = CatalogResponse.safeParse(await res.json());
  if (!parsed.success) throw new Error('catalog response does not match the protocol');
  return parsed.data.tilesets;
}
