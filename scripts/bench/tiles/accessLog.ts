export interface LoggedRequest {
  readonly url: string;
  readonly status: number;
}

/**
 * The requests in the server's JSON access log (one pino object a line, `req.url` and
 * `res.statusCode`); other lines are skipped.
 */
export function accessLogRequests(output: string): LoggedRequest[] {
  const requests: LoggedRequest[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { req?: { url?: unknown }; res?: { statusCode?: unknown } };
      if (typeof entry.req?.url === 'string' && typeof entry.res?.statusCode === 'number') {
        requests.push({ url: entry.req.url, status: entry.res.statusCode });
      }
    } catch {
      // a partial last line while the server is still writing
    }
  }
  return requests;
}
