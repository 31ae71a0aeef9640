export * from './http/health.js';
export * from './http/error.js';
export * from './geo/pilotArea.js';
