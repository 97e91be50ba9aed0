/**
 * The plugin's own error handler, so no response ever carries a stack trace (Backstage's
 * root handler includes stacks when NODE_ENV=development, as under `backstage-cli package
 * start`). Known errors keep their message; anything unexpected is logged in full and
 * answered with a generic message and a reference to find it in the log.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ErrorResponse } from '@medallion/plugin-lakehouse-common';
import type { ErrorRequestHandler } from 'express';
import { randomUUID } from 'node:crypto';

const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null) {
    for (const field of ['statusCode', 'status'] as const) {
      const value = (error as Record<string, unknown>)[field];
      if (
        Number.isInteger(value) &&
        (value as number) >= 400 &&
        (value as number) <= 599
      )
        return value as number;
    }
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name in STATUS_BY_NAME)
      return STATUS_BY_NAME[name]!;
  }
  return 500;
}

export function errorHandler(logger: LoggerService): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const statusCode = statusOf(error);
    const err = error instanceof Error ? error : new Error(String(error));
    let name = err.name;
    let message = err.message;
    if (statusCode >= 500 && statusCode !== 501 && statusCode !== 503) {
      const reference = randomUUID();
      logger.error(
        `${req.method} ${req.originalUrl} failed (ref ${reference})`,
        err,
      );
      name = 'Error';
      message = `internal error (reference ${reference} in the backend log)`;
    } else if (err.name === 'SyntaxError' || err.name === 'URIError') {
      // body-parser's JSON errors and express's malformed %-escapes carry status 400.
      name = 'InputError';
      message =
        err.name === 'URIError'
          ? 'malformed URL: a %-escape in the path is invalid'
          : `the request body is not valid JSON: ${err.message}`;
    }
    const body: ErrorResponse = {
      error: { name, message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode },
    };
    res.status(statusCode).json(body);
  };
}
