import type { SKRSContext2D } from '@napi-rs/canvas';
import type { GroundScene, RoadLine, WorldBox, WorldPath, WorldPolygons } from './groundScene.js';
import { groundStyle } from './groundStyle.js';
import { webMercator } from './webMercator.js';

/** A rectangle of the map at one zoom, in pixels: a tile, or a block of tiles for a preview. */
export interface GroundView {
  readonly zoom: number;
  /** World pixel of the view's top-left corner at this zoom. */
  readonly originX: number;
  readonly originY: number;
  readonly width: number;
  readonly height: number;
  /** The pilot area: painted inside, left transparent outside. */
  readonly area: WorldBox;
}

/** World → view pixels in doubles, before anything reaches Skia's floats. */
interface ToView {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

function tracePath(ctx: SKRSContext2D, path: WorldPath, t: ToView): void {
  ctx.moveTo((path[0] as number) * t.scale - t.x, (path[1] as number) * t.scale - t.y);
  for (let i = 2; i < path.length; i += 2) ctx.lineTo((path[i] as number) * t.scale - t.x, (path[i + 1] as number) * t.scale - t.y);
}

function tracePolygons(ctx: SKRSContext2D, polygons: WorldPolygons, t: ToView): void {
  ctx.beginPath();
  for (const rings of polygons) {
    for (const ring of rings) {
      tracePath(ctx, ring, t);
      ctx.closePath();
    }
  }
}

function strokePath(ctx: SKRSContext2D, path: WorldPath, t: ToView, style: string, width: number): void {
  ctx.beginPath();
  tracePath(ctx, path, t);
  ctx.strokeStyle = style;
  ctx.lineWidth = width;
  ctx.stroke();
}

function drawSegments(ctx: SKRSContext2D, segments: WorldPath, t: ToView): void {
  ctx.beginPath();
  for (let i = 0; i + 3 < segments.length; i += 4) {
    ctx.moveTo((segments[i] as number) * t.scale - t.x, (segments[i + 1] as number) * t.scale - t.y);
    ctx.lineTo((segments[i + 2] as number) * t.scale - t.x, (segments[i + 3] as number) * t.scale - t.y);
  }
  ctx.strokeStyle = groundStyle.areaLines;
  ctx.lineWidth = 1;
  ctx.stroke();
}

function drawRoadFills(ctx: SKRSContext2D, roads: readonly RoadLine[], zoom: number, t: ToView): void {
  for (const road of roads) {
    const { widthPx } = groundStyle.roadPx(road, zoom);
    if (widthPx > 0) strokePath(ctx, road.path, t, groundStyle.roads[road.roadClass], widthPx);
  }
}

function drawMarkings(ctx: SKRSContext2D, roads: readonly RoadLine[], zoom: number, t: ToView): void {
  ctx.lineCap = 'butt';
  for (const road of roads) {
    const px = road.unitsPerMetre * webMercator.worldPixels(zoom);
    const width = groundStyle.metresPx(groundStyle.markingM, road.unitsPerMetre, zoom, 1);
    for (const marking of road.markings) {
      ctx.setLineDash(marking.kind === 'divider' ? groundStyle.dashM.map((m) => m * px) : []);
      strokePath(ctx, marking.path, t, marking.kind === 'centre' ? groundStyle.centreLine : groundStyle.whiteLine, width);
    }
  }
  ctx.setLineDash([]);
}

/**
 * Paints the ground of one view: land cover, roads with kerbs, bridge decks, lane markings.
 * Every feature is drawn whole with the view as its window, so a tile's pixels equal the same
 * pixels of any larger view: neighbouring tiles meet without seams.
 */
export function renderGroundView(ctx: SKRSContext2D, scene: GroundScene, view: GroundView): void {
  const scale = webMercator.worldPixels(view.zoom);
  const t: ToView = { scale, x: view.originX, y: view.originY };
  ctx.clearRect(0, 0, view.width, view.height);
  ctx.save();
  const left = view.area.minX * scale - t.x;
  const top = view.area.minY * scale - t.y;
  const areaWidth = (view.area.maxX - view.area.minX) * scale;
  const areaHeight = (view.area.maxY - view.area.minY) * scale;
  ctx.beginPath();
  ctx.rect(left, top, areaWidth, areaHeight);
  ctx.clip();
  ctx.fillStyle = groundStyle.ground;
  ctx.fillRect(left, top, areaWidth, areaHeight);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';

  // Each layer's outlines go under its fills, so touching areas of a layer (a canal running into
  // a lake) merge into one shape with one shore line.
  for (let start = 0, end = 0; start < scene.areas.length; start = end) {
    const layer = scene.areas[start]?.layer;
    while (scene.areas[end]?.layer === layer) end++;
    const group = scene.areas.slice(start, end);
    if (view.zoom >= groundStyle.outlineMinZoom) {
      for (const area of group) {
        tracePolygons(ctx, area.polygons, t);
        ctx.strokeStyle = groundStyle.area(area.layer, area.variant).outline;
        ctx.lineWidth = 2;
        ctx.stroke();
      }
    }
    for (const area of group) {
      tracePolygons(ctx, area.polygons, t);
      ctx.fillStyle = groundStyle.area(area.layer, area.variant).fill;
      ctx.fill('evenodd');
      if (area.lines && view.zoom >= groundStyle.areaLinesMinZoom) drawSegments(ctx, area.lines, t);
    }
  }

  const surfaces = view.zoom >= groundStyle.surfacesMinZoom ? scene.surfaces : [];
  for (const road of scene.roads) {
    const { widthPx, casingPx } = groundStyle.roadPx(road, view.zoom);
    if (casingPx > 0) strokePath(ctx, road.path, t, groundStyle.casing, widthPx + 2 * casingPx);
  }
  for (const surface of surfaces) {
    tracePolygons(ctx, surface.polygons, t);
    ctx.strokeStyle = groundStyle.casing;
    // Centred on the outline: the inner half goes under the fill, the outer half is the kerb.
    ctx.lineWidth = 2 * groundStyle.metresPx(groundStyle.casingM, surface.unitsPerMetre, view.zoom, 0.8);
    ctx.stroke();
  }
  for (const surface of surfaces) {
    tracePolygons(ctx, surface.polygons, t);
    ctx.fillStyle = groundStyle.roads[surface.roadClass];
    ctx.fill('evenodd');
  }
  drawRoadFills(ctx, scene.roads.filter((road) => !road.onBridge), view.zoom, t);

  // Square ends: a deck stops at its abutments; the road's own round caps join it to the approach.
  ctx.lineCap = 'butt';
  for (const bridge of scene.bridges) {
    const { deckPx, parapetPx, shadowPx } = groundStyle.bridgePx(bridge, view.zoom);
    if (deckPx === 0) continue;
    ctx.save();
    ctx.translate(shadowPx, shadowPx);
    strokePath(ctx, bridge.path, t, groundStyle.bridgeShadow, deckPx + 2 * parapetPx);
    ctx.restore();
  }
  for (const bridge of scene.bridges) {
    const { deckPx, parapetPx } = groundStyle.bridgePx(bridge, view.zoom);
    if (deckPx > 0) strokePath(ctx, bridge.path, t, groundStyle.parapet, deckPx + 2 * parapetPx);
  }
  ctx.lineCap = 'round';
  drawRoadFills(ctx, scene.roads.filter((road) => road.onBridge), view.zoom, t);

  if (view.zoom >= groundStyle.markingsMinZoom) drawMarkings(ctx, scene.roads, view.zoom, t);
  ctx.restore();
}
