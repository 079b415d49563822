import { ServiceUnavailableError } from '@backstage/errors';
import type express from 'express';

/** Error codes of a database that cannot be reached or is going away (node, pg, SQLite). */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // PostgreSQL: connection exceptions (08…), shutdown (57P01–57P03), too many connections.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

const OUTAGE_MESSAGES =
  /Unable to acquire a connection|Connection terminated|Knex: Timeout acquiring a connection|connect ECONNREFUSED|Client has encountered a connection error/i;

/** The answer to a database outage: no host, port or address of the database in it. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The fleet database is unavailable; try again shortly';

/** Whether an error means the database could not be reached, rather than a bad request. */
export function isDatabaseOutage(error: unknown): boolean {
  const { code, name, message, errors } = (error ?? {}) as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && OUTAGE_CODES.has(code)) {
    return true;
  }
  if (name === 'KnexTimeoutError') {
    return true;
  }
  if (typeof message === 'string' && OUTAGE_MESSAGES.test(message)) {
    return true;
  }
  // Node reports a refused connection to every address of a host as an AggregateError.
  return Array.isArray(errors) && errors.some(isDatabaseOutage);
}

/**
 * The one place where a database outage becomes an answer: whatever route met it, the client
 * gets 503 with {@link DATABASE_UNAVAILABLE_MESSAGE} instead of a 500 that names the
 * database's address. Other errors pass unchanged to the backend's error handler, which
 * formats this one too.
 */
export const translateDatabaseOutage: express.ErrorRequestHandler = (
  error,
  _req,
  _res,
  next,
) => {
  next(
    isDatabaseOutage(error)
      ? new ServiceUnavailableError(DATABASE_UNAVAILABLE_MESSAGE)
      : error,
  );
};
