import type { StoredObservation } from '@pengcheng/protocol';

export interface BenchSensor {
  readonly id: string;
  readonly quantity: string;
}

/** What the parent asks a target for: `rate` messages a second for `seconds`, one new reading each, sensors in turn. */
export interface RunRequest {
  readonly type: 'run';
  readonly rate: number;
  readonly seconds: number;
  readonly sensors: readonly BenchSensor[];
}

/**
 * One message's reading, stamped with the time it was due by the offered rate (not when the
 * source got round to it), so a target that holds its source back is charged the wait as
 * latency, as a target that queues is (no coordinated omission).
 */
export function reading(sensors: readonly BenchSensor[], n: number, dueMs: number): StoredObservation {
  const sensor = sensors[n % sensors.length];
  if (sensor === undefined) throw new Error('no sensors to send readings of');
  return { sensorId: sensor.id, timeMs: dueMs, values: { [sensor.quantity]: n % 100 }, quality: 'good', source: 'bench', receivedAtMs: dueMs };
}

/**
 * Calls `send(n, dueMs)` `rate` times a second for `seconds`, catching up by elapsed time when a tick
 * comes late (a loaded event loop), so every target gets the same number of messages. A target
 * whose sends block (a synchronous write to every socket) takes longer than `seconds`: the
 * parent counts throughput from `startedMs` to the last delivery.
 */
export function runSource(request: RunRequest, send: (n: number, dueMs: number) => void): Promise<{ sent: number; startedMs: number }> {
  const total = Math.round(request.rate * request.seconds);
  const startedMs = Date.now();
  const started = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * request.rate));
      for (; sent < due; sent++) send(sent, Math.round(startedMs + (sent * 1000) / request.rate));
      if (sent >= total) {
        clearInterval(timer);
        resolve({ sent, startedMs });
      }
    }, 5);
  });
}
