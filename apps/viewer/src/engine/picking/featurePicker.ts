import {
  Cesium3DTileFeature,
  Color,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type Cartesian2,
  type Scene,
} from 'cesium';

/** The picked feature's own metadata: property name → value, as the tileset's schema has it. */
export type FeatureProperties = Readonly<Record<string, string | number | boolean | null>>;

export interface PickedFeature {
  /** The catalog id of the tileset the feature belongs to, when known. */
  readonly layerId: string | undefined;
  readonly properties: FeatureProperties;
}

export interface FeaturePicker {
  /** Removes the highlight, as if the user had clicked on nothing. */
  clear(): void;
  dispose(): void;
}

const HIGHLIGHT = Color.fromCssColorString('#ffc53d');
/** How many overlapping objects a click looks through for a feature. */
const DRILL_DEPTH = 6;

function plain(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

function propertiesOf(feature: Cesium3DTileFeature): FeatureProperties {
  const out: Record<string, string | number | boolean | null> = {};
  for (const id of feature.getPropertyIds()) out[id] = plain(feature.getProperty(id));
  return out;
}

/**
 * Click or tap → the 3D Tiles feature under the pointer is highlighted and its metadata
 * reported; a click on nothing clears. Layer ids come from `layerIdOf`, set by whoever added
 * the tileset.
 */
export function createFeaturePicker(
  scene: Scene,
  layerIdOf: (feature: Cesium3DTileFeature) => string | undefined,
  onPick: (picked: PickedFeature | undefined) => void,
): FeaturePicker {
  const handler = new ScreenSpaceEventHandler(scene.canvas);
  let highlighted: { feature: Cesium3DTileFeature; color: Color } | undefined;

  const unhighlight = (): void => {
    if (highlighted) {
      highlighted.feature.color = highlighted.color;
      highlighted = undefined;
    }
  };

  handler.setInputAction((event: { position: Cartesian2 }) => {
    // Labels and markers drawn over a building must not stop a click reaching the building.
    const picked: unknown = scene.drillPick(event.position, DRILL_DEPTH).find((p: unknown) => p instanceof Cesium3DTileFeature);
    unhighlight();
    if (picked instanceof Cesium3DTileFeature) {
      highlighted = { feature: picked, color: Color.clone(picked.color) };
      picked.color = HIGHLIGHT;
      onPick({ layerId: layerIdOf(picked), properties: propertiesOf(picked) });
    } else {
      onPick(undefined);
    }
    scene.requestRender();
  }, ScreenSpaceEventType.LEFT_CLICK);

  return {
    clear() {
      unhighlight();
      scene.requestRender();
    },
    dispose() {
      unhighlight();
      if (!handler.isDestroyed()) handler.destroy();
    },
  };
}
