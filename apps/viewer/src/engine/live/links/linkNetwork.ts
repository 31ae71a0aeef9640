import { asCongestion, type Congestion } from './linkPalette.js';

/** One road link as drawn: its id (the edge's `properties.id`) and its line, lon/lat degrees. */
export interface LinkLine {
  readonly id: string;
  readonly coordinates: readonly (readonly [number, number])[];
  readonly lanes?: number;
}

export interface PreparedNetwork {
  readonly links: readonly LinkLine[];
  /** Ids dropped: repeated (the first line wins) or with fewer than two distinct points. */
  readonly skipped: readonly string[];
}

/**
 * The lines the layer can draw: one per id, each with at least two distinct points (repeated
 * points removed, since a zero-length segment has no direction to widen the line along).
 */
export function prepareNetwork(lines: readonly LinkLine[]): PreparedNetwork {
  const seen = new Set<string>();
  const links: LinkLine[] = [];
  const skipped: string[] = [];
  for (const line of lines) {
    const coordinates: [number, number][] = [];
    for (const [lon, lat] of line.coordinates) {
      const last = coordinates[coordinates.length - 1];
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
      if (last && last[0] === lon && last[1] === lat) continue;
      coordinates.push([lon, lat]);
    }
    if (seen.has(line.id) || coordinates.length < 2) {
      skipped.push(line.id);
      continue;
    }
    seen.add(line.id);
    links.push({ ...line, coordinates });
  }
  return { links, skipped };
}

export interface LinkLevelUpdate {
  readonly linkId: string;
  readonly congestion: number;
  readonly timeMs: number;
}

/**
 * The congestion level of each link of a network, kept from the states received. `apply`
 * answers which links changed level, so only those are repainted; a state older than the one
 * held, for a link the network does not have, or with a level outside 0–3 changes nothing.
 */
export class LinkLevels {
  private readonly levels = new Map<string, { congestion: Congestion; timeMs: number }>();

  constructor(private readonly known: ReadonlySet<string>) {}

  apply(states: Iterable<LinkLevelUpdate>): string[] {
    const changed = new Set<string>();
    for (const state of states) {
      const congestion = asCongestion(state.congestion);
      if (congestion === undefined || !this.known.has(state.linkId)) continue;
      const held = this.levels.get(state.linkId);
      if (held && held.timeMs > state.timeMs) continue;
      if (!held || held.congestion !== congestion) changed.add(state.linkId);
      this.levels.set(state.linkId, { congestion, timeMs: state.timeMs });
    }
    return [...changed];
  }

  levelOf(linkId: string): Congestion | undefined {
    return this.levels.get(linkId)?.congestion;
  }

  get coloured(): number {
    return this.levels.size;
  }

  /** Forgets every state; answers the links that had one (they go back to no data). */
  clear(): string[] {
    const had = [...this.levels.keys()];
    this.levels.clear();
    return had;
  }
}
