import express, { Router, type Request, type Response } from 'express';
import type { ApiError, IngestRejectReason } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import { methodNotAllowed } from '../http/errorHandlers.js';
import type { ApiKeyCheck } from './apiKeys.js';
import { parseBody } from './formats/parseBody.js';
import type { IngestMetrics } from './ingestMetrics.js';
import type { IngestService } from './ingestService.js';
import type { SensorLookup } from './ingestTypes.js';
import { ingestMediaType } from './mediaType.js';
import { parseSafeJson } from './safeJson.js';

export interface IngestRouteDeps {
  readonly service: IngestService;
  readonly apiKeys: ApiKeyCheck;
  readonly sensors: SensorLookup;
  readonly metrics: IngestMetrics;
  readonly logger: Logger;
  /** INGEST_MAX_BODY_KB × 1024: larger bodies (after decompression) get 413. */
  readonly maxBodyBytes: number;
  /** Deepest nesting of arrays and objects a body may have. */
  readonly maxDepth?: number;
  /** Most items (observations, entities) one request may carry. */
  readonly maxItems?: number;
  /** The UTC offset of times sent without a zone, in minutes (+08:00, China Standard Time). */
  readonly zonelessOffsetMinutes?: number;
}

/** The HTTP status of a request refused as a whole. */
const STATUS: Readonly<Partial<Record<IngestRejectReason, number>>> = {
  unauthorized: 401,
  unsupported_media_type: 415,
  payload_too_large: 413,
  malformed_json: 400,
  too_deep: 400,
  forbidden_key: 400,
};

export const INGEST_PATH = '/api/v1/observations';

/**
 * `POST /api/v1/observations`: a batch in our format, NGSI-LD entities or SensorThings
 * Observations, from a data source named by its API key. 200 when every item was taken, 207 when
 * some were refused, 422 when none was; a request refused as a whole gets the error body.
 * Mount it before any body parser and before the user-token middleware: it reads its own raw
 * body and its own bearer key.
 */
export function ingestRoutes(deps: IngestRouteDeps): Router {
  const { service, apiKeys, sensors, metrics, logger, maxBodyBytes } = deps;
  const maxDepth = deps.maxDepth ?? 32;
  const maxItems = deps.maxItems ?? 5000;
  const context = { sensors, zonelessOffsetMinutes: deps.zonelessOffsetMinutes ?? 480 };
  const readBody = express.raw({ type: () => true, limit: maxBodyBytes });
  const router = Router();

  const refuse = (res: Response, reason: IngestRejectReason, message: string): void => {
    metrics.rejected(reason);
    if (reason === 'unauthorized') res.set('WWW-Authenticate', 'Bearer realm="ingest"');
    const body: ApiError = { error: { code: reason, message } };
    res.status(STATUS[reason] ?? 422).set('Cache-Control', 'no-store').json(body);
  };

  const bodyOf = (req: Request, res: Response): Promise<Buffer | undefined> =>
    new Promise((resolve) => {
      readBody(req, res, (error?: unknown) => {
        const type = (error as { type?: unknown } | undefined)?.type;
        if (type === 'entity.too.large') refuse(res, 'payload_too_large', `A request body may be at most ${Math.floor(maxBodyBytes / 1024)} KB.`);
        else if (type === 'encoding.unsupported') refuse(res, 'unsupported_media_type', 'Content-Encoding must be gzip, deflate, br or identity.');
        else if (error) refuse(res, 'malformed_json', 'The request body could not be read.');
        resolve(error ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      });
    });

  router.post(INGEST_PATH, async (req, res) => {
    const stopTimer = metrics.startTimer('http');
    try {
      const source = apiKeys.sourceOf(req.headers.authorization);
      if (source === undefined) {
        refuse(res, 'unauthorized', 'Send the data source\'s API key as "Authorization: Bearer <key>".');
        return;
      }
      const mediaType = ingestMediaType(req.headers['content-type']);
      if (mediaType === undefined) {
        refuse(res, 'unsupported_media_type', 'Send application/json (our format, SensorThings) or application/ld+json (NGSI-LD), in UTF-8.');
        return;
      }
      const bytes = await bodyOf(req, res);
      if (bytes === undefined) return;
      const json = parseSafeJson(bytes, maxDepth);
      if (!json.ok) {
        refuse(res, json.reason, json.message);
        return;
      }
      const parsed = parseBody(json.value, mediaType, context, maxItems);
      if (!parsed.ok) {
        refuse(res, parsed.reason, parsed.message);
        return;
      }
      const response = await service.ingest(parsed.items, source, parsed.format).catch((error: unknown) => {
        logger.error({ err: error, source }, 'ingest failed to store a request');
        return undefined;
      });
      if (!response) {
        const body: ApiError = { error: { code: 'unavailable', message: 'Storage is unavailable: send the request again (items already stored come back as duplicates).' } };
        res.status(503).set('Retry-After', '5').set('Cache-Control', 'no-store').json(body);
        return;
      }
      const taken = response.items.length - response.rejected;
      res.status(response.rejected === 0 ? 200 : taken > 0 ? 207 : 422).set('Cache-Control', 'no-store').json(response);
    } finally {
      stopTimer();
    }
  });
  router.all(INGEST_PATH, methodNotAllowed('POST'));
  return router;
}
