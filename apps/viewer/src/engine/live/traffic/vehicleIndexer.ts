import type { IndexedFrame, VehicleIndexOptions } from './vehicleIndex.js';
import type { IndexReply, IndexRequest } from './vehicleIndexMessages.js';

export type IndexerResult =
  | { readonly kind: 'indexed'; readonly frame: IndexedFrame; readonly handedMs: number }
  | { readonly kind: 'stale'; readonly handedMs: number }
  | { readonly kind: 'rejected'; readonly error: string; readonly handedMs: number };

export interface VehicleIndexer {
  /** Hands a frame to the worker; the result comes to `onResult`. Frames handed while one is being indexed wait, newest only. */
  index(bytes: Uint8Array): void;
  /** Forgets every vehicle, and drops any answer to a frame handed before. */
  clear(): void;
  dispose(): void;
}

/**
 * The traffic layer's worker (vehicleIndexWorker), one frame at a time: a frame that arrives while
 * another is indexed waits, and a newer one replaces it, so a slow worker drops frames instead of
 * falling behind. `handedMs` is the main thread's time spent handing the frame over.
 */
export function createVehicleIndexer(options: VehicleIndexOptions, onResult: (result: IndexerResult) => void): VehicleIndexer {
  const worker = new Worker(new URL('./vehicleIndexWorker.ts', import.meta.url), { type: 'module', name: 'pengcheng-vehicles' });
  const send = (request: IndexRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer);
  send({ kind: 'configure', options });
  let epoch = 0;
  let busy: { handedMs: number } | undefined;
  let waiting: Uint8Array | undefined;

  const hand = (bytes: Uint8Array) => {
    const started = performance.now();
    // The worker takes its own copy, so the caller's frame stays whole.
    const copy = bytes.slice();
    send({ kind: 'frame', epoch, bytes: copy }, [copy.buffer]);
    busy = { handedMs: performance.now() - started };
  };

  worker.onmessage = ({ data }: MessageEvent<IndexReply>) => {
    const handedMs = busy?.handedMs ?? 0;
    busy = undefined;
    const next = waiting;
    waiting = undefined;
    if (next) hand(next);
    if (data.epoch !== epoch) return;
    if (data.kind === 'indexed') onResult({ kind: 'indexed', frame: data.frame, handedMs });
    else if (data.kind === 'stale') onResult({ kind: 'stale', handedMs });
    else onResult({ kind: 'rejected', error: data.error, handedMs });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    busy = undefined;
    onResult({ kind: 'rejected', error: `the vehicle worker failed: ${event.message}`, handedMs: 0 });
  };

  return {
    index(bytes) {
      if (busy) waiting = bytes;
      else hand(bytes);
    },
    clear() {
      epoch++;
      waiting = undefined;
      send({ kind: 'clear', epoch });
    },
    dispose() {
      worker.terminate();
    },
  };
}
