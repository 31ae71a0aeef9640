import { Router, type Response } from 'express';
import { AcknowledgeAlarmRequest, AssetId, type Alarm, type AlarmListResponse } from '@pengcheng/protocol';
import { z } from 'zod';
import { principalOf, requirePermission } from '../auth/authMiddleware.js';
import { methodNotAllowed } from '../http/errorHandlers.js';
import { HttpError } from '../http/httpError.js';
import { jsonBody } from '../incidents/jsonBody.js';
import { parseInput } from '../incidents/parseInput.js';
import { isPublicScreen, redactAudit } from '../incidents/redactIncident.js';
import type { AlarmEngine, SensorLookup } from './alarmEngine.js';

const AlarmListQuery = z.object({
  open: z.enum(['true', 'false']).optional(),
  sensorId: AssetId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export interface AlarmRoutesDeps {
  readonly alarms: Pick<AlarmEngine, 'acknowledge' | 'get' | 'list'>;
  readonly sensors: SensorLookup;
}

/**
 * `GET /api/v1/alarms`, `GET /api/v1/alarms/{id}`, `POST /api/v1/alarms/{id}/acknowledge`.
 * Every reader needs `live:read`; a kiosk sees only the alarms of public sensors.
 */
/** How many of the newest alarms a kiosk's list is drawn from. */
const KIOSK_SCAN = 1000;

export function alarmRoutes({ alarms, sensors }: AlarmRoutesDeps): Router {
  const router = Router();

  function visible(res: Response, alarm: Alarm): boolean {
    return principalOf(res)?.role !== 'kiosk' || sensors.get(alarm.sensorId)?.public === true;
  }

  /** What a reader may see of an alarm: a public screen does not learn who acknowledged it. */
  function shown(res: Response, alarm: Alarm): Alarm {
    if (!isPublicScreen(principalOf(res))) return alarm;
    const { acknowledgedBy: _by, ...rest } = alarm;
    return { ...rest, audit: redactAudit(alarm.audit) };
  }

  router
    .route('/api/v1/alarms')
    .get(requirePermission('live:read'), async (req, res) => {
      const query = parseInput(AlarmListQuery, req.query, 'query');
      // A kiosk sees only public sensors' alarms: it is given those among the newest ones, so
      // that hidden alarms do not eat into its limit.
      const kiosk = principalOf(res)?.role === 'kiosk';
      const limit = kiosk ? Math.max(query.limit, KIOSK_SCAN) : query.limit;
      const found = await alarms.list({ limit, ...(query.open ? { open: query.open === 'true' } : {}), ...(query.sensorId ? { sensorId: query.sensorId } : {}) });
      const body: AlarmListResponse = { alarms: found.filter((alarm) => visible(res, alarm)).slice(0, query.limit).map((alarm) => shown(res, alarm)) };
      res.set('Cache-Control', 'no-store').json(body);
    })
    .all(methodNotAllowed('GET, HEAD'));

  router
    .route('/api/v1/alarms/:id')
    .get(requirePermission('live:read'), async (req, res) => {
      const alarm = await alarms.get(req.params.id);
      // A kiosk is told nothing about alarms it may not see, not even that they exist.
      if (!alarm || !visible(res, alarm)) throw new HttpError(404, 'not_found', 'There is no such alarm.');
      res.set('Cache-Control', 'no-store').json(shown(res, alarm));
    })
    .all(methodNotAllowed('GET, HEAD'));

  router
    .route('/api/v1/alarms/:id/acknowledge')
    .post(requirePermission('alarms:acknowledge'), jsonBody, async (req, res) => {
      const { note } = parseInput(AcknowledgeAlarmRequest, req.body, 'acknowledgement');
      const principal = principalOf(res);
      if (!principal) throw new HttpError(401, 'unauthenticated', 'Log in first.');
      res.json(await alarms.acknowledge(req.params.id, principal, note));
    })
    .all(methodNotAllowed('POST'));

  return router;
}
