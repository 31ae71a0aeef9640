import type { IndexedFrame, VehicleIndexOptions } from './vehicleIndex.js';

/** What the traffic layer asks its worker. Each `frame` gets exactly one answer. */
export type IndexRequest =
  | { readonly kind: 'configure'; readonly options: VehicleIndexOptions }
  | { readonly kind: 'frame'; readonly epoch: number; readonly bytes: Uint8Array }
  | { readonly kind: 'clear'; readonly epoch: number };

/** The worker's answer to a `frame`, with the epoch it was indexed in (a `clear` starts a new one). */
export type IndexReply =
  | { readonly kind: 'indexed'; readonly epoch: number; readonly frame: IndexedFrame }
  | { readonly kind: 'stale'; readonly epoch: number }
  | { readonly kind: 'rejected'; readonly epoch: number; readonly error: string };
