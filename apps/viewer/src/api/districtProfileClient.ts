import { DistrictProfile } from '@pengcheng/protocol';

/** `GET /api/v1/district/profile`, checked against the protocol. */
export async function fetchDistrictProfile(signal?: AbortSignal): Promise<DistrictProfile> {
  const response = await fetch('/api/v1/district/profile', { signal: signal ?? null, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`district profile: HTTP ${response.status}`);
  return DistrictProfile.parse(await response.json());
}
