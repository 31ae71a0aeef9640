import type { Incident } from '@pengcheng/protocol';
import {
  BillboardCollection,
  Cartesian2,
  Cartesian3,
  Color,
  DistanceDisplayCondition,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  VerticalOrigin,
  type Billboard,
  type Label,
  type Scene,
} from 'cesium';
import { startBillboardPulse } from '../pulse/billboardPulse.js';
import { SYMBOL_OUTLINE } from '../sensors/sensorPalette.js';
import { drawHalo, drawIncidentMarker, drawSelection } from './incidentSymbols.js';
import { markerStyle, shortTitle, type MarkerStyle } from './incidentStyle.js';

export interface IncidentLayerOptions {
  /** Marker diameter on screen for a medium incident, CSS pixels (default 34); the wall passes a larger one. */
  readonly markerPx?: number;
  /** Titles show when the camera is closer than this to the marker, metres (default 1500). */
  readonly labelDistanceM?: number;
  /** Markers awaiting dispatch pulse (default true); a still screen (a capture, a test) turns it off. */
  readonly pulse?: boolean;
  readonly show?: boolean;
}

export interface IncidentLayerStats {
  /** Markers drawn: the open incidents given. */
  readonly incidents: number;
  /** Of those, the ones awaiting dispatch (pulsing). */
  readonly awaitingDispatch: number;
}

export interface IncidentLayer {
  /** The incidents to show; replaces the previous ones. Closed incidents are left off. */
  setIncidents(incidents: readonly Incident[]): void;
  /** Rings the incident (the selected one); undefined removes the ring. */
  highlight(id: string | undefined): void;
  /** The id of the incident a `scene.pick` result is, if it is one of this layer's markers or labels. */
  incidentIdOf(picked: unknown): string | undefined;
  show: boolean;
  readonly stats: IncidentLayerStats;
  dispose(): void;
}

/** What the layer's primitives carry as `id`; `owner` tells this layer's from another's. */
class IncidentRef {
  constructor(
    readonly owner: object,
    readonly incidentId: string,
  ) {}
}

interface Drawn {
  readonly marker: Billboard;
  readonly label: Label;
  halo: Billboard | undefined;
  style: MarkerStyle;
  position: Cartesian3;
}

const PULSE_MS = 1800;
/** Markers stand this far above their place, metres, so a marker on the road is not half inside it. */
const LIFT_M = 3;

/**
 * The open incidents as markers in the scene: a diamond per incident (a glyph per category,
 * coloured and sized by severity) in a ring that tells its place in the closed loop; those
 * awaiting dispatch pulse. Markers draw through buildings and over the sensor symbols (create
 * this layer after the sensor layer: of two depth-test-free collections the later draws on top).
 * The layer handles no input: the app picks and asks `incidentIdOf`.
 */
export function createIncidentLayer(scene: Scene, options: IncidentLayerOptions = {}): IncidentLayer {
  const markerPx = options.markerPx ?? 34;
  const labelCondition = new DistanceDisplayCondition(0, options.labelDistanceM ?? 1500);
  const pulse = options.pulse ?? true;
  const owner = {};

  const halos = scene.primitives.add(new BillboardCollection()) as BillboardCollection;
  const markers = scene.primitives.add(new BillboardCollection()) as BillboardCollection;
  const labels = scene.primitives.add(new LabelCollection()) as LabelCollection;
  const selection = scene.primitives.add(new BillboardCollection()) as BillboardCollection;
  const collections = [halos, markers, labels, selection];
  let shown = options.show ?? true;
  for (const collection of collections) collection.show = shown;

  const ring = selection.add({ show: false, position: Cartesian3.ZERO, disableDepthTestDistance: Number.POSITIVE_INFINITY });
  ring.setImage('selection', drawSelection(Math.round(markerPx * 3.4)));

  // Canvases at twice the display size, so they stay sharp on high-density screens.
  const canvases = new Map<string, HTMLCanvasElement>();
  const image = (key: string, draw: () => HTMLCanvasElement): HTMLCanvasElement => {
    let canvas = canvases.get(key);
    if (!canvas) {
      canvas = draw();
      canvases.set(key, canvas);
    }
    return canvas;
  };

  const drawn = new Map<string, Drawn>();
  let highlighted: string | undefined;
  let awaiting = 0;

  const placeRing = () => {
    const target = highlighted === undefined ? undefined : drawn.get(highlighted);
    ring.show = target !== undefined;
    if (target) {
      ring.position = target.position;
      ring.width = target.style.sizePx * 1.7;
      ring.height = target.style.sizePx * 1.7;
    }
  };

  const applyStyle = (entry: Drawn, style: MarkerStyle, isNew: boolean) => {
    // setImage rewrites the billboard's texture coordinates: only when the image changes.
    if (isNew || entry.style.imageKey !== style.imageKey) {
      entry.marker.setImage(style.imageKey, image(style.imageKey, () => drawIncidentMarker(style.glyph, style.colour, style.ring, style.sizePx * 2)));
    }
    entry.marker.width = style.sizePx;
    entry.marker.height = style.sizePx;
    entry.label.pixelOffset = new Cartesian2(0, style.sizePx * 0.6);
    if (style.ring === 'pulse') {
      const key = `halo:${style.colour}`;
      if (!entry.halo || entry.style.colour !== style.colour) {
        entry.halo ??= halos.add({ position: entry.position, disableDepthTestDistance: Number.POSITIVE_INFINITY, id: entry.marker.id as unknown });
        entry.halo.setImage(key, image(key, () => drawHalo(style.colour, style.sizePx * 4)));
      }
      entry.halo.width = style.sizePx * 1.9;
      entry.halo.height = style.sizePx * 1.9;
    } else if (entry.halo) {
      halos.remove(entry.halo);
      entry.halo = undefined;
    }
    entry.style = style;
  };

  const add = (incident: Incident, style: MarkerStyle, position: Cartesian3): Drawn => {
    const id = new IncidentRef(owner, incident.id);
    const marker = markers.add({ position, id, disableDepthTestDistance: Number.POSITIVE_INFINITY });
    const label = labels.add({
      position,
      id,
      text: shortTitle(incident.title),
      font: `600 ${Math.round(markerPx * 0.42)}px 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif`,
      fillColor: Color.WHITE,
      outlineColor: Color.fromCssColorString(SYMBOL_OUTLINE),
      outlineWidth: 3,
      style: LabelStyle.FILL_AND_OUTLINE,
      showBackground: true,
      backgroundColor: Color.fromCssColorString(SYMBOL_OUTLINE).withAlpha(0.7),
      horizontalOrigin: HorizontalOrigin.CENTER,
      verticalOrigin: VerticalOrigin.TOP,
      distanceDisplayCondition: labelCondition,
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
    });
    const entry: Drawn = { marker, label, halo: undefined, style, position };
    applyStyle(entry, style, true);
    return entry;
  };

  const remove = (entry: Drawn) => {
    markers.remove(entry.marker);
    labels.remove(entry.label);
    if (entry.halo) halos.remove(entry.halo);
  };

  // Markers awaiting dispatch throb (halo grows and fades) while shown.
  const stopPulse = startBillboardPulse(scene, {
    periodMs: PULSE_MS,
    active: () => pulse && shown && awaiting > 0,
    apply: (phase) => {
      for (const entry of drawn.values()) {
        if (!entry.halo) continue;
        entry.halo.scale = 0.8 + 0.5 * phase;
        entry.halo.color = Color.WHITE.withAlpha(1 - phase);
      }
    },
  });

  const owned = (picked: unknown): unknown => (picked as { id?: unknown } | undefined)?.id;

  return {
    setIncidents(incidents) {
      const seen = new Set<string>();
      awaiting = 0;
      for (const incident of incidents) {
        const style = markerStyle(incident, markerPx);
        if (!style || seen.has(incident.id)) continue;
        seen.add(incident.id);
        if (style.ring === 'pulse') awaiting++;
        const position = Cartesian3.fromDegrees(incident.place.lon, incident.place.lat, incident.place.height + LIFT_M);
        const entry = drawn.get(incident.id);
        if (!entry) {
          drawn.set(incident.id, add(incident, style, position));
          continue;
        }
        if (!Cartesian3.equals(entry.position, position)) {
          entry.position = position;
          entry.marker.position = position;
          entry.label.position = position;
          if (entry.halo) entry.halo.position = position;
        }
        entry.label.text = shortTitle(incident.title);
        applyStyle(entry, style, false);
      }
      for (const [id, entry] of drawn) {
        if (seen.has(id)) continue;
        remove(entry);
        drawn.delete(id);
      }
      placeRing();
      scene.requestRender();
    },
    highlight(id) {
      highlighted = id;
      placeRing();
      scene.requestRender();
    },
    incidentIdOf(picked) {
      const id = owned(picked);
      return id instanceof IncidentRef && id.owner === owner ? id.incidentId : undefined;
    },
    get show() {
      return shown;
    },
    set show(value: boolean) {
      shown = value;
      for (const collection of collections) collection.show = value;
      scene.requestRender();
    },
    get stats() {
      return { incidents: drawn.size, awaitingDispatch: awaiting };
    },
    dispose() {
      stopPulse();
      for (const collection of collections) if (!collection.isDestroyed()) scene.primitives.remove(collection);
    },
  };
}
