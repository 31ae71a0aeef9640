import { SearchResponse } from '@pengcheng/protocol';

/** Asks the server's search (`GET /api/v1/search`); the answer is checked against the shared schema. */
export async function fetchSearch(query: string, limit: number, signal?: AbortSignal): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  const res = await fetch(`/api/v1/search?${params.toString()}`, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`search request failed: HTTP ${res.status}`);
  const parsed = SearchResponse.safeParse(await res.json());
  if (!parsed.success) throw new Error('search response does not match the protocol');
  return parsed.data;
}
