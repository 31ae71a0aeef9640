import { Router } from 'express';
import type { CatalogResponse } from '@pengcheng/protocol';
import { methodNotAllowed } from '../http/errorHandlers.js';
import { REVALIDATE } from './tileFastPath.js';
import type { TilesetCatalog } from './tilesetCatalog.js';

/** `GET /api/v1/tilesets`: every served tileset, revalidated by ETag like tileset.json. */
export function catalogRoutes(catalog: TilesetCatalog): Router {
  const router = Router();
  router
    .route('/api/v1/tilesets')
    .get((_req, res) => {
      const body: CatalogResponse = { tilesets: catalog.list().map((t) => t.entry) };
      res.set('Cache-Control', REVALIDATE).json(body);
    })
    .all(methodNotAllowed('GET, HEAD'));
  return router;
}
