import { get, type IncomingHttpHeaders } from 'node:http';

export interface Probe {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Body bytes as sent, still encoded (fetch would decode them). */
  readonly bodyBytes: number;
}

/** One request with exactly the headers wrk will send, to check what a server answers. */
export function probe(url: string, headers: Record<string, string>): Promise<Probe> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent: false }, (res) => {
      let bodyBytes = 0;
      res.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bodyBytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** `Name: value` lines for wrk's -H from a header object. */
export function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}
