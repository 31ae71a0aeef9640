import { LRUCache } from 'lru-cache';

/**
 * The bytes of recently served files, bounded by total size, so hot tiles are answered from
 * memory. Concurrent misses for one key share a single read.
 */
export class HotCache {
  readonly #entries: LRUCache<string, Buffer>;
  readonly #pending = new Map<string, Promise<Buffer>>();
  /** Files larger than this are streamed, never cached: one must not evict hundreds of tiles. */
  readonly maxEntryBytes: number;

  constructor(maxBytes: number, maxEntryBytes = Math.min(4 * 1024 * 1024, Math.floor(maxBytes / 8))) {
    this.maxEntryBytes = maxEntryBytes;
    this.#entries = new LRUCache<string, Buffer>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (bytes) => Math.max(1, bytes.length),
    });
  }

  /** The cached bytes, or undefined; a hit refreshes the entry's recency. */
  get(key: string): Buffer | undefined {
    return this.#entries.get(key);
  }

  /** Reads through the cache: `load` runs once per key however many requests wait for it. */
  load(key: string, load: () => Promise<Buffer>): Promise<Buffer> {
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const loading = load()
      .then((bytes) => {
        if (bytes.length <= this.maxEntryBytes) this.#entries.set(key, bytes);
        return bytes;
      })
      .finally(() => this.#pending.delete(key));
    this.#pending.set(key, loading);
    return loading;
  }

  get size(): number {
    return this.#entries.calculatedSize;
  }
}
