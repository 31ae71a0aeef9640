import { Router } from 'express';
import type { DistrictProfile } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import { methodNotAllowed } from '../http/errorHandlers.js';
import { HttpError } from '../http/httpError.js';
import { REVALIDATE } from '../tiles/tileFastPath.js';
import { computeDistrictProfile, readDistrictSource } from './districtProfile.js';

export interface DistrictProfileOptions {
  readonly districtDir: string;
  readonly sensorsFile: string;
  readonly logger: Logger;
}

/**
 * `GET /api/v1/district/profile`: the district in figures (buildings by use, pipeline km by
 * network, the sensor registry by kind, its landmarks), public like the catalog. Counted once,
 * on the first request: the source files change only with a new build of the district.
 */
export function districtProfileRoutes({ districtDir, sensorsFile, logger }: DistrictProfileOptions): Router {
  let profile: Promise<DistrictProfile> | undefined;
  const load = (): Promise<DistrictProfile> => {
    profile ??= readDistrictSource(districtDir, sensorsFile)
      .then(computeDistrictProfile)
      .catch((error: unknown) => {
        // Not cached: a district written after the server started is counted on the next request.
        profile = undefined;
        logger.warn({ err: error }, 'district profile unavailable');
        throw new HttpError(503, 'district_profile_unavailable', 'The district profile cannot be counted from the source data.');
      });
    return profile;
  };

  const router = Router();
  router
    .route('/api/v1/district/profile')
    .get(async (req, res) => {
      const body = await load();
      res.set('Cache-Control', REVALIDATE).set('ETag', `"${body.version}"`);
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      res.json(body);
    })
    .all(methodNotAllowed('GET, HEAD'));
  return router;
}
