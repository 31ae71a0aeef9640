import type { Incident, IncidentCategory, IncidentSeverity, IncidentState } from '@pengcheng/protocol';

/** The glyph a marker carries: one per category, a few categories share the nearest picture. */
export type IncidentGlyph = 'flame' | 'burst' | 'waves' | 'digger' | 'crossing' | 'bridge' | 'hole' | 'car' | 'leaf' | 'facility' | 'exclamation';

export const CATEGORY_GLYPHS: Readonly<Record<IncidentCategory, IncidentGlyph>> = {
  gas_leak: 'flame',
  water_main_burst: 'burst',
  waterlogging: 'waves',
  third_party_damage: 'digger',
  pipeline_interaction: 'crossing',
  bridge_risk: 'bridge',
  road_subsidence: 'hole',
  traffic: 'car',
  environment: 'leaf',
  public_facility: 'facility',
  other: 'exclamation',
};

/**
 * Severity colours, hotter for worse: blue, amber, orange, red. The marker's size also grows
 * with severity, so colour is never the only cue.
 */
export const SEVERITY_COLOURS: Readonly<Record<IncidentSeverity, string>> = {
  low: '#37b6ff',
  medium: '#ffb020',
  high: '#ff7a1a',
  critical: '#ff3b3b',
};

const SEVERITY_SCALE: Readonly<Record<IncidentSeverity, number>> = { low: 0.9, medium: 1, high: 1.15, critical: 1.3 };

/**
 * Where the incident is in the loop, as the marker's ring: `pulse` awaits dispatch (a ring that
 * throbs), `dashed` is dispatched but nobody is on site yet, `solid` is being handled, `check` is
 * resolved and awaits closing (dimmed, with a tick).
 */
export type MarkerRing = 'pulse' | 'dashed' | 'solid' | 'check';

const STATE_RINGS: Readonly<Record<Exclude<IncidentState, 'closed'>, MarkerRing>> = {
  reported: 'pulse',
  dispatched: 'dashed',
  handling: 'solid',
  resolved: 'check',
};

export interface MarkerStyle {
  readonly glyph: IncidentGlyph;
  readonly colour: string;
  readonly ring: MarkerRing;
  /** Marker diameter on screen, CSS pixels. */
  readonly sizePx: number;
  /** Names the drawn image: markers with the same key share one texture. */
  readonly imageKey: string;
}

/** How an open incident's marker looks; undefined for a closed one, which the map does not show. */
export function markerStyle(incident: Pick<Incident, 'category' | 'severity' | 'state'>, basePx: number): MarkerStyle | undefined {
  if (incident.state === 'closed') return undefined;
  const glyph = CATEGORY_GLYPHS[incident.category];
  const ring = STATE_RINGS[incident.state];
  return {
    glyph,
    colour: SEVERITY_COLOURS[incident.severity],
    ring,
    sizePx: Math.round(basePx * SEVERITY_SCALE[incident.severity]),
    imageKey: `${glyph}:${incident.severity}:${ring}`,
  };
}

/** The label under a marker: the title, cut to a length that stays readable over the scene. */
export function shortTitle(title: string, maxChars = 14): string {
  const chars = Array.from(title.trim());
  return chars.length <= maxChars ? chars.join('') : `${chars.slice(0, maxChars - 1).join('')}…`;
}
