import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Screenshots for people to look at; ignored by git. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts', import.meta.url));

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}

/** The screens the viewer is made for: the wall, the desk, the portrait kiosk. */
export const SCREEN_SIZES = [
  { name: 'wall', width: 3840, height: 2160 },
  { name: 'desk', width: 1920, height: 1080 },
  { name: 'kiosk', width: 1080, height: 1920 },
] as const;
