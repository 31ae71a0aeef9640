import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, normalizePath } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import { precompress } from './build/precompressPlugin';

const require = createRequire(import.meta.url);
// Cesium's workers, textures and widget CSS are served by our own server: nothing is fetched
// from a CDN or Cesium ion at run time.
const cesiumBuild = path.join(path.dirname(require.resolve('cesium/package.json')), 'Build/Cesium');
const CESIUM_BASE_URL = '/cesium/';

export default defineConfig({
  plugins: [
    react(),
    viteStaticCopy({
      // Each folder is copied whole into cesium/, keeping Cesium's own layout.
      targets: ['Workers', 'ThirdParty', 'Assets', 'Widgets'].map((folder) => ({
        src: normalizePath(path.join(cesiumBuild, folder)),
        dest: 'cesium',
      })),
    }),
    precompress(),
  ],
  define: {
    CESIUM_BASE_URL: JSON.stringify(CESIUM_BASE_URL),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/tiles': 'http://localhost:8080',
      '/imagery': 'http://localhost:8080',
    },
  },
});
