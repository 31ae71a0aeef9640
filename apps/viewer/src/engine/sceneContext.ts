import type { Cesium3DTileset, CesiumWidget, Scene } from 'cesium';

/** What an add-on of the engine (adaptive quality, recovery, the kiosk's tour) gets of the scene. */
export interface SceneContext {
  readonly widget: CesiumWidget;
  readonly scene: Scene;
  /** The catalog's 3D tilesets in the scene now, shown or not. */
  tilesets(): Iterable<Cesium3DTileset>;
}

/** An add-on attached to a live scene; `dispose` undoes exactly what it did. */
export interface ScenePlugin {
  dispose(): void;
}
