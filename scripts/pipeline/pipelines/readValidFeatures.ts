import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ZodType } from 'zod';

export interface ValidFeature<P, G> {
  readonly properties: P;
  readonly geometry: G;
}

export interface ValidFeatures<P, G> {
  readonly features: ValidFeature<P, G>[];
  /** Features left out, each logged with its reason. */
  readonly skipped: number;
}

/**
 * The features of a GeoJSON FeatureCollection file whose properties pass their schema, whose id
 * is not taken by an earlier feature and whose geometry `parseGeometry` accepts (it returns the
 * reason when it does not). Every other feature is skipped and logged, never passed on. A missing
 * optional file is logged and yields nothing; a missing required one, or one that is not a
 * FeatureCollection, throws.
 */
export async function readValidFeatures<P extends { readonly id: string }, G>(
  file: string,
  schema: ZodType<P>,
  parseGeometry: (geometry: unknown) => G | string,
  options: { readonly required: boolean; readonly log: (message: string) => void },
): Promise<ValidFeatures<P, G>> {
  const name = path.basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || options.required) throw error;
    options.log(`${name}: not found, built without it`);
    return { features: [], skipped: 0 };
  }
  const collection = JSON.parse(text) as { type?: unknown; features?: unknown };
  if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) throw new Error(`${name}: not a GeoJSON FeatureCollection`);

  const features: ValidFeature<P, G>[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const [index, feature] of (collection.features as unknown[]).entries()) {
    const raw = (feature as { properties?: unknown } | null)?.properties;
    const rawId = (raw as { id?: unknown } | null)?.id;
    const skip = (reason: string): void => {
      options.log(`${name}: ${typeof rawId === 'string' ? rawId : `feature ${index}`}: skipped: ${reason}`);
      skipped++;
    };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skip(`invalid properties: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem'}`);
      continue;
    }
    if (seen.has(parsed.data.id)) {
      skip('another feature already has this id');
      continue;
    }
    const geometry = parseGeometry((feature as { geometry?: unknown }).geometry);
    if (typeof geometry === 'string') {
      skip(geometry);
      continue;
    }
    seen.add(parsed.data.id);
    features.push({ properties: parsed.data, geometry });
  }
  return { features, skipped };
}
