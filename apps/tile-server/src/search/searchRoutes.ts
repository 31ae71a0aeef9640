import { Router } from 'express';
import { SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, SEARCH_MAX_QUERY_LENGTH, type SearchResponse } from '@pengcheng/protocol';
import { z } from 'zod';
import { methodNotAllowed } from '../http/errorHandlers.js';
import { HttpError } from '../http/httpError.js';
import type { SearchIndex } from './searchIndex.js';

const qMessage = `q must be given once, 1 to ${SEARCH_MAX_QUERY_LENGTH} characters`;
const limitMessage = `limit must be a whole number from 1 to ${SEARCH_MAX_LIMIT}`;

const SearchParams = z.strictObject(
  {
    q: z
      .string({ message: qMessage })
      .transform((q) => q.trim())
      .pipe(z.string().min(1, { message: 'q must not be empty' }).max(SEARCH_MAX_QUERY_LENGTH, { message: qMessage })),
    limit: z
      .string({ message: limitMessage })
      .regex(/^\d{1,3}$/, { message: limitMessage })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: limitMessage }).max(SEARCH_MAX_LIMIT, { message: limitMessage }))
      .optional(),
  },
  { message: 'only q and limit are understood' },
);

/** `?q=&limit=`, or a 400 that says what is wrong. */
export function parseSearchQuery(query: unknown): { q: string; limit: number } {
  const parsed = SearchParams.safeParse(query);
  if (!parsed.success) {
    const reasons = parsed.error.issues.slice(0, 3).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    throw new HttpError(400, 'bad_request', reasons.join('; '));
  }
  return { q: parsed.data.q, limit: parsed.data.limit ?? SEARCH_DEFAULT_LIMIT };
}

/**
 * `GET /api/v1/search?q=&limit=`: the district's buildings, roads, places, cameras, poles and
 * pipes by name, address or id. Public like the tiles (the scene loads without logging in), and
 * cacheable for a minute: the index changes only with a new district build and a restart.
 */
export function searchRoutes(index: SearchIndex): Router {
  const router = Router();
  router
    .route('/api/v1/search')
    .get((req, res) => {
      const { q, limit } = parseSearchQuery(req.query);
      const { total, results } = index.search(q, limit);
      const body: SearchResponse = { query: q, total, results: [...results] };
      res.set('Cache-Control', 'public, max-age=60').json(body);
    })
    .all(methodNotAllowed('GET, HEAD'));
  return router;
}
