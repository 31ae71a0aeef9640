import {
  BoxOutlineGeometry,
  Cartesian3,
  ClippingPlaneCollection,
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  Matrix4,
  PerInstanceColorAppearance,
  Primitive,
  type Cesium3DTileset,
  type Scene,
} from 'cesium';
import { setEarthBackdrop } from '../underground/earthBackdrop.js';
import { sectionFrame, sectionHalfSizes, sectionPlanes, type SectionBox } from './sectionBox.js';

const EDGE = Color.fromCssColorString('#37b6ff');

export interface SectionClipping {
  /** Cuts the scene to the box; undefined draws everything again. */
  set(box: SectionBox | undefined): void;
  /** How many tilesets and whether the globe are cut now (for the test hook). */
  report(): { readonly tilesets: number; readonly globe: boolean };
  dispose(): void;
}

/** Cesium keeps this private, but it is the frame a tileset's clipping planes are read in. */
function clippingOrigin(tileset: Cesium3DTileset): Matrix4 {
  return (tileset as Cesium3DTileset & { clippingPlanesOriginMatrix?: Matrix4 }).clippingPlanesOriginMatrix ?? Matrix4.IDENTITY;
}

/**
 * The section box in the scene: every tileset and the globe cut to it (a collection each, as
 * Cesium wants), the cut edges lit, the box's outline drawn. Tilesets added later (a layer by
 * URL, a scene rebuilt) are cut as they come: checked before each frame, a few tilesets at most.
 */
export function createSectionClipping(scene: Scene, tilesets: () => Iterable<Cesium3DTileset>): SectionClipping {
  let box: SectionBox | undefined;
  let frame = Matrix4.IDENTITY;
  let outline: Primitive | undefined;
  const owned = new WeakMap<Cesium3DTileset, ClippingPlaneCollection>();

  const collection = (modelMatrix: Matrix4, current: SectionBox): ClippingPlaneCollection =>
    new ClippingPlaneCollection({ planes: sectionPlanes(current), modelMatrix, unionClippingRegions: true, edgeColor: EDGE, edgeWidth: 1.5 });

  /** Takes our planes off a tileset; planes someone else gave it stay. */
  const uncut = (tileset: Cesium3DTileset): void => {
    if (!tileset.isDestroyed() && owned.has(tileset) && tileset.clippingPlanes === owned.get(tileset)) tileset.clippingPlanes = undefined as unknown as ClippingPlaneCollection;
    owned.delete(tileset);
  };

  const cutTileset = (tileset: Cesium3DTileset): boolean => {
    if (tileset.isDestroyed() || !box) return false;
    if (tileset.clippingPlanes && tileset.clippingPlanes === owned.get(tileset)) return false;
    // Planes given in the box's frame; Cesium reads them in the tileset's origin frame.
    const modelMatrix = Matrix4.multiply(Matrix4.inverseTransformation(clippingOrigin(tileset), new Matrix4()), frame, new Matrix4());
    const planes = collection(modelMatrix, box);
    tileset.clippingPlanes = planes;
    owned.set(tileset, planes);
    return true;
  };

  const removeOutline = (): void => {
    if (outline && !outline.isDestroyed()) scene.primitives.remove(outline);
    outline = undefined;
  };

  const drawOutline = (current: SectionBox): void => {
    const { halfEastM, halfNorthM } = sectionHalfSizes(current);
    const height = current.topM - current.bottomM;
    outline = scene.primitives.add(
      new Primitive({
        geometryInstances: new GeometryInstance({
          geometry: BoxOutlineGeometry.fromDimensions({ dimensions: new Cartesian3(2 * halfEastM, 2 * halfNorthM, height) }),
          // The geometry is centred on its origin: lift it to the middle of the box's heights.
          modelMatrix: Matrix4.multiplyByTranslation(frame, new Cartesian3(0, 0, current.bottomM + height / 2), new Matrix4()),
          attributes: { color: ColorGeometryInstanceAttribute.fromColor(EDGE) },
        }),
        appearance: new PerInstanceColorAppearance({ flat: true, translucent: false }),
        asynchronous: false,
      }),
    ) as Primitive;
  };

  const cutNewTilesets = (): void => {
    if (!box) return;
    let changed = false;
    for (const tileset of tilesets()) changed = cutTileset(tileset) || changed;
    if (changed) scene.requestRender();
  };
  const offPreRender = scene.preRender.addEventListener(cutNewTilesets);

  return {
    set(next) {
      box = next;
      removeOutline();
      // New planes for everything: a tileset keeps the collection it was given until replaced.
      for (const tileset of tilesets()) uncut(tileset);
      if (next) {
        frame = sectionFrame(next);
        scene.globe.clippingPlanes = collection(frame, next);
        drawOutline(next);
        for (const tileset of tilesets()) cutTileset(tileset);
      } else {
        scene.globe.clippingPlanes = undefined as unknown as ClippingPlaneCollection;
      }
      setEarthBackdrop(scene, 'section', next !== undefined);
      scene.requestRender();
    },
    report() {
      let cut = 0;
      for (const tileset of tilesets()) if (!tileset.isDestroyed() && tileset.clippingPlanes?.enabled && owned.get(tileset) === tileset.clippingPlanes) cut++;
      return { tilesets: cut, globe: Boolean(scene.globe.clippingPlanes?.enabled) };
    },
    dispose() {
      offPreRender();
      if (!scene.isDestroyed()) {
        box = undefined;
        removeOutline();
      }
    },
  };
}
