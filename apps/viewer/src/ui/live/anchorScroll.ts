export interface Anchored {
  /** Where the scroller should be so the row the user was reading stays where it was. */
  readonly scrollTop: number;
  /** How many rows arrived above that row, out of the user's sight. */
  readonly insertedAbove: number;
}

/**
 * Keeps the user's place when rows come or go above it. The anchor is the row at the top of the
 * viewport (or, if it went away, the next one below that is still listed); a list scrolled to
 * the top stays at the top so new rows show up there. Rows whose ids are in `known` (rows
 * a filter had hidden) move the anchor but are not counted as arrivals.
 */
export function anchorScroll(previousIds: readonly string[], nextIds: readonly string[], scrollTop: number, rowHeight: number, known: ReadonlySet<string> = new Set(previousIds)): Anchored {
  if (scrollTop <= 0 || rowHeight <= 0) return { scrollTop: Math.max(0, scrollTop), insertedAbove: 0 };
  const next = new Map(nextIds.map((id, index) => [id, index]));
  const top = Math.floor(scrollTop / rowHeight);
  for (let i = top; i < previousIds.length; i += 1) {
    const index = next.get(previousIds[i] as string);
    if (index === undefined) continue;
    const insertedAbove = nextIds.slice(0, index).filter((id) => !known.has(id)).length;
    return { scrollTop: index * rowHeight + (i === top ? scrollTop - top * rowHeight : 0), insertedAbove };
  }
  return { scrollTop, insertedAbove: 0 };
}
