import type { LiveView } from '@pengcheng/live-client';
import type { LiveLayer } from '@pengcheng/protocol';

/**
 * Where the screen's live layers read from: the hub's client while live, the replay player
 * while playing back. Both keep a LiveView current and say which layer changed.
 */
export interface LiveSource {
  readonly view: LiveView;
  onChange(listener: (layer: LiveLayer) => void): () => void;
}
