import { Math as CesiumMath, Rectangle } from 'cesium';
import type { GeoRect } from '../drawing/geoRect.js';
import type { SceneContext } from '../sceneContext.js';

export interface UndergroundReport {
  /** 3D tilesets with clipping planes on (the section box), of all the scene has. */
  readonly clippedTilesets: number;
  readonly tilesets: number;
  readonly globeClipped: boolean;
  readonly groundTranslucent: boolean;
  /** Where the ground is translucent, in degrees; undefined for the whole globe. */
  readonly translucentArea: GeoRect | undefined;
}

/** What the scene cuts away and where its ground is see-through, read from Cesium itself (for tests). */
export function readUndergroundReport(context: SceneContext): UndergroundReport {
  let tilesets = 0;
  let clippedTilesets = 0;
  for (const tileset of context.tilesets()) {
    tilesets++;
    if (tileset.clippingPlanes?.enabled && tileset.clippingPlanes.length > 0) clippedTilesets++;
  }
  const { globe } = context.scene;
  const area = globe.translucency.rectangle;
  const degrees = (radians: number): number => CesiumMath.toDegrees(radians);
  return {
    clippedTilesets,
    tilesets,
    globeClipped: Boolean(globe.clippingPlanes?.enabled && globe.clippingPlanes.length > 0),
    groundTranslucent: globe.translucency.enabled,
    translucentArea: Rectangle.equals(area, Rectangle.MAX_VALUE)
      ? undefined
      : { west: degrees(area.west), south: degrees(area.south), east: degrees(area.east), north: degrees(area.north) },
  };
}
