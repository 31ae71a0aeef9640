import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Writable } from 'node:stream';

/**
 * What the fast path needs of a request, met by both `http.IncomingMessage` (HTTP/1.1) and
 * `http2.Http2ServerRequest` (HTTP/2 compatibility API).
 */
export interface NodeRequest {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly httpVersionMajor: number;
}

/** The response side, met by `http.ServerResponse` and `http2.Http2ServerResponse`. */
export interface NodeResponse extends Writable {
  statusCode: number;
  readonly headersSent: boolean;
  /** Headers as an object, or as flat name/value pairs (faster for Node to write). */
  writeHead(status: number, headers?: OutgoingHttpHeaders | string[]): unknown;
  setHeader(name: string, value: number | string | readonly string[]): unknown;
  getHeader(name: string): number | string | string[] | undefined;
}
