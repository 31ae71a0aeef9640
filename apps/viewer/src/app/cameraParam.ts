import type { CameraPose } from '../engine/camera/cameraPose.js';

const DECIMALS = [6, 6, 1, 1, 1] as const;

/** `camera=lon,lat,height,heading,pitch` (degrees, metres), as a shared link carries it. */
export function parseCameraParam(search: string): CameraPose | undefined {
  const raw = new URLSearchParams(search).get('camera');
  if (!raw) return undefined;
  const parts = raw.split(',');
  if (parts.length !== 5 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p.trim()))) return undefined;
  const [longitude, latitude, heightM, headingDeg, pitchDeg] = parts.map(Number) as [number, number, number, number, number];
  const valid =
    Math.abs(longitude) <= 180 &&
    Math.abs(latitude) <= 90 &&
    heightM >= -1000 &&
    heightM <= 50_000_000 &&
    Math.abs(headingDeg) <= 360 &&
    Math.abs(pitchDeg) <= 90;
  return valid ? { longitude, latitude, heightM, headingDeg, pitchDeg } : undefined;
}

export function formatCameraParam(pose: CameraPose): string {
  return [pose.longitude, pose.latitude, pose.heightM, pose.headingDeg, pose.pitchDeg]
    .map((value, i) => value.toFixed(DECIMALS[i] ?? 1))
    .join(',');
}
