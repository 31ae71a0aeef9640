import { checkVehicleFrame, decodeVehicleFrame, type VehiclePosition } from '@pengcheng/protocol';

/**
 * The newest vehicle frame, held as the hub encoded it. A frame is checked whole when it arrives
 * (a bad one throws and changes nothing) but decoded only if someone reads its vehicles: the
 * traffic layer indexes the bytes off the main thread, so a screen never pays for decoding ten
 * thousand vehicles it does not list.
 */
export class LatestVehicleFrame {
  #bytes: Uint8Array | undefined;
  #timeMs: number | undefined;
  #vehicles: ReadonlyMap<string, VehiclePosition> | undefined;

  get bytes(): Uint8Array | undefined {
    return this.#bytes;
  }

  get timeMs(): number | undefined {
    return this.#timeMs;
  }

  get vehicles(): ReadonlyMap<string, VehiclePosition> {
    if (!this.#bytes) return EMPTY;
    this.#vehicles ??= new Map(decodeVehicleFrame(this.#bytes).vehicles.map((vehicle) => [vehicle.id, vehicle]));
    return this.#vehicles;
  }

  /** Holds the frame unless it is older than the one held (volatile frames may overtake each other). */
  offer(frame: ArrayBuffer | ArrayBufferView): boolean {
    const { timeMs } = checkVehicleFrame(frame);
    if (this.#timeMs !== undefined && this.#timeMs > timeMs) return false;
    // A copy: Socket.IO's buffer may be a view into a larger message the page does not own.
    this.#bytes = frame instanceof ArrayBuffer ? new Uint8Array(frame.slice(0)) : new Uint8Array(frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength));
    this.#timeMs = timeMs;
    this.#vehicles = undefined;
    return true;
  }

  clear(): void {
    this.#bytes = undefined;
    this.#timeMs = undefined;
    this.#vehicles = undefined;
  }
}

const EMPTY: ReadonlyMap<string, VehiclePosition> = new Map();
