import express, { type RequestHandler } from 'express';
import { HttpError } from '../http/httpError.js';

/** Incident and alarm bodies are small: a note is at most 2000 characters. */
const parseJson = express.json({ limit: '32kb' });

/** Parses a JSON body; a body of another type is 415, an empty one reads as `{}`. */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (req.headers['content-length'] !== '0' && req.is('application/json') === false) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  parseJson(req, res, (error?: unknown) => {
    if (error) {
      next(error);
      return;
    }
    req.body ??= {};
    next();
  });
};
