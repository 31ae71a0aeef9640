import type { SensorState } from './sensorState.js';

/**
 * State colours, shared by the scene symbols and the panel's badge: green-cyan for normal, amber,
 * red, grey; each state also differs in shape or text, never in colour alone.
 */
export const STATE_COLOURS: Record<SensorState, string> = {
  normal: '#2fd3b4',
  warning: '#ffb020',
  alarm: '#ff3b3b',
  offline: '#8a94a6',
};

/** The dark edge around symbols and badges, so they read over bright imagery and buildings. */
export const SYMBOL_OUTLINE = '#0a1424';
