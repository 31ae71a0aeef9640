import { LocalizedName } from '@pengcheng/protocol';
import { z } from 'zod';

/** A district camera (城市之眼) as the incident panel lists it. */
export interface DistrictCamera {
  readonly id: string;
  readonly name: LocalizedName;
  readonly lon: number;
  readonly lat: number;
}

const Cameras = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      properties: z.object({ id: z.string().min(1), name: LocalizedName }),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)]).rest(z.number()) }),
    }),
  ),
});

/** The district's cameras (`cameras.geojson` beside the overlays' `layers.json`), checked. */
export async function fetchCameras(url: string, signal?: AbortSignal): Promise<DistrictCamera[]> {
  const response = await fetch(url, { signal: signal ?? null, headers: { Accept: 'application/geo+json, application/json' } });
  if (!response.ok) throw new Error(`cameras: HTTP ${response.status} from ${url}`);
  const parsed = Cameras.safeParse(await response.json());
  if (!parsed.success) throw new Error(`cameras: not a collection of camera points (${parsed.error.issues[0]?.path.join('.') ?? 'invalid'})`);
  return parsed.data.features.map(({ properties, geometry }) => ({ id: properties.id, name: properties.name, lon: geometry.coordinates[0], lat: geometry.coordinates[1] }));
}
