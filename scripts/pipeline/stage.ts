import type { CatalogBounds, CatalogEntry } from '@pengcheng/protocol';

/** What a pipeline stage gets: where to read, where to write, how to report. */
export interface StageContext {
  /** Folder of source GIS files (assets/source in the product; a fixture folder in tests). */
  readonly sourceDir: string;
  /** Empty folder the stage writes its tileset into (assets/tilesets/<id>/ in the product). */
  readonly outDir: string;
  /** Progress for the progress bar: `done` of `total` units (features, tiles...). */
  onProgress(done: number, total: number): void;
  /** A line for the build log (warnings: skipped features and why). */
  log(message: string): void;
}

/** What a stage reports, for the catalog manifest and the build summary. */
export interface StageResult {
  /** Path of the entry file relative to outDir: `tileset.json`, `{z}/{x}/{y}.webp`, a GeoJSON file. */
  readonly entry: string;
  readonly bounds: CatalogBounds;
  /** Source features turned into output (buildings, pipe segments, ...). */
  readonly features: number;
  /** Features read but skipped (invalid, duplicate...), each explained through `log`. */
  readonly skipped: number;
  /** Content files written (glb, image tiles...). */
  readonly tiles: number;
  readonly imagery?: CatalogEntry['imagery'];
}

/**
 * One step of `npm run build:assets`: turns source files into one servable tileset. Writes plain
 * files only; the runner hashes, precompresses (.br, .gz) and writes the manifest.
 */
export interface PipelineStage {
  readonly id: CatalogEntry['id'];
  readonly kind: CatalogEntry['kind'];
  readonly name: CatalogEntry['name'];
  readonly attribution: CatalogEntry['attribution'];
  /** Source files (relative to sourceDir) whose content decides whether to rebuild. */
  readonly inputs: readonly string[];
  run(context: StageContext): Promise<StageResult>;
}
