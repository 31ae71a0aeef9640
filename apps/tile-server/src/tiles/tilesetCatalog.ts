import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { TilesetManifest, type CatalogEntry } from '@pengcheng/protocol';
import type { Logger } from 'pino';

export interface CatalogTileset {
  readonly entry: CatalogEntry;
  /** Absolute folder the tileset's files are served from. */
  readonly dir: string;
}

/** How long a scan is reused: the catalog follows rebuilds within this time. */
const RESCAN_MS = 2000;

/** Public URL of a tileset's entry; the version query makes every rebuild a new URL for caches. */
function entryUrl(manifest: TilesetManifest): string {
  if (manifest.kind === 'imagery') return `/imagery/${manifest.id}/${manifest.entry}`;
  return `/tiles/${manifest.id}/${manifest.entry}?v=${manifest.version}`;
}

/**
 * The tilesets under TILESETS_DIR, one per folder holding a valid manifest.json. A folder with
 * a missing or invalid manifest is left out and logged once, never served.
 */
export class TilesetCatalog {
  readonly #dir: string;
  readonly #logger: Logger;
  #tilesets = new Map<string, CatalogTileset>();
  #scannedAt = 0;
  #scanning: Promise<void> | undefined;
  readonly #reported = new Set<string>();

  constructor(dir: string, logger: Logger) {
    this.#dir = dir;
    this.#logger = logger;
  }

  async list(): Promise<CatalogTileset[]> {
    await this.#fresh();
    return [...this.#tilesets.values()].sort((a, b) => a.entry.id.localeCompare(b.entry.id));
  }

  async get(id: string): Promise<CatalogTileset | undefined> {
    await this.#fresh();
    return this.#tilesets.get(id);
  }

  async #fresh(): Promise<void> {
    if (Date.now() - this.#scannedAt < RESCAN_MS) return;
    this.#scanning ??= this.#scan().finally(() => {
      this.#scanning = undefined;
    });
    await this.#scanning;
  }

  async #scan(): Promise<void> {
    const found = new Map<string, CatalogTileset>();
    if (existsSync(this.#dir)) {
      const folders = await readdir(this.#dir, { withFileTypes: true });
      for (const folder of folders) {
        if (!folder.isDirectory() || folder.name.startsWith('.')) continue;
        const dir = path.join(this.#dir, folder.name);
        const manifest = await this.#readManifest(dir, folder.name);
        if (manifest) found.set(manifest.id, { dir, entry: { ...manifestEntry(manifest), url: entryUrl(manifest) } });
      }
    }
    this.#tilesets = found;
    this.#scannedAt = Date.now();
  }

  async #readManifest(dir: string, folderName: string): Promise<TilesetManifest | undefined> {
    const file = path.join(dir, 'manifest.json');
    try {
      const manifest = TilesetManifest.parse(JSON.parse(await readFile(file, 'utf8')));
      if (manifest.id !== folderName) throw new Error(`manifest id ${manifest.id} differs from its folder`);
      return manifest;
    } catch (error) {
      if (!this.#reported.has(folderName)) {
        this.#reported.add(folderName);
        this.#logger.warn({ tileset: folderName, reason: (error as Error).message }, 'tileset folder skipped: no valid manifest.json');
      }
      return undefined;
    }
  }
}

function manifestEntry(manifest: TilesetManifest): CatalogEntry {
  const { build: _build, ...entry } = manifest;
  return entry;
}
