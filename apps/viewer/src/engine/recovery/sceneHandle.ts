import type { AdaptiveQuality } from '../quality/adaptiveQuality.js';
import type { SceneContext } from '../sceneContext.js';
import type { SceneWatch } from './sceneWatch.js';

/**
 * The page's current scene and its add-ons, across rebuilds: the scene a wall runs after a lost
 * context is a new one, and whoever asks (the debug overlay, the test hook) finds it here.
 */
export interface SceneHandle {
  context: SceneContext | undefined;
  quality: AdaptiveQuality | undefined;
  watch: SceneWatch | undefined;
  /** The quality level the last scene had settled on: its successor starts there. */
  lastQualityLevel: number;
  /** Scenes built again after a failure since the page loaded. */
  recoveries: number;
  /** When each rebuild happened (ms since page load), oldest first, for the back-off. */
  readonly recoveryTimes: number[];
}

export function createSceneHandle(): SceneHandle {
  return { context: undefined, quality: undefined, watch: undefined, lastQualityLevel: 0, recoveries: 0, recoveryTimes: [] };
}
