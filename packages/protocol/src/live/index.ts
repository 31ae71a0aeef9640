export * from './sensors.js';
export * from './observations.js';
export * from './ingest.js';
export * from './alarms.js';
export * from './incidents.js';
export * from './traffic.js';
export * from './auth.js';
export * from './scenarios.js';
