/**
 * What the specs read of `window.__pengcheng` (apps/viewer/src/app/debugHook.ts): the camera,
 * the scene's rebuilds and the quality controller's state, without importing the viewer.
 */
export interface PengchengCameraPose {
  readonly longitude: number;
  readonly latitude: number;
  readonly heightM: number;
  readonly headingDeg: number;
  readonly pitchDeg: number;
}

declare global {
  interface Window {
    __pengcheng?: {
      readonly mode: string;
      readonly status: string;
      cameraPose(): PengchengCameraPose | undefined;
      shownTilesets(): number;
      quality(): { readonly adaptive: boolean; readonly level: number; readonly resolutionScale: number; readonly canvasWidth: number; readonly canvasHeight: number } | undefined;
      readonly recoveries: number;
    };
  }
}

/** Metres between two camera positions (flat approximation: exact enough within the district). */
export function metresApart(a: PengchengCameraPose, b: PengchengCameraPose): number {
  const metresPerDegree = 111_195;
  const east = (a.longitude - b.longitude) * metresPerDegree * Math.cos((a.latitude * Math.PI) / 180);
  const north = (a.latitude - b.latitude) * metresPerDegree;
  return Math.hypot(east, north, a.heightM - b.heightM);
}
