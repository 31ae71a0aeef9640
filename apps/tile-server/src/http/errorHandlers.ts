import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError } from '@pengcheng/protocol';
import type { Logger } from 'pino';
import { HttpError } from './httpError.js';

function body(code: string, message: string): ApiError {
  return { error: { code, message } };
}

/** Anything no route took. The body never echoes the path. */
export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json(body('not_found', 'Nothing here.'));
};

/** For a route that exists but not with this method. */
export function methodNotAllowed(allow: string): RequestHandler {
  return (_req, res) => {
    res.status(405).set('Allow', allow).json(body('method_not_allowed', `Use ${allow}.`));
  };
}

/** The one place errors become responses; unexpected ones are logged, never shown. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError) {
      res.status(error.status).json(body(error.code, error.message));
      return;
    }
    // body-parser and friends attach a status to client errors (bad JSON, too large).
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json(body('bad_request', 'The request could not be understood.'));
      return;
    }
    logger.error({ err: error }, 'unhandled error');
    res.status(500).json(body('internal', 'Something went wrong on the server.'));
  };
}
