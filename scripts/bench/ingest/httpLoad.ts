import { Agent, request } from 'node:http';
import { Latencies } from './latencies.js';
import { observationJson, type ReadingStream } from './readings.js';

export interface HttpLoad {
  /** The server's base URL (loopback). */
  readonly url: string;
  readonly apiKey: string;
  /** Concurrent keep-alive connections, one request in flight on each. */
  readonly clients: number;
  /** Observations per request. */
  readonly batch: number;
  readonly seconds: number;
  /** Stops earlier after this many requests. */
  readonly maxRequests: number;
}

export interface HttpLoadResult {
  readonly seconds: number;
  readonly requests: number;
  /** Answered 200: every observation taken. */
  readonly ok: number;
  /** Anything else: another status, a connection error or a timeout. */
  readonly failed: number;
  readonly statuses: ReadonlyMap<string, number>;
  /** Observations in requests answered 200. */
  readonly acknowledged: number;
  /** Per request, from the first byte written to the last byte of the answer, failures included. */
  readonly latencies: Latencies;
}

const REQUEST_TIMEOUT_MS = 10_000;

function post(agent: Agent, target: URL, apiKey: string, body: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${apiKey}` },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(String(res.statusCode)));
        res.once('error', () => resolve('response error'));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.once('error', (error) => resolve(error.message === 'timeout' ? 'timeout' : 'connection error'));
    req.end(body);
  });
}

/**
 * `clients` loops, each posting batches of fresh observations (our format) back to back over its
 * own keep-alive connection until the time or the request count is up.
 */
export async function runHttpLoad(load: HttpLoad, readings: ReadingStream): Promise<HttpLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.clients });
  const target = new URL('/api/v1/observations', load.url);
  const latencies = new Latencies(load.maxRequests);
  const statuses = new Map<string, number>();
  let requests = 0;
  let ok = 0;
  const started = performance.now();
  const deadline = started + load.seconds * 1000;

  const client = async (): Promise<void> => {
    while (performance.now() < deadline && requests < load.maxRequests) {
      requests += 1;
      const items: string[] = [];
      for (let i = 0; i < load.batch; i += 1) items.push(observationJson(readings.nextPast()));
      const body = `{"observations":[${items.join(',')}]}`;
      const sent = performance.now();
      const status = await post(agent, target, load.apiKey, body);
      latencies.add(performance.now() - sent);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === '200') ok += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: load.clients }, client));
  } finally {
    agent.destroy();
  }
  return {
    seconds: (performance.now() - started) / 1000,
    requests,
    ok,
    failed: requests - ok,
    statuses,
    acknowledged: ok * load.batch,
    latencies,
  };
}
