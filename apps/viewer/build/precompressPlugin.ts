import path from 'node:path';
import type { Plugin } from 'vite';
import { precompressFolder } from '../../../scripts/pipeline/runner/precompress';

/** Text and binary formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|json|wasm|svg|xml|txt|glb|gltf|bin)$/i;

/**
 * Writes `.br` and `.gz` next to every compressible file of the build, Cesium's copied workers
 * and assets included, with the asset pipeline's own precompression, so the tile server sends
 * compressed bytes without compressing per request.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'pengcheng-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const written = await precompressFolder(outDir, { include: (file) => COMPRESSIBLE.test(file), minBytes: 1024 });
      this.info(`precompressed ${written} files (.br, .gz)`);
    },
  };
}
