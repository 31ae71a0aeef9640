import {
  Cesium3DTileFeature,
  Color,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type Cartesian2,
  type Cesium3DTile,
  type Cesium3DTileContent,
  type Cesium3DTileset,
  type Scene,
} from 'cesium';

/** The picked feature's own metadata: property name → value, as the tileset's schema has it. */
export type FeatureProperties = Readonly<Record<string, string | number | boolean | null>>;

export interface PickedFeature {
  /** The catalog id of the tileset the feature belongs to, when known. */
  readonly layerId: string | undefined;
  readonly properties: FeatureProperties;
  /**
   * True when the scene picked it and shows it highlighted; a selection made elsewhere (a search
   * result whose tile is not drawn yet, a camera with no 3D feature) has no highlight.
   */
  readonly inScene?: boolean;
}

export interface FeaturePicker {
  /** Removes the highlight, as if the user had clicked on nothing (without reporting it). */
  clear(): void;
  /**
   * Selects the feature whose `id` property is `id` in any tileset, as a click on it would:
   * highlighted in every tile that holds it, reported once, when a tile holding it is first
   * drawn (at once if one is drawn now; later if it comes into view). Replaces any selection.
   */
  selectById(id: string): void;
  dispose(): void;
}

const HIGHLIGHT = Color.fromCssColorString('#ffc53d');
/** How many overlapping objects a click looks through for a feature. */
const DRILL_DEPTH = 6;
/** The metadata property that names a feature across tiles and levels of detail. */
const ID_PROPERTY = 'id';

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

/** A tile's contents, the inner ones of a tile with several (3D Tiles 1.1 `contents`). */
function contentsOf(content: Cesium3DTileContent | undefined, out: Cesium3DTileContent[] = []): Cesium3DTileContent[] {
  if (!content) return out;
  const inner = content.innerContents as Cesium3DTileContent[] | undefined;
  if (inner && inner.length > 0) for (const c of inner) contentsOf(c, out);
  else out.push(content);
  return out;
}

function isDestroyed(content: Cesium3DTileContent): boolean {
  return (content as unknown as { isDestroyed?: () => boolean }).isDestroyed?.() ?? false;
}

/**
 * Click or tap → the 3D Tiles feature under the pointer is highlighted and its metadata
 * reported; a click on nothing clears. A feature with an `id` is highlighted by that id, in
 * every tile and level of detail that holds it, so the highlight survives refinement and
 * re-styling. Layer ids come from `layerIdOf`, set by whoever added the tileset; `tilesets`
 * lists the tilesets to look in for {@link FeaturePicker.selectById}.
 */
export function createFeaturePicker(
  scene: Scene,
  layerIdOf: (feature: Cesium3DTileFeature) => string | undefined,
  onPick: (picked: PickedFeature | undefined) => void,
  tilesets: () => Iterable<Cesium3DTileset> = () => [],
): FeaturePicker {
  const handler = new ScreenSpaceEventHandler(scene.canvas);
  let highlighted: { feature: Cesium3DTileFeature; color: Color } | undefined;

  const unhighlight = (): void => {
    if (highlighted) {
      highlighted.feature.color = highlighted.color;
      highlighted = undefined;
    }
  };

  // Selection by id: the id, whether it was reported yet, and the colours it replaced.
  let selectedId: string | undefined;
  let reported = false;
  const replaced = new Map<Cesium3DTileContent, Map<number, Color>>();
  const idIndex = new WeakMap<Cesium3DTileContent, ReadonlyMap<string, readonly number[]>>();
  const watched = new Map<Cesium3DTileset, () => void>();

  const batchIdsOf = (content: Cesium3DTileContent, id: string): readonly number[] => {
    let index = idIndex.get(content);
    if (!index) {
      const built = new Map<string, number[]>();
      for (let i = 0; i < content.featuresLength; i++) {
        const value = content.getFeature(i).getProperty(ID_PROPERTY) as unknown;
        if (typeof value !== 'string') continue;
        const list = built.get(value);
        if (list) list.push(i);
        else built.set(value, [i]);
      }
      index = built;
      idIndex.set(content, index);
    }
    return index.get(id) ?? [];
  };

  const clearById = (): void => {
    for (const [content, colours] of replaced) {
      if (isDestroyed(content)) continue;
      for (const [batchId, colour] of colours) content.getFeature(batchId).color = colour;
      // A style's colours may have changed meanwhile: let it colour the features again.
      if (content.tileset.style) content.tileset.makeStyleDirty();
    }
    replaced.clear();
    selectedId = undefined;
  };

  // Runs while the frame is drawn, after the style: what is set here shows in the same frame.
  const onTileVisible = (tile: Cesium3DTile): void => {
    const id = selectedId;
    if (id === undefined) return;
    for (const content of contentsOf(tile.content)) {
      const batchIds = batchIdsOf(content, id);
      if (batchIds.length === 0) continue;
      let colours = replaced.get(content);
      if (!colours) {
        colours = new Map();
        replaced.set(content, colours);
      }
      for (const batchId of batchIds) {
        const feature = content.getFeature(batchId);
        // Cesium hands out the feature's own scratch colour: keep a copy, not the object.
        const current = feature.color;
        if (Color.equals(current, HIGHLIGHT)) continue;
        if (!colours.has(batchId)) colours.set(batchId, Color.clone(current));
        feature.color = HIGHLIGHT;
      }
      if (!reported) {
        reported = true;
        const feature = content.getFeature(batchIds[0] as number);
        onPick({ layerId: layerIdOf(feature), properties: propertiesOf(feature), inScene: true });
      }
    }
    // Contents unloaded since are dropped: nothing to restore there.
    for (const content of replaced.keys()) if (isDestroyed(content)) replaced.delete(content);
  };

  /** Listens to tilesets added since the last look; the catalog adds them over time. */
  const watchTilesets = (): void => {
    for (const tileset of tilesets()) {
      if (watched.has(tileset)) continue;
      watched.set(tileset, tileset.tileVisible.addEventListener(onTileVisible));
    }
  };
  const stopWatchingAdded = scene.preRender.addEventListener(() => {
    if (selectedId !== undefined) watchTilesets();
  });

  const selectId = (id: string, alreadyReported: boolean): void => {
    unhighlight();
    clearById();
    selectedId = id;
    reported = alreadyReported;
    watchTilesets();
    scene.requestRender();
  };

  handler.setInputAction((event: { position: Cartesian2 }) => {
    // Labels and markers drawn over a building must not stop a click reaching the building.
    const picked: unknown = scene.drillPick(event.position, DRILL_DEPTH).find((p: unknown) => p instanceof Cesium3DTileFeature);
    unhighlight();
    clearById();
    if (picked instanceof Cesium3DTileFeature) {
      const id = plain(picked.getProperty(ID_PROPERTY));
      if (typeof id === 'string' && id) {
        selectId(id, true);
      } else {
        highlighted = { feature: picked, color: Color.clone(picked.color) };
        picked.color = HIGHLIGHT;
      }
      onPick({ layerId: layerIdOf(picked), properties: propertiesOf(picked), inScene: true });
    } else {
      onPick(undefined);
    }
    scene.requestRender();
  }, ScreenSpaceEventType.LEFT_CLICK);

  return {
    clear() {
      unhighlight();
      clearById();
      scene.requestRender();
    },
    selectById(id) {
      selectId(id, false);
    },
    dispose() {
      unhighlight();
      clearById();
      stopWatchingAdded();
      for (const stop of watched.values()) stop();
      watched.clear();
      if (!handler.isDestroyed()) handler.destroy();
    },
  };
}
