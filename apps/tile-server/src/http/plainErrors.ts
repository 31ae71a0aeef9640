import type { OutgoingHttpHeaders } from 'node:http';
import type { ApiError } from '@pengcheng/protocol';
import type { NodeResponse } from '../server/nodeHttp.js';

/** The protocol's error body for answers written outside Express. Never echoes the request. */
export function sendPlainError(
  res: NodeResponse,
  status: number,
  code: string,
  message: string,
  headers: OutgoingHttpHeaders = {},
  head = false,
): number {
  const body: ApiError = { error: { code, message } };
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(head ? undefined : bytes);
  return head ? 0 : bytes.length;
}
