import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CatalogEntry, TilesetManifest, type LocalizedName } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import { openDirectorySource } from '../files/directorySource.js';
import type { FileSource } from '../files/fileSource.js';
import { openSqlitePackage } from '../files/packages/sqlitePackageSource.js';
import { openZipPackage } from '../files/packages/zipPackageSource.js';
import { tilesetBounds, type RootTile } from './tilesetBounds.js';

/** One tileset as served: its catalog entry and where its files come from. */
export interface ServedTileset {
  readonly entry: CatalogEntry;
  readonly source: FileSource;
  /** Unique per indexed version, so cached bytes of a replaced version are never served. */
  readonly key: string;
  /** URL prefix it is served under: 3D Tiles at /tiles, imagery at /imagery. */
  readonly route: 'tiles' | 'imagery';
  /** The file clients revalidate (tileset.json); everything else is addressed by version. */
  readonly entryFile: string | undefined;
}

export interface CatalogOptions {
  /** How often TILESETS_DIR is looked at again, watcher or not. */
  readonly rescanMs?: number;
  /** How long a replaced version stays open for requests already reading it. */
  readonly retireMs?: number;
}

const PACKAGE_EXTENSIONS = new Set(['.3tz', '.3dtiles']);
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const UNSTATED: LocalizedName = { zh: '来源未注明', en: 'Source not stated' };

interface Candidate {
  readonly name: string;
  readonly absolute: string;
  readonly fingerprint: string;
  readonly open: () => Promise<ServedTileset>;
}

/** A folder or package name as a catalog id: `Städtische Gebäude.3tz` → `st-dtische-geb-ude`. */
export function idFromName(name: string): string | undefined {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return ID_PATTERN.test(id) ? id : undefined;
}

function entryUrl(kind: CatalogEntry['kind'], id: string, entry: string, version: string): string {
  const prefix = kind === 'imagery' ? 'imagery' : 'tiles';
  return `/${prefix}/${id}/${entry}?v=${encodeURIComponent(version)}`;
}

async function readJson(source: FileSource, file: string): Promise<unknown> {
  const described = await source.describe(file);
  if (!described) return undefined;
  return JSON.parse((await source.read(described, 'identity')).toString('utf8')) as unknown;
}

/** A tileset another tool wrote: named after its folder or package, placed by its root tile. */
async function thirdPartyTileset(id: string, name: string, source: FileSource): Promise<ServedTileset> {
  const tileset = (await readJson(source, 'tileset.json')) as
    | { asset?: { version?: unknown; extras?: { name?: unknown; attribution?: unknown; copyright?: unknown } }; root?: RootTile }
    | undefined;
  if (!tileset || typeof tileset !== 'object' || typeof tileset.asset?.version !== 'string') {
    throw new Error('no tileset.json with an asset.version at its root');
  }
  const extras = tileset.asset.extras ?? {};
  const title = typeof extras.name === 'string' && extras.name.trim() ? extras.name.trim() : name;
  const credit = [extras.attribution, extras.copyright].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  const bounds = tilesetBounds(tileset.root);
  const entry = CatalogEntry.parse({
    id,
    kind: '3d-tiles',
    name: { zh: title, en: title },
    attribution: credit ? { zh: credit, en: credit } : UNSTATED,
    ...(bounds ? { bounds } : {}),
    version: source.version,
    entry: 'tileset.json',
    url: entryUrl('3d-tiles', id, 'tileset.json', source.version),
  });
  return { entry, source, key: `${id}@${source.version}`, route: 'tiles', entryFile: 'tileset.json' };
}

/**
 * The tilesets under TILESETS_DIR, each indexed once and served from memory-resident indexes:
 * folders with the asset pipeline's `manifest.json`, folders another tool wrote (a
 * `tileset.json` at their root) and 3D Tiles packages (`.3tz`, `.3dtiles`). A watcher and a
 * periodic rescan pick up rebuilds; a changed tileset is indexed in the background and swapped
 * in whole, so requests never see half an index.
 */
export class TilesetCatalog {
  readonly #dir: string;
  readonly #logger: Logger;
  readonly #rescanMs: number;
  readonly #retireMs: number;
  #served = new Map<string, ServedTileset>();
  /** Folder or package name of each served id. */
  #names = new Map<string, string>();
  #fingerprints = new Map<string, string>();
  /** Bumped by the watcher for a top-level name whose content changed. */
  readonly #changes = new Map<string, number>();
  readonly #reported = new Set<string>();
  #scanning: Promise<void> | undefined;
  #rescanAgain = false;
  #timer: NodeJS.Timeout | undefined;
  #watcher: FSWatcher | undefined;
  readonly #retiring = new Set<NodeJS.Timeout>();

  constructor(dir: string, logger: Logger, options: CatalogOptions = {}) {
    this.#dir = dir;
    this.#logger = logger;
    this.#rescanMs = options.rescanMs ?? 2000;
    this.#retireMs = options.retireMs ?? 30_000;
  }

  /** Indexes everything once, then keeps following changes until {@link close}. */
  async start(): Promise<void> {
    await this.refresh();
    this.#watch();
    this.#timer = setInterval(() => void this.refresh(), this.#rescanMs);
    this.#timer.unref();
  }

  /** The tileset with this id, from the last completed scan. Synchronous: the hot path. */
  lookup(id: string): ServedTileset | undefined {
    return this.#served.get(id);
  }

  list(): ServedTileset[] {
    return [...this.#served.values()].sort((a, b) => a.entry.id.localeCompare(b.entry.id));
  }

  /** Rescans now; concurrent calls share one scan, and a call during a scan queues one more. */
  refresh(): Promise<void> {
    if (this.#scanning) {
      this.#rescanAgain = true;
      return this.#scanning;
    }
    this.#scanning = this.#scan()
      .catch((error: unknown) => this.#logger.error({ err: error }, 'tileset scan failed'))
      .finally(() => {
        this.#scanning = undefined;
        if (this.#rescanAgain) {
          this.#rescanAgain = false;
          void this.refresh();
        }
      });
    return this.#scanning;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#watcher?.close();
    await this.#scanning;
    for (const timer of this.#retiring) clearTimeout(timer);
    await Promise.all([...this.#served.values()].map((t) => t.source.close()));
    this.#served.clear();
  }

  /** A file of this tileset no longer matches its index: read the tileset again on the next scan. */
  invalidate(id: string): void {
    const name = this.#names.get(id);
    if (name === undefined) return;
    this.#changes.set(name, (this.#changes.get(name) ?? 0) + 1);
    void this.refresh();
  }

  /**
   * Watches TILESETS_DIR itself, not its whole tree: a recursive watch on Linux costs one inotify
   * watch and one stat per file, which a folder of a million tiles cannot afford. Changes inside
   * a tileset show in the fingerprints each scan compares (manifest version, tileset.json time)
   * or, for a file edited in place, when its bytes stop matching the index.
   */
  #watch(): void {
    try {
      this.#watcher = watch(this.#dir, { persistent: false }, () => void this.refresh());
      this.#watcher.on('error', (error) => this.#logger.warn({ err: error }, 'tileset watcher failed: rescanning every few seconds only'));
    } catch (error) {
      this.#logger.warn({ err: error, dir: this.#dir }, 'cannot watch TILESETS_DIR: rescanning every few seconds only');
    }
  }

  async #scan(): Promise<void> {
    const candidates = await this.#candidates();
    const next = new Map<string, ServedTileset>();
    const fingerprints = new Map<string, string>();
    const names = new Map<string, string>();
    for (const candidate of candidates) {
      const id = idFromName(PACKAGE_EXTENSIONS.has(path.extname(candidate.name)) ? path.parse(candidate.name).name : candidate.name);
      if (!id) {
        this.#reportOnce(candidate, 'its name cannot be made into a tileset id');
        continue;
      }
      const current = this.#served.get(id);
      let served: ServedTileset | undefined = this.#fingerprints.get(id) === candidate.fingerprint ? current : undefined;
      if (!served) {
        try {
          served = await candidate.open();
          if (served.entry.id !== id) throw new Error(`manifest id ${served.entry.id} differs from its folder`);
          this.#logger.info({ tileset: id, files: served.source.fileCount, version: served.entry.version }, 'tileset indexed');
        } catch (error) {
          this.#reportOnce(candidate, (error as Error).message);
          continue;
        }
      }
      if (next.has(id)) {
        this.#reportOnce(candidate, `another tileset already has the id ${id}`);
        if (served !== current) await served.source.close();
        continue;
      }
      next.set(id, served);
      fingerprints.set(id, candidate.fingerprint);
      names.set(id, candidate.name);
    }
    const replaced = [...this.#served.values()].filter((old) => next.get(old.entry.id) !== old);
    this.#served = next;
    this.#fingerprints = fingerprints;
    this.#names = names;
    for (const old of replaced) this.#retire(old);
  }

  /** Closes a replaced version once requests already reading it have had time to finish. */
  #retire(old: ServedTileset): void {
    const timer = setTimeout(() => {
      this.#retiring.delete(timer);
      void old.source.close();
    }, this.#retireMs);
    timer.unref();
    this.#retiring.add(timer);
  }

  #reportOnce(candidate: Candidate, reason: string): void {
    const key = `${candidate.name}\0${candidate.fingerprint}\0${reason}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.#logger.warn({ tileset: candidate.name, reason }, 'not served as a tileset');
  }

  async #candidates(): Promise<Candidate[]> {
    let entries;
    try {
      entries = await readdir(this.#dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const candidates: Candidate[] = [];
    for (const dirent of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (dirent.name.startsWith('.')) continue;
      const absolute = path.join(this.#dir, dirent.name);
      const info = await stat(absolute).catch(() => undefined);
      if (!info) continue;
      const changes = this.#changes.get(dirent.name) ?? 0;
      if (info.isDirectory()) {
        const manifest = await readFile(path.join(absolute, 'manifest.json'), 'utf8').catch(() => undefined);
        if (manifest !== undefined) {
          // The pipeline swaps a rebuilt folder in whole: a new inode or version is a new tileset.
          const version = /"version"\s*:\s*"([^"]*)"/.exec(manifest)?.[1] ?? manifest.length;
          candidates.push({ name: dirent.name, absolute, fingerprint: `m:${info.ino}:${version}:${changes}`, open: () => this.#openBuilt(absolute, manifest) });
        } else {
          // Tools that regenerate a tileset rewrite its tileset.json: its time marks a new version.
          const root = await stat(path.join(absolute, 'tileset.json')).catch(() => undefined);
          candidates.push({
            name: dirent.name,
            absolute,
            fingerprint: `d:${info.ino}:${info.mtimeMs}:${root?.mtimeMs ?? 0}:${root?.size ?? 0}:${changes}`,
            open: async () => thirdPartyTileset(idFromName(dirent.name) ?? '', dirent.name, await openDirectorySource(absolute)),
          });
        }
      } else if (info.isFile() && PACKAGE_EXTENSIONS.has(path.extname(dirent.name).toLowerCase())) {
        const name = path.parse(dirent.name).name;
        candidates.push({
          name: dirent.name,
          absolute,
          fingerprint: `p:${info.ino}:${info.size}:${info.mtimeMs}:${changes}`,
          open: async () => {
            const source = path.extname(dirent.name).toLowerCase() === '.3tz' ? await openZipPackage(absolute) : openSqlitePackage(absolute);
            try {
              return await thirdPartyTileset(idFromName(name) ?? '', name, source);
            } catch (error) {
              await source.close();
              throw error;
            }
          },
        });
      }
    }
    return candidates;
  }

  /** A tileset the asset pipeline built: its manifest says what it is. */
  async #openBuilt(absolute: string, manifestText: string): Promise<ServedTileset> {
    const { build: _build, ...manifest } = TilesetManifest.parse(JSON.parse(manifestText));
    const source = await openDirectorySource(absolute);
    const route = manifest.kind === 'imagery' ? 'imagery' : 'tiles';
    return {
      entry: { ...manifest, url: entryUrl(manifest.kind, manifest.id, manifest.entry, manifest.version) },
      source,
      key: `${manifest.id}@${manifest.version}@${source.version}`,
      route,
      entryFile: route === 'tiles' ? manifest.entry : undefined,
    };
  }
}
