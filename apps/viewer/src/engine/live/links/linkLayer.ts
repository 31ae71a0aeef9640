import type { LinkState } from '@pengcheng/protocol';
import {
  ArcType,
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  PolylineColorAppearance,
  PolylineGeometry,
  Primitive,
  type Scene,
} from 'cesium';
import { LinkLevels, prepareNetwork, type LinkLine } from './linkNetwork.js';
import { CONGESTION_COLOURS, CONGESTION_LEVELS, NO_DATA_ALPHA, NO_DATA_COLOUR, linkWidthPx, type Congestion } from './linkPalette.js';

export interface LinkLayerOptions {
  /** Height of the lines above the ellipsoid, metres (default 1: over the imagery and the heatmap). */
  readonly heightM?: number;
  /** Width of a two-lane road, CSS pixels (default: a sixth of the page's rem, at least 3). */
  readonly widthPx?: number;
  readonly show?: boolean;
}

export interface LinkLayerStats {
  /** Links drawn. */
  readonly links: number;
  /** Links with a state (the others are faint grey). */
  readonly coloured: number;
  /** Lines of the last network that could not be drawn (repeated id, or degenerate). */
  readonly skipped: number;
}

export interface LinkLayer {
  /** Replaces the network: every link starts without a state. */
  setNetwork(lines: readonly LinkLine[]): void;
  /** Recolours the links whose level changed; geometry is left as it is. */
  applyStates(states: Iterable<LinkState>): void;
  /** Forgets every state: all links go back to no data. */
  clear(): void;
  show: boolean;
  /** The link id a `scene.pick` result is, if it is one of this layer's lines. */
  linkIdOf(picked: unknown): string | undefined;
  readonly stats: LinkLayerStats;
  dispose(): void;
}

const LEVEL_VALUES = CONGESTION_LEVELS.map((level) =>
  ColorGeometryInstanceAttribute.toValue(Color.fromCssColorString(CONGESTION_COLOURS[level])),
);
const NO_DATA = Color.fromCssColorString(NO_DATA_COLOUR).withAlpha(NO_DATA_ALPHA);
const NO_DATA_VALUE = ColorGeometryInstanceAttribute.toValue(NO_DATA);

const valueOf = (level: Congestion | undefined) => (level === undefined ? NO_DATA_VALUE : (LEVEL_VALUES[level] ?? NO_DATA_VALUE));

/**
 * Road links coloured by congestion: the whole network is one Primitive of polyline instances,
 * each with a per-instance colour attribute. A new state rewrites only that instance's colour
 * in the primitive's batch table, so hundreds of links change colour without a geometry rebuild.
 */
export function createLinkLayer(scene: Scene, options: LinkLayerOptions = {}): LinkLayer {
  const heightM = options.heightM ?? 1;
  const rem = Number.parseFloat(getComputedStyle(scene.canvas).fontSize) || 16;
  const basePx = options.widthPx ?? Math.max(3, Math.round(rem / 6));
  let show = options.show ?? true;
  let primitive: Primitive | undefined;
  let levels = new LinkLevels(new Set());
  let links = 0;
  let skipped = 0;
  // Links whose colour is still to be written: attributes can only be set once the primitive
  // is ready, which happens during a render.
  const pending = new Set<string>();

  const flush = () => {
    if (!primitive?.ready || pending.size === 0) return;
    for (const id of pending) {
      const attributes = primitive.getGeometryInstanceAttributes(id) as { color?: Uint8Array } | undefined;
      if (attributes) attributes.color = valueOf(levels.levelOf(id));
    }
    pending.clear();
    scene.requestRender();
  };
  const removePostRender = scene.postRender.addEventListener(flush);

  const removePrimitive = () => {
    if (primitive && !primitive.isDestroyed()) scene.primitives.remove(primitive);
    primitive = undefined;
  };

  return {
    setNetwork(lines) {
      removePrimitive();
      pending.clear();
      const network = prepareNetwork(lines);
      links = network.links.length;
      skipped = network.skipped.length;
      levels = new LinkLevels(new Set(network.links.map((link) => link.id)));
      if (links > 0) {
        const instances = network.links.map(
          (link) =>
            new GeometryInstance({
              id: link.id,
              geometry: new PolylineGeometry({
                positions: Cartesian3.fromDegreesArrayHeights(link.coordinates.flatMap(([lon, lat]) => [lon, lat, heightM])),
                width: linkWidthPx(link.lanes, basePx),
                vertexFormat: PolylineColorAppearance.VERTEX_FORMAT,
                // Edges are a few hundred metres long: straight chords, no subdivision.
                arcType: ArcType.NONE,
              }),
              attributes: { color: ColorGeometryInstanceAttribute.fromColor(NO_DATA) },
            }),
        );
        // Built on the main thread: a district's few hundred short lines take milliseconds, and
        // the primitive is then ready on the next frame instead of after a worker round trip.
        primitive = scene.primitives.add(
          new Primitive({ geometryInstances: instances, appearance: new PolylineColorAppearance({ translucent: true }), asynchronous: false, show }),
        ) as Primitive;
      }
      scene.requestRender();
    },
    applyStates(states) {
      for (const id of levels.apply(states)) pending.add(id);
      flush();
      scene.requestRender();
    },
    clear() {
      for (const id of levels.clear()) pending.add(id);
      flush();
      scene.requestRender();
    },
    get show() {
      return show;
    },
    set show(value: boolean) {
      show = value;
      if (primitive) primitive.show = value;
      scene.requestRender();
    },
    linkIdOf(picked) {
      const { primitive: of, id } = (picked ?? {}) as { primitive?: unknown; id?: unknown };
      return primitive !== undefined && of === primitive && typeof id === 'string' ? id : undefined;
    },
    get stats() {
      return { links, coloured: levels.coloured, skipped };
    },
    dispose() {
      removePostRender();
      removePrimitive();
      pending.clear();
    },
  };
}
