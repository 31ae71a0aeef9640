import express, { Router } from 'express';
import { StartScenarioRequest } from '@pengcheng/protocol';
import { requirePermission } from '../auth/authMiddleware.js';
import { methodNotAllowed } from '../http/errorHandlers.js';
import { HttpError } from '../http/httpError.js';
import { ScenarioError, type ScenarioErrorCode } from './scenarios/scenarioPlayer.js';
import type { Simulator } from './simulator.js';

const STATUS: Readonly<Record<ScenarioErrorCode, number>> = { unknown_asset: 422, already_running: 409, not_found: 404, not_running: 409, simulator_stopped: 409 };
const RUN_ID = /^[A-Z0-9-]{1,32}$/;

function asHttpError(error: unknown): unknown {
  return error instanceof ScenarioError ? new HttpError(STATUS[error.code], error.code, error.message) : error;
}

/**
 * `GET /api/v1/simulator` (its status, for anyone who may read live data),
 * `POST /api/v1/simulator/scenarios` (start a drill) and
 * `DELETE /api/v1/simulator/scenarios/{runId}` (cancel one), for those who may run drills.
 * Assumes the authentication middleware ran before.
 */
export function simulatorRoutes(simulator: Simulator): Router {
  const router = Router();
  router
    .route('/api/v1/simulator')
    .get(requirePermission('live:read'), (_req, res) => {
      res.set('Cache-Control', 'no-store').json(simulator.status());
    })
    .all(methodNotAllowed('GET, HEAD'));
  router
    .route('/api/v1/simulator/scenarios')
    .post(requirePermission('scenarios:run'), express.json({ limit: '4kb' }), (req, res) => {
      if (!req.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'Send the drill as application/json.');
      const parsed = StartScenarioRequest.safeParse(req.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HttpError(422, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
      }
      try {
        res.status(201).json(simulator.startScenario(parsed.data));
      } catch (error) {
        throw asHttpError(error);
      }
    })
    .all(methodNotAllowed('POST'));
  router
    .route('/api/v1/simulator/scenarios/:runId')
    .delete(requirePermission('scenarios:run'), (req, res) => {
      const { runId } = req.params;
      if (!RUN_ID.test(runId)) throw new HttpError(404, 'not_found', 'There is no such drill.');
      try {
        res.json(simulator.cancelScenario(runId));
      } catch (error) {
        throw asHttpError(error);
      }
    })
    .all(methodNotAllowed('DELETE'));
  return router;
}
