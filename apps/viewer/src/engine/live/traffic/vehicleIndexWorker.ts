import { VehicleFrameError } from '@pengcheng/protocol';
import { transferablesOf, VehicleIndex } from './vehicleIndex.js';
import type { IndexReply, IndexRequest } from './vehicleIndexMessages.js';

/** The worker's own scope; the viewer compiles against the DOM's types, where `self` is a window. */
interface WorkerScope {
  postMessage(message: IndexReply, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<IndexRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;

let index: VehicleIndex | undefined;

const reply = (message: IndexReply) => scope.postMessage(message, message.kind === 'indexed' ? transferablesOf(message.frame) : []);

scope.onmessage = ({ data }) => {
  switch (data.kind) {
    case 'configure':
      index = new VehicleIndex(data.options);
      return;
    case 'clear':
      index?.clear();
      return;
    case 'frame': {
      if (!index) return reply({ kind: 'rejected', epoch: data.epoch, error: 'the vehicle index was not configured' });
      try {
        const outcome = index.index(data.bytes);
        reply(outcome.kind === 'indexed' ? { kind: 'indexed', epoch: data.epoch, frame: outcome.frame } : { kind: 'stale', epoch: data.epoch });
      } catch (error) {
        if (!(error instanceof VehicleFrameError)) throw error;
        reply({ kind: 'rejected', epoch: data.epoch, error: error.message });
      }
    }
  }
};
