import { Router } from 'express';
import {
  CreateIncidentRequest,
  IncidentState,
  TransitionIncidentRequest,
  UpdateIncidentRequest,
  type IncidentListResponse,
} from '@pengcheng/protocol';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { principalOf, requirePermission } from '../auth/authMiddleware.js';
import { methodNotAllowed } from '../http/errorHandlers.js';
import { HttpError } from '../http/httpError.js';
import type { IncidentService } from './incidentService.js';
import { redactIncident } from './redactIncident.js';
import { jsonBody } from './jsonBody.js';
import { parseInput } from './parseInput.js';

const IncidentListQuery = z.object({
  /** One state or several, comma-separated: `state=reported,dispatched`. */
  state: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(IncidentState).min(1))
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

function actor(principal: Principal | undefined): Principal {
  // requirePermission ran first, so a writer is always known.
  if (!principal) throw new HttpError(401, 'unauthenticated', 'Log in first.');
  return principal;
}

/**
 * `GET/POST /api/v1/incidents`, `GET/PATCH /api/v1/incidents/{id}`,
 * `POST /api/v1/incidents/{id}/transitions`. Readers need `live:read` and see a caller's
 * personal data only with `personal-data:read`; every write needs `incidents:write`.
 */
export function incidentRoutes(incidents: Pick<IncidentService, 'create' | 'get' | 'list' | 'transition' | 'update'>): Router {
  const router = Router();
  const write = requirePermission('incidents:write');

  router
    .route('/api/v1/incidents')
    .get(requirePermission('live:read'), async (req, res) => {
      const query = parseInput(IncidentListQuery, req.query, 'query');
      const found = await incidents.list({ limit: query.limit, ...(query.state ? { states: query.state } : {}) });
      const body: IncidentListResponse = { incidents: found.map((i) => redactIncident(i, principalOf(res))) };
      res.set('Cache-Control', 'no-store').json(body);
    })
    .post(write, jsonBody, async (req, res) => {
      const request = parseInput(CreateIncidentRequest, req.body, 'incident');
      const created = await incidents.create(request, actor(principalOf(res)));
      res.status(201).location(`/api/v1/incidents/${created.id}`).json(created);
    })
    .all(methodNotAllowed('GET, HEAD, POST'));

  router
    .route('/api/v1/incidents/:id')
    .get(requirePermission('live:read'), async (req, res) => {
      const incident = await incidents.get(req.params.id);
      if (!incident) throw new HttpError(404, 'not_found', 'There is no such incident.');
      res.set('Cache-Control', 'no-store').json(redactIncident(incident, principalOf(res)));
    })
    .patch(write, jsonBody, async (req, res) => {
      const request = parseInput(UpdateIncidentRequest, req.body, 'update');
      res.json(await incidents.update(req.params.id, request, actor(principalOf(res))));
    })
    .all(methodNotAllowed('GET, HEAD, PATCH'));

  router
    .route('/api/v1/incidents/:id/transitions')
    .post(write, jsonBody, async (req, res) => {
      const request = parseInput(TransitionIncidentRequest, req.body, 'transition');
      res.json(await incidents.transition(req.params.id, request, actor(principalOf(res))));
    })
    .all(methodNotAllowed('POST'));

  return router;
}
