import type { RoadClass } from '@pengcheng/protocol';
import type { AreaLayer, BridgeDeck, RoadLine } from './groundScene.js';
import { webMercator } from './webMercator.js';

interface AreaPaint {
  readonly fill: string;
  /** Edge line, drawn from `outlineMinZoom` on. */
  readonly outline: string;
}

/**
 * The command-centre look: a slate-navy ground that stays legible when a bright video wall
 * washes dark tones out, muted land cover, light roads with gold trunk roads, and true road
 * widths once a road is wider than its minimum stroke.
 */
export const groundStyle = {
  ground: '#1f2a37',
  areas: {
    green: { fill: '#1f4333', outline: '#285340' },
    'green:garden': { fill: '#224a36', outline: '#2c5a44' },
    'green:sports_field': { fill: '#27583d', outline: '#4a8a63' },
    square: { fill: '#34414f', outline: '#475a6e' },
    parking: { fill: '#2b3644', outline: '#405065' },
    water: { fill: '#11426a', outline: '#2d6d9a' },
  } satisfies Record<string, AreaPaint>,
  outlineMinZoom: 14,
  /** Parking stall lines, once stalls are a few pixels wide. */
  areaLines: '#5a6b80',
  areaLinesMinZoom: 18,
  roads: {
    trunk: '#b8955c',
    primary: '#8d9bad',
    secondary: '#7a889b',
    tertiary: '#69778b',
    residential: '#5b687d',
    service: '#4f5a6d',
  } satisfies Record<RoadClass, string>,
  /** Below this zoom a class is not drawn at all: minor streets would only add noise. */
  roadMinZoom: { trunk: 12, primary: 12, secondary: 12, tertiary: 14, residential: 15, service: 15 } satisfies Record<RoadClass, number>,
  /** Thinnest stroke per class, so roads stay readable at the zooms where they are narrower. */
  roadMinWidthPx: { trunk: 3, primary: 2.4, secondary: 1.8, tertiary: 1.4, residential: 1.1, service: 0.9 } satisfies Record<RoadClass, number>,
  casing: '#111923',
  casingMinZoom: 13,
  /** Kerb line on each side of the carriageway. */
  casingM: 0.6,
  /** Paved polygons, once big enough to see: they carry whatever shape the centre line cannot (flat ends, flares). */
  surfacesMinZoom: 16,
  parapet: '#c9d2dc',
  parapetM: 1.2,
  bridgeShadow: 'rgba(4, 8, 14, 0.5)',
  /** Shadow cast to the south-east, as by a deck a few metres up in the afternoon sun. */
  bridgeShadowM: 5,
  bridgeMinZoom: 14,
  markingsMinZoom: 18,
  centreLine: '#d8b24a',
  whiteLine: 'rgba(236, 240, 245, 0.75)',
  markingM: 0.15,
  /** GB 5768 lane divider: 6 m dash, 9 m gap. */
  dashM: [6, 9],

  area(layer: AreaLayer, variant: string): AreaPaint {
    const areas: Record<string, AreaPaint> = groundStyle.areas;
    return areas[`${layer}:${variant}`] ?? groundStyle.areas[layer];
  },

  /** Stroke width of a road at a zoom; 0 when the class is hidden there. */
  roadWidthPx(roadClass: RoadClass, width: number, zoom: number): number {
    if (zoom < groundStyle.roadMinZoom[roadClass]) return 0;
    return Math.max(width * webMercator.worldPixels(zoom), groundStyle.roadMinWidthPx[roadClass]);
  },

  /** Metres to pixels with a floor, for lines that must stay visible (kerbs, markings). */
  metresPx(metres: number, unitsPerMetre: number, zoom: number, minPx: number): number {
    return Math.max(minPx, metres * unitsPerMetre * webMercator.worldPixels(zoom));
  },

  /** The widths that make up a drawn road: carriageway and kerb casing (0 when not drawn). */
  roadPx(road: RoadLine, zoom: number): { readonly widthPx: number; readonly casingPx: number } {
    const widthPx = groundStyle.roadWidthPx(road.roadClass, road.width, zoom);
    const casingPx = widthPx > 0 && zoom >= groundStyle.casingMinZoom ? groundStyle.metresPx(groundStyle.casingM, road.unitsPerMetre, zoom, 0.8) : 0;
    return { widthPx, casingPx };
  },

  /** The widths that make up a drawn bridge deck (deck 0 below the bridges' zoom). */
  bridgePx(bridge: BridgeDeck, zoom: number): { readonly deckPx: number; readonly parapetPx: number; readonly shadowPx: number } {
    if (zoom < groundStyle.bridgeMinZoom) return { deckPx: 0, parapetPx: 0, shadowPx: 0 };
    return {
      deckPx: Math.max(bridge.width * webMercator.worldPixels(zoom), groundStyle.roadMinWidthPx.trunk),
      parapetPx: groundStyle.metresPx(groundStyle.parapetM, bridge.unitsPerMetre, zoom, 1),
      shadowPx: groundStyle.metresPx(groundStyle.bridgeShadowM, bridge.unitsPerMetre, zoom, 1),
    };
  },
};
