import { INCIDENT_CATEGORIES, type Kpis } from '@pengcheng/protocol';
import type { LiveConnection } from '../../state/liveSlice.js';

/**
 * Whether the panels have figures to show: `live` (current), `stale` (the last figures of a
 * connection that dropped), `waiting` (connecting, nothing yet) or `offline` (no feed at all).
 */
export type FeedState = 'live' | 'stale' | 'waiting' | 'offline';

export function feedState(connection: LiveConnection, kpis: Kpis | undefined): FeedState {
  if (kpis === undefined) return connection === 'offline' || connection === 'refused' ? 'offline' : 'waiting';
  return connection === 'live' || connection === 'replay' ? 'live' : 'stale';
}

export type DurationUnit = 'minutes' | 'hours' | 'days';

/** A duration as one readable figure: minutes under an hour, hours under two days, else days. */
export function durationFigure(ms: number): { readonly value: number; readonly unit: DurationUnit; readonly digits: 0 | 1 } {
  const minutes = Math.max(0, ms) / 60_000;
  if (minutes < 59.5) return { value: Math.round(minutes), unit: 'minutes', digits: 0 };
  const hours = minutes / 60;
  if (hours < 48) return { value: hours, unit: 'hours', digits: 1 };
  return { value: hours / 24, unit: 'days', digits: 1 };
}

/** A category row of the incident bars: the categories with most open incidents first. */
export interface CategoryCount {
  readonly category: keyof Kpis['incidents']['byCategory'];
  readonly count: number;
}

/**
 * The open incidents by category, most first (ties in the protocol's order), at most `rows`
 * rows: when there are more categories, the last row sums the rest, so the bars still add up.
 */
export function categoryRows(byCategory: Kpis['incidents']['byCategory'], rows: number): { readonly top: CategoryCount[]; readonly rest: { readonly categories: number; readonly count: number } | undefined } {
  const all = (Object.entries(byCategory) as [CategoryCount['category'], number | undefined][])
    .map(([category, count]) => ({ category, count: count ?? 0 }))
    .filter((row) => row.count > 0);
  const rank = (row: CategoryCount) => INCIDENT_CATEGORIES.indexOf(row.category);
  const ordered = all.sort((a, b) => b.count - a.count || rank(a) - rank(b));
  if (ordered.length <= rows) return { top: ordered, rest: undefined };
  const top = ordered.slice(0, rows - 1);
  const others = ordered.slice(rows - 1);
  return { top, rest: { categories: others.length, count: others.reduce((sum, row) => sum + row.count, 0) } };
}
