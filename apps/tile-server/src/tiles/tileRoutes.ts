import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import type { CatalogResponse } from '@pengcheng/protocol';
import { setMetricsRoute } from '../metrics/httpMetrics.js';
import { contentTypeFor } from './contentTypes.js';
import type { TilesetCatalog } from './tilesetCatalog.js';

/** tileset.json and the catalog change on rebuild: revalidate. Content is addressed by version. */
function cacheControl(file: string): string {
  return /(^|\/)(tileset|manifest)\.json$/.test(file) || file.endsWith('.json')
    ? 'public, max-age=0, must-revalidate'
    : 'public, max-age=3600';
}

function staticFor(dir: string): RequestHandler {
  return express.static(dir, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    setHeaders: (res, file) => {
      res.set('Content-Type', contentTypeFor(file));
      res.set('Cache-Control', cacheControl(path.relative(dir, file).split(path.sep).join('/')));
    },
  });
}

/**
 * The catalog (`GET /api/v1/tilesets`) and the files of each tileset: 3D Tiles under
 * `/tiles/{id}/...`, imagery under `/imagery/{id}/{z}/{x}/{y}.ext`, exactly as stored.
 */
export function tileRoutes(catalog: TilesetCatalog): Router {
  const router = Router();
  const handlers = new Map<string, RequestHandler>();

  router.get('/api/v1/tilesets', async (_req, res, next) => {
    try {
      const body: CatalogResponse = { tilesets: (await catalog.list()).map((t) => t.entry) };
      res.set('Cache-Control', 'public, max-age=0, must-revalidate').json(body);
    } catch (error) {
      next(error);
    }
  });

  const serve: RequestHandler = async (req, res, next) => {
    try {
      const id = String(req.params.id);
      const tileset = await catalog.get(id);
      if (!tileset) {
        next();
        return;
      }
      setMetricsRoute(req, req.baseUrl.startsWith('/imagery') ? 'imagery' : 'tiles');
      let handler = handlers.get(tileset.dir);
      if (!handler) {
        handler = staticFor(tileset.dir);
        handlers.set(tileset.dir, handler);
      }
      handler(req, res, next);
    } catch (error) {
      next(error);
    }
  };
  router.use('/tiles/:id', serve);
  router.use('/imagery/:id', serve);
  return router;
}
