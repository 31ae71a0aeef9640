import { appendFile, mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Kpis, LinkState, VehicleFrameBase64 } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import { z } from 'zod';

/**
 * The recorded traffic and KPIs, as append-only NDJSON files of five minutes each under
 * `DATA_DIR/replay/`. Files rather than tables: a vehicle keyframe is tens of kilobytes every few
 * seconds, and writing it into the live database would contend with the observation writes for
 * SQLite's single writer; retention is deleting whole files, not rows. A crash loses at most the
 * lines not flushed yet, and a line cut short by it is skipped on reading.
 */

/** One file's span: each starts with every link's state, so a window needs at most two files. */
export const SEGMENT_MS = 5 * 60_000;

export const TrafficRecord = z.discriminatedUnion('k', [
  /** The links that changed since the record before. */
  z.object({ k: z.literal('links'), t: z.number().int(), links: z.array(LinkState) }),
  /** Every link's state: the first record of a file. */
  z.object({ k: z.literal('linkKey'), t: z.number().int(), links: z.array(LinkState) }),
  z.object({ k: z.literal('vehicles'), t: z.number().int(), frame: VehicleFrameBase64 }),
  z.object({ k: z.literal('kpis'), t: z.number().int(), kpis: Kpis }),
]);
export type TrafficRecord = z.infer<typeof TrafficRecord>;

export interface TrafficStoreOptions {
  readonly dir: string;
  readonly logger: Logger;
  /** Lines waiting for a flush beyond this are dropped (the disk is not keeping up). */
  readonly maxBufferedBytes?: number;
}

const FILE = /^traffic-(\d{1,15})\.ndjson$/;
const DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export const segmentOf = (timeMs: number): number => Math.floor(timeMs / SEGMENT_MS) * SEGMENT_MS;

export class TrafficStore {
  readonly #dir: string;
  readonly #logger: Logger;
  readonly #maxBufferedBytes: number;
  /** Lines by the segment they belong to, waiting for the next flush. */
  #pending = new Map<number, string[]>();
  #pendingBytes = 0;
  #dropped = 0;
  #writing: Promise<void> = Promise.resolve();
  #ready: Promise<unknown> | undefined;

  constructor({ dir, logger, maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES }: TrafficStoreOptions) {
    this.#dir = dir;
    this.#logger = logger;
    this.#maxBufferedBytes = maxBufferedBytes;
  }

  /** Buffers a record; nothing touches the disk until {@link flush}. */
  append(record: TrafficRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    if (this.#pendingBytes + line.length > this.#maxBufferedBytes) {
      this.#dropped += 1;
      return;
    }
    const segment = segmentOf(record.t);
    const lines = this.#pending.get(segment);
    if (lines) lines.push(line);
    else this.#pending.set(segment, [line]);
    this.#pendingBytes += line.length;
  }

  /** Writes what is buffered, one append per file; flushes run one after another. */
  flush(): Promise<void> {
    const batch = this.#pending;
    const dropped = this.#dropped;
    this.#pending = new Map();
    this.#pendingBytes = 0;
    this.#dropped = 0;
    this.#writing = this.#writing.then(async () => {
      if (dropped > 0) this.#logger.warn({ dropped }, 'replay recorder dropped records: the disk is not keeping up');
      if (batch.size === 0) return;
      await this.#ensureDir();
      for (const [segment, lines] of batch) {
        try {
          await appendFile(this.#file(segment), lines.join(''));
        } catch (error) {
          this.#logger.error({ err: error, segment }, 'replay recorder could not write');
        }
      }
    });
    return this.#writing;
  }

  /** The records with `fromMs <= t <= toMs`, oldest first. */
  async read(fromMs: number, toMs: number): Promise<TrafficRecord[]> {
    const records: TrafficRecord[] = [];
    for (let segment = segmentOf(fromMs); segment <= toMs; segment += SEGMENT_MS) {
      let text: string;
      try {
        text = await readFile(this.#file(segment), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const parsed = TrafficRecord.safeParse(parseJson(line));
        if (parsed.success && parsed.data.t >= fromMs && parsed.data.t <= toMs) records.push(parsed.data);
      }
    }
    // Stable: records of the same moment keep the order they were written in.
    return records.sort((a, b) => a.t - b.t);
  }

  /** Deletes the files that end before `beforeMs`; returns how many went. */
  async prune(beforeMs: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      const start = Number(FILE.exec(name)?.[1] ?? Number.NaN);
      if (!(start + SEGMENT_MS <= beforeMs)) continue;
      await unlink(path.join(this.#dir, name)).catch(() => undefined);
      removed += 1;
    }
    return removed;
  }

  #file(segment: number): string {
    return path.join(this.#dir, `traffic-${segment}.ndjson`);
  }

  #ensureDir(): Promise<unknown> {
    this.#ready ??= mkdir(this.#dir, { recursive: true });
    return this.#ready;
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
