import { readFile } from 'node:fs/promises';
import path from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { point, polygon } from '@turf/helpers';
import { ResponsibilityList, type IncidentCategory, type Position } from '@pengcheng/protocol';

export interface ResponsibilityArea {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en?: string };
}

/** The responsibility list (责任清单), loaded: which department answers for what, where. */
export interface Responsibilities {
  /** The first area whose polygon holds the position (its edge included). */
  areaOf(position: Pick<Position, 'lon' | 'lat'>): ResponsibilityArea | undefined;
  /** The department of the first rule matching the category and the position's area. */
  departmentFor(category: IncidentCategory, position: Pick<Position, 'lon' | 'lat'>): string;
}

/** Checks what the schema cannot: known area ids, closed rings, a rule that catches everything. */
function problems(list: ResponsibilityList): string[] {
  const found: string[] = [];
  const ids = new Set<string>();
  for (const area of list.areas) {
    if (ids.has(area.id)) found.push(`area ${area.id} is listed twice`);
    ids.add(area.id);
    const first = area.ring[0];
    const last = area.ring.at(-1);
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) found.push(`area ${area.id}: the ring must end where it starts`);
  }
  list.rules.forEach((rule, i) => {
    if (rule.area !== '*' && !ids.has(rule.area)) found.push(`rules.${i}: no area ${rule.area}`);
  });
  if (!list.rules.some((r) => r.category === '*' && r.area === '*')) found.push('rules: needs a last rule with category "*" and area "*", so every incident has a department');
  return found;
}

/** Builds the lookups from a list already checked, or throws with every problem found. */
export function createResponsibilities(input: unknown): Responsibilities {
  const parsed = ResponsibilityList.safeParse(input);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '));
  }
  const list = parsed.data;
  const found = problems(list);
  if (found.length > 0) throw new Error(found.join('; '));

  const areas: { area: ResponsibilityArea; shape: ReturnType<typeof polygon> }[] = list.areas.map((a) => ({
    area: { id: a.id, name: a.name },
    shape: polygon([a.ring]),
  }));

  function areaOf(position: Pick<Position, 'lon' | 'lat'>): ResponsibilityArea | undefined {
    const at = point([position.lon, position.lat]);
    return areas.find(({ shape }) => booleanPointInPolygon(at, shape))?.area;
  }

  return {
    areaOf,
    departmentFor(category, position) {
      const areaId = areaOf(position)?.id;
      const rule = list.rules.find((r) => (r.category === '*' || r.category === category) && (r.area === '*' || r.area === areaId));
      // problems() guarantees a catch-all rule, so a rule always matches.
      return (rule as (typeof list.rules)[number]).department;
    },
  };
}

/** Reads and checks the list from a JSON file; the error names the file and what is wrong. */
export async function loadResponsibilities(file: string): Promise<Responsibilities> {
  const name = path.basename(file);
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`responsibility list ${name}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return createResponsibilities(input);
  } catch (error) {
    throw new Error(`responsibility list ${name}: ${(error as Error).message}`, { cause: error });
  }
}
