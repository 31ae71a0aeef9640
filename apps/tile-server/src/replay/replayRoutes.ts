import { REPLAY_HORIZON_MS, REPLAY_MAX_SPAN_MS, ReplayQuery } from '@pengcheng/protocol';
import { Router } from 'express';
import { principalOf, requirePermission } from '../auth/authMiddleware.js';
import { methodNotAllowed } from '../http/errorHandlers.js';
import { HttpError } from '../http/httpError.js';
import { replayWindow, type ReplaySources } from './replayWindow.js';

export interface ReplayRoutesOptions extends ReplaySources {
  readonly now?: () => number;
}

/** A window of `?from=&to=`: refused unless in the last day, in order, and short. */
export function parseReplayQuery(query: unknown, nowMs: number): { fromMs: number; toMs: number } {
  const parsed = ReplayQuery.safeParse(query);
  if (!parsed.success) {
    const reasons = parsed.error.issues.slice(0, 3).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
    throw new HttpError(400, 'bad_request', reasons.join('; '));
  }
  const fromMs = Date.parse(parsed.data.from);
  const requestedToMs = Date.parse(parsed.data.to);
  if (fromMs >= requestedToMs) throw new HttpError(400, 'bad_request', 'from must be earlier than to');
  if (requestedToMs - fromMs > REPLAY_MAX_SPAN_MS) throw new HttpError(400, 'bad_request', `from and to may be at most ${REPLAY_MAX_SPAN_MS / 60_000} minutes apart`);
  if (fromMs < nowMs - REPLAY_HORIZON_MS) throw new HttpError(400, 'bad_request', 'replay reaches back 24 hours: from is earlier');
  if (fromMs > nowMs) throw new HttpError(400, 'bad_request', 'from is in the future');
  // A window reaching past now is served up to now (the answer's toMs says so): a client's clock may run ahead.
  return { fromMs, toMs: Math.min(requestedToMs, nowMs) };
}

/** `GET /api/v1/replay?from=&to=` with `live:read`; expects `authenticate` to have run. */
export function replayRoutes({ now = Date.now, ...sources }: ReplayRoutesOptions): Router {
  const router = Router();
  router
    .route('/api/v1/replay')
    .get(requirePermission('live:read'), async (req, res) => {
      const { fromMs, toMs } = parseReplayQuery(req.query, now());
      const principal = principalOf(res);
      if (!principal) throw new HttpError(401, 'unauthenticated', 'Log in or present a device token first.');
      res.set('Cache-Control', 'no-store').json(await replayWindow(sources, fromMs, toMs, principal));
    })
    .all(methodNotAllowed('GET, HEAD'));
  return router;
}
