import type { Observation } from '@pengcheng/protocol';

/**
 * Where the simulator's readings go, like a field gateway's uplink: in process to the ingest
 * service, or over MQTT. A returned promise settles once the batch is handed on.
 */
export interface ObservationSink {
  publish(observations: readonly Observation[]): void | Promise<void>;
}
