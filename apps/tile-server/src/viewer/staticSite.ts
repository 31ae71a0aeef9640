import { existsSync, watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { openDirectorySource } from '../files/directorySource.js';
import type { FileSource } from '../files/fileSource.js';

/** Rebuilds write hundreds of files in a burst: index once the burst is over. */
const SETTLE_MS = 300;

/**
 * The built viewer's files, indexed like a tileset (hashes, `.br`/`.gz` variants) and indexed
 * again when a rebuild changes the folder.
 */
export class StaticSite {
  readonly #dir: string;
  readonly #logger: Logger;
  #source: FileSource | undefined;
  #key = 'viewer';
  #watcher: FSWatcher | undefined;
  #settle: NodeJS.Timeout | undefined;

  constructor(dir: string, logger: Logger) {
    this.#dir = dir;
    this.#logger = logger;
  }

  get source(): FileSource | undefined {
    return this.#source;
  }

  /** Changes with every index, so cached bytes of an older build are never served. */
  get key(): string {
    return this.#key;
  }

  async start(): Promise<void> {
    await this.#index();
    try {
      // The top level is enough: every build rewrites index.html there.
      this.#watcher = watch(this.#dir, { persistent: false }, () => {
        clearTimeout(this.#settle);
        this.#settle = setTimeout(() => void this.#index(), SETTLE_MS);
        this.#settle.unref();
      });
      this.#watcher.on('error', () => undefined);
    } catch {
      // No viewer folder yet: the page route says it is not built.
    }
  }

  close(): void {
    clearTimeout(this.#settle);
    this.#watcher?.close();
  }

  async #index(): Promise<void> {
    if (!existsSync(this.#dir)) return;
    try {
      const source = await openDirectorySource(this.#dir);
      this.#source = source;
      this.#key = `viewer@${source.version}`;
    } catch (error) {
      this.#logger.warn({ err: error }, 'viewer files could not be indexed');
    }
  }
}
