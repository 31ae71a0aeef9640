import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Screenshots for people to look at; ignored by git. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts', import.meta.url));

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}

/**
 * The screens the viewer is made for: the wall, the desk, the portrait kiosk, as screenshot
 * pixel sizes. The wall is shot as a 4K panel at 200 % scaling (CSS 1920×1080, device scale 2):
 * at device scale 1 a 3840×2160 canvas takes many minutes to load in software WebGL.
 */
export const SCREEN_SIZES = [
  { name: 'wall', width: 1920, height: 1080, deviceScaleFactor: 2 },
  { name: 'desk', width: 1920, height: 1080, deviceScaleFactor: 1 },
  { name: 'kiosk', width: 1080, height: 1920, deviceScaleFactor: 1 },
] as const;

export function screenshotName(prefix: string, size: (typeof SCREEN_SIZES)[number]): string {
  const scale = size.deviceScaleFactor;
  return `${prefix}-${size.name}-${size.width * scale}x${size.height * scale}.png`;
}
