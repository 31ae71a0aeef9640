import { existsSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import type { Logger } from 'pino';
import { HttpError } from '../http/httpError.js';
import { setMetricsRoute } from '../metrics/httpMetrics.js';

/** The app's own routes (its modes); anything else 404s as JSON instead of returning index.html. */
const APP_ROUTES = /^\/(?:(?:wall|desk|kiosk)\/?)?$/;

/**
 * The app page: index.html for the app's own routes (/, /wall, /desk, /kiosk), never cached
 * stale. The viewer's other files take the file fast path (viewerFastPath.ts).
 */
export function viewerRoutes(viewerDir: string, logger: Logger): Router {
  const router = Router();
  const indexFile = path.join(viewerDir, 'index.html');

  if (!existsSync(indexFile)) {
    logger.warn({ viewerDir }, 'viewer build not found: run `npm run build` (npm start does it)');
  }

  router.use((req, _res, next) => {
    setMetricsRoute(req, 'viewer');
    next();
  });

  router.get(/.*/, (req, res, next) => {
    if (!APP_ROUTES.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    if (!existsSync(indexFile)) {
      next(new HttpError(503, 'viewer_not_built', 'The viewer has not been built yet: run `npm start`.'));
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(indexFile, (error) => {
      if (error) next(error);
    });
  });

  return router;
}
