import { request } from 'node:http';

/** One scrape of `/metrics`: each sample's value under its name and labels. */
export interface Scrape {
  readonly samples: ReadonlyArray<{ readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly value: number }>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): Scrape {
  const samples: Scrape['samples'][number][] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) if (key !== undefined && value !== undefined) labels[key] = value;
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return { samples };
}

/** GET /metrics with a plain request (no keep-alive pool to share with the load). */
export function scrapeMetrics(baseUrl: string): Promise<Scrape> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/metrics', baseUrl), (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('end', () => (res.statusCode === 200 ? resolve(parseMetrics(text)) : reject(new Error(`/metrics answered ${res.statusCode}`))));
    });
    req.setTimeout(5000, () => req.destroy(new Error('/metrics timed out')));
    req.once('error', reject);
    req.end();
  });
}

const matches = (labels: Readonly<Record<string, string>>, wanted: Readonly<Record<string, string>>) =>
  Object.entries(wanted).every(([key, value]) => labels[key] === value);

/** The sum of a series over every label set that has `labels`. */
export function total(scrape: Scrape, name: string, labels: Readonly<Record<string, string>> = {}): number {
  return scrape.samples.filter((s) => s.name === name && matches(s.labels, labels)).reduce((sum, s) => sum + s.value, 0);
}

/** Sums of a series between two scrapes, by the value of one label. */
export function deltaBy(before: Scrape, after: Scrape, name: string, label: string, labels: Readonly<Record<string, string>> = {}): Map<string, number> {
  const out = new Map<string, number>();
  for (const [scrape, sign] of [[after, 1], [before, -1]] as const) {
    for (const s of scrape.samples) {
      if (s.name !== name || !matches(s.labels, labels)) continue;
      const key = s.labels[label] ?? '';
      out.set(key, (out.get(key) ?? 0) + sign * s.value);
    }
  }
  return out;
}

/** Between which histogram bounds (in ms) the q-quantile of the observations between two scrapes lies. */
export interface BucketRange {
  readonly count: number;
  readonly lowerMs: number;
  /** Infinity when it lies beyond the last finite bucket. */
  readonly upperMs: number;
}

export function histogramQuantile(before: Scrape, after: Scrape, name: string, labels: Readonly<Record<string, string>>, q: number): BucketRange {
  const buckets = [...deltaBy(before, after, `${name}_bucket`, 'le', labels)]
    .map(([le, cumulative]) => ({ le: le === '+Inf' ? Infinity : Number(le), cumulative }))
    .sort((a, b) => a.le - b.le);
  const count = buckets.at(-1)?.cumulative ?? 0;
  let lower = 0;
  for (const { le, cumulative } of buckets) {
    if (cumulative >= q * count && count > 0) return { count, lowerMs: lower * 1000, upperMs: le * 1000 };
    lower = le;
  }
  return { count, lowerMs: Number.NaN, upperMs: Number.NaN };
}
