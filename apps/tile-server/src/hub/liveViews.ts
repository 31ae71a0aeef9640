import { inBbox, type LiveBbox, type LiveLayer } from '@pengcheng/protocol';

/** What one socket asked for, as the hub serves it. */
export interface LiveView {
  readonly layers: ReadonlySet<LiveLayer>;
  /** Snapped to the grid; undefined for the whole district. */
  readonly bbox: LiveBbox | undefined;
  /** A kiosk: public sensors only. */
  readonly publicOnly: boolean;
}

/** The layers fanned out through rooms; alarms and incidents go socket by socket (acknowledged). */
export type RoomLayer = 'sensors' | 'vehicles' | 'links' | 'kpis';

export interface RoomView {
  readonly layer: RoomLayer;
  readonly bbox: LiveBbox | undefined;
  readonly publicOnly: boolean;
}

/**
 * The room of a layer and a view: sockets that asked for the same layer in the same (snapped)
 * box share one, so each payload is filtered and encoded once per room, not once per socket.
 */
export function roomOf(layer: RoomLayer, view: Pick<LiveView, 'bbox' | 'publicOnly'>): string {
  if (layer === 'kpis') return 'kpis';
  const box = view.bbox ? view.bbox.join(',') : 'all';
  return layer === 'sensors' ? `sensors@${view.publicOnly ? 'public' : 'all'}@${box}` : `${layer}@${box}`;
}

/** The view a room name stands for, or undefined for rooms that are not the hub's (a socket's own). */
export function parseRoom(room: string): RoomView | undefined {
  if (room === 'kpis') return { layer: 'kpis', bbox: undefined, publicOnly: false };
  const parts = room.split('@');
  const [layer] = parts;
  if (layer === 'sensors' && parts.length === 3) return { layer, publicOnly: parts[1] === 'public', bbox: parseBox(parts[2]) };
  if ((layer === 'vehicles' || layer === 'links') && parts.length === 2) return { layer, publicOnly: false, bbox: parseBox(parts[1]) };
  return undefined;
}

function parseBox(text: string | undefined): LiveBbox | undefined {
  if (text === undefined || text === 'all') return undefined;
  const [w = 0, s = 0, e = 0, n = 0] = text.split(',').map(Number);
  return [w, s, e, n];
}

/** Whether a point is in a view's box; everything is, without one; an unplaced thing always is. */
export function inView(bbox: LiveBbox | undefined, point: { readonly lon: number; readonly lat: number } | undefined): boolean {
  return bbox === undefined || point === undefined || inBbox(bbox, point.lon, point.lat);
}
