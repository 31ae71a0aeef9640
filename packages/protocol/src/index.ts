export * from './http/health.js';
export * from './http/error.js';
export * from './http/catalog.js';
export * from './http/tilesetManifest.js';
export * from './http/search.js';
export * from './geo/pilotArea.js';
export * from './district/index.js';
export * from './live/index.js';
