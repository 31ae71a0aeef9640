import { Router, type Response } from 'express';
import type { LatestObservationsResponse, ObservationHistoryResponse, Sensor, SensorListResponse } from '@pengcheng/protocol';
import { principalOf, requirePermission } from '../auth/authMiddleware.js';
import { methodNotAllowed } from '../http/errorHandlers.js';
import { HttpError } from '../http/httpError.js';
import type { LiveRepository } from '../storage/liveRepository.js';
import { parseHistoryQuery, parseLatestQuery } from './observationQueries.js';
import type { SensorDirectory } from './sensorDirectory.js';

export interface SensorRoutesOptions {
  readonly directory: SensorDirectory;
  readonly repository: Pick<LiveRepository, 'observationHistory' | 'latestObservations'>;
  readonly now?: () => number;
}

/** Kiosks are public screens: they see only the sensors marked public. */
function visibleTo(res: Response): (sensor: Sensor | undefined) => sensor is Sensor {
  const publicOnly = principalOf(res)?.role === 'kiosk';
  return (sensor): sensor is Sensor => sensor !== undefined && (!publicOnly || sensor.public);
}

/**
 * The sensor registry and its observations, read-only: `GET /api/v1/sensors`,
 * `/api/v1/sensors/:id`, `/api/v1/sensors/:id/observations` and `/api/v1/observations/latest`.
 * Expects `authenticate` to have run; every route needs `live:read`.
 */
export function sensorRoutes({ directory, repository, now = Date.now }: SensorRoutesOptions): Router {
  const router = Router();
  const mayRead = requirePermission('live:read');

  const visibleSensor = (id: string, res: Response): Sensor => {
    const sensor = directory.get(id);
    // A kiosk is told a non-public sensor does not exist, not that it may not see it.
    if (!visibleTo(res)(sensor)) throw new HttpError(404, 'not_found', 'There is no such sensor.');
    return sensor;
  };

  router
    .route('/api/v1/sensors')
    .get(mayRead, (_req, res) => {
      const body: SensorListResponse = { sensors: directory.list().filter(visibleTo(res)) };
      res.set('Cache-Control', 'no-store').json(body);
    })
    .all(methodNotAllowed('GET, HEAD'));

  router
    .route('/api/v1/sensors/:id')
    .get(mayRead, (req, res) => {
      res.set('Cache-Control', 'no-store').json(visibleSensor(req.params.id, res));
    })
    .all(methodNotAllowed('GET, HEAD'));

  router
    .route('/api/v1/sensors/:id/observations')
    .get(mayRead, async (req, res) => {
      const sensor = visibleSensor(req.params.id, res);
      const range = parseHistoryQuery(req.query, now());
      const history = await repository.observationHistory({ sensorId: sensor.id, ...range });
      const body: ObservationHistoryResponse = { sensorId: sensor.id, ...history };
      res.set('Cache-Control', 'no-store').json(body);
    })
    .all(methodNotAllowed('GET, HEAD'));

  router
    .route('/api/v1/observations/latest')
    .get(mayRead, async (req, res) => {
      const requested = parseLatestQuery(req.query);
      const visible = visibleTo(res);
      // Unknown ids are left out rather than refused: a screen may name a sensor since retired.
      const ids = (requested === undefined ? directory.list() : requested.map((id) => directory.get(id))).filter(visible).map((sensor) => sensor.id);
      const observations = ids.length === 0 ? [] : await repository.latestObservations(ids);
      const body: LatestObservationsResponse = { observations: observations.filter((observation) => visible(directory.get(observation.sensorId))) };
      res.set('Cache-Control', 'no-store').json(body);
    })
    .all(methodNotAllowed('GET, HEAD'));
  return router;
}
