import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import type { Logger } from 'pino';
import { HttpError } from '../http/httpError.js';
import { setMetricsRoute } from '../metrics/httpMetrics.js';

/** The app's own routes (its modes); anything else 404s as JSON instead of returning index.html. */
const APP_ROUTES = /^\/(?:(?:wall|desk|kiosk)\/?)?$/;

function cacheHeaders(res: Response, filePath: string, viewerDir: string): void {
  const relative = path.relative(viewerDir, filePath).split(path.sep).join('/');
  if (relative.startsWith('assets/')) {
    // Vite puts a content hash in every file name under assets/.
    res.set('Cache-Control', 'public, max-age=31536000, immutable');
  } else if (relative.startsWith('cesium/')) {
    // Cesium's workers and textures keep their names across versions: cache, then revalidate.
    res.set('Cache-Control', 'public, max-age=86400, must-revalidate');
  } else {
    res.set('Cache-Control', 'no-cache');
  }
}

/**
 * Serves the built viewer: its hashed assets, Cesium's static files, and index.html for the
 * app's own routes (/wall, /desk, /kiosk, ...).
 */
export function viewerRoutes(viewerDir: string, logger: Logger): Router {
  const router = Router();
  const indexFile = path.join(viewerDir, 'index.html');

  if (!existsSync(indexFile)) {
    logger.warn({ viewerDir }, 'viewer build not found: run `npm run build` (npm start does it)');
  }

  router.use((req, _res, next) => {
    setMetricsRoute(req, req.path.startsWith('/cesium/') ? 'viewer:cesium' : 'viewer');
    next();
  });
  router.use(
    express.static(viewerDir, {
      index: false,
      fallthrough: true,
      redirect: false,
      setHeaders: (res, filePath) => cacheHeaders(res, filePath, viewerDir),
    }),
  );

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
