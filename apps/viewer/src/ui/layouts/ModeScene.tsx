import { useCallback, useEffect, useRef, useState } from 'react';
import type { CameraPose } from '../../engine/camera/cameraPose.js';
import type { OrbitView } from '../../engine/camera/initialView.js';
import { createAdaptiveQuality } from '../../engine/quality/adaptiveQuality.js';
import { recoveryDelayMs, underMemoryPressure } from '../../engine/recovery/recoveryPolicy.js';
import type { SceneHandle } from '../../engine/recovery/sceneHandle.js';
import { watchScene, type SceneFailure } from '../../engine/recovery/sceneWatch.js';
import type { SceneEngine } from '../../engine/sceneEngine.js';
import { SceneView } from '../SceneView.js';
import type { ModeSettings } from './modeSettings.js';
import './ModeScene.css';

export interface ModeSceneProps {
  readonly settings: ModeSettings;
  readonly handle: SceneHandle;
  /** The mode's own start framing (a portrait kiosk, a wide wall). */
  readonly initialView?: OrbitView;
  /** The layout's own add-ons for each engine (the kiosk's tour); undone before it is disposed. */
  readonly onEngine?: (engine: SceneEngine) => () => void;
}

/**
 * The scene of every mode, with what keeps it running: adaptive quality, and a rebuild when the
 * WebGL context is lost, a frame throws or memory runs out. A rebuilt scene is a new SceneView
 * (a new key): it starts at the camera the old one had, and the store brings back its layers.
 */
export function ModeScene({ settings, handle, initialView, onEngine }: ModeSceneProps) {
  const [generation, setGeneration] = useState(0);
  const [camera, setCamera] = useState<CameraPose | undefined>(undefined);
  const pendingRebuild = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pendingRebuild.current), []);

  const rebuild = useCallback(
    (pose: CameraPose | undefined, failure: SceneFailure) => {
      if (pendingRebuild.current !== undefined) return;
      const delay = recoveryDelayMs(handle.recoveryTimes, performance.now());
      console.warn(`scene failed (${failure}): building it again in ${delay} ms`);
      pendingRebuild.current = setTimeout(() => {
        pendingRebuild.current = undefined;
        handle.recoveries++;
        handle.recoveryTimes.push(performance.now());
        setCamera(pose);
        setGeneration((g) => g + 1);
      }, delay);
    },
    [handle],
  );

  const attach = useCallback(
    (engine: SceneEngine) => {
      const watch = engine.attach((context) => {
        handle.context = context;
        return watchScene(context, (failure) => rebuild(handle.watch?.cameraPose(), failure));
      });
      const quality = engine.attach((context) =>
        createAdaptiveQuality(context, {
          initialLevel: handle.lastQualityLevel,
          adaptive: settings.adaptiveQuality,
          // The wall is designed for its panel's own pixels (a 4K panel at 200 % scaling).
          devicePixels: settings.mode === 'wall',
          onReport: (report) => {
            if (underMemoryPressure(report.jsHeapBytes, report.jsHeapLimitBytes)) rebuild(handle.watch?.cameraPose(), 'memory');
          },
        }),
      );
      handle.watch = watch;
      handle.quality = quality;
      const undoLayout = onEngine?.(engine);
      return () => {
        undoLayout?.();
        if (quality) handle.lastQualityLevel = quality.report().level;
        if (handle.watch === watch) {
          handle.watch = undefined;
          handle.quality = undefined;
          handle.context = undefined;
        }
      };
    },
    [handle, onEngine, rebuild, settings.adaptiveQuality, settings.mode],
  );

  return (
    <div className="mode-scene" data-recoveries={handle.recoveries} data-generation={generation}>
      <SceneView key={generation} onEngine={attach} {...(initialView ? { initialView } : {})} {...(camera ? { initialCamera: camera } : {})} />
    </div>
  );
}
