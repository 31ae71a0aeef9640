import type { OutgoingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { sendPlainError } from '../http/plainErrors.js';
import type { HttpMetrics } from '../metrics/httpMetrics.js';
import type { NodeResponse } from '../server/nodeHttp.js';
import type { SendOutcome } from './fileResponder.js';

export type Outcome = Pick<SendOutcome, 'status' | 'bytes'> & Partial<SendOutcome>;

export interface RequestOutcome {
  /** Records the answer: metrics by route, and one JSON access-log line. */
  finish(outcome: Outcome): void;
  /** Answers with the protocol's error body, then records it. */
  fail(status: number, code: string, message: string, headers?: OutgoingHttpHeaders): void;
}

/** What a fast-path request reports once answered, the same way for tiles and viewer files. */
export function requestOutcome(res: NodeResponse, metrics: HttpMetrics, log: Logger, route: string, method: string, url: string): RequestOutcome {
  const started = process.hrtime.bigint();
  const finish = (outcome: Outcome): void => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.record({ method, route, status: outcome.status, seconds, bytes: outcome.bytes });
    if (outcome.cache === 'hit' || outcome.cache === 'miss') metrics.cacheLookup(route, outcome.cache);
    log.info(
      { req: { method, url }, res: { statusCode: outcome.status }, responseTime: Math.round(seconds * 1e4) / 10, bytes: outcome.bytes, coding: outcome.coding, cache: outcome.cache },
      'request completed',
    );
  };
  return {
    finish,
    fail: (status, code, message, headers) => finish({ status, bytes: sendPlainError(res, status, code, message, headers, method === 'HEAD') }),
  };
}
