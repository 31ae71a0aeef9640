import { readCameraPose, type CameraPose } from '../camera/cameraPose.js';
import type { SceneContext, ScenePlugin } from '../sceneContext.js';

/** Why a scene has to be built again. */
export type SceneFailure = 'context-lost' | 'render-error' | 'memory';

export interface SceneWatch extends ScenePlugin {
  /** Where the camera is now, to put the rebuilt scene's camera back there. */
  cameraPose(): CameraPose;
}

/**
 * Tells `onFailure` when the scene can no longer draw: the browser took its WebGL context (a GPU
 * reset, a driver update, too many contexts) or a frame threw, which stops Cesium's render loop
 * for good. Neither comes back by itself; the owner builds a new scene.
 */
export function watchScene(context: SceneContext, onFailure: (failure: SceneFailure) => void): SceneWatch {
  const { scene } = context;
  const canvas = scene.canvas;
  let failed = false;
  const fail = (failure: SceneFailure): void => {
    if (failed) return;
    failed = true;
    onFailure(failure);
  };
  const onLost = (event: Event): void => {
    // Without this the browser would never offer the context back; we build a new one anyway.
    event.preventDefault();
    fail('context-lost');
  };
  canvas.addEventListener('webglcontextlost', onLost);
  const removeRenderError = scene.renderError.addEventListener(() => fail('render-error'));
  let disposed = false;
  return {
    cameraPose: () => readCameraPose(scene.camera),
    dispose() {
      if (disposed) return;
      disposed = true;
      canvas.removeEventListener('webglcontextlost', onLost);
      removeRenderError();
    },
  };
}
