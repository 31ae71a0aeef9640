export * from './common.js';
export * from './buildings.js';
export * from './roads.js';
export * from './landcover.js';
export * from './pipelines.js';
export * from './furniture.js';
