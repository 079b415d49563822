// The common shape of validating a small document a customer's script sends back: a JSON
// object of one apiVersion and kind, checked against its schema, then by rules a schema cannot
// say (instants, consistency), then for secret-looking strings. Problems are thrown together,
// each naming its field; not part of the package's API.
import Ajv, { type ErrorObject } from 'ajv';
import type { EntityFieldError } from '../kinds/validation';
import {
  describeSchemaError,
  describeValue,
  isIsoInstant,
} from '../reports/schemaErrors';
import { HOUR_MS } from '../time/units';
import { findSecretLikeValues } from '../secrets';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
ajv.addKeyword({ keyword: 'x-expect', schemaType: 'string' });

/** A broken document can fail on every list entry; past this many, the rest are counted. */
const MAX_ERRORS = 10;

/** A validator of one document kind, compiled once; `now` bounds its instants. */
export interface SentDocumentValidator<T> {
  (value: unknown, now: Date): T;
}

/** How far ahead of the portal's clock a sender's clock may run. */
const CLOCK_SKEW_MS = HOUR_MS;

/** Before this, the sender's clock was not set (or `date` failed). */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

/**
 * The problem with an instant a script wrote, if any: not ISO 8601 with a zone, before 2000,
 * or ahead of `now` by more than an hour — a time in the future would look fresh for ever.
 */
export function describeInstantProblem(options: {
  path: string;
  value: string;
  /** What the instant is, for the message: `when the dump was taken`. */
  what: string;
  now: Date;
}): EntityFieldError | undefined {
  const { path, value, what, now } = options;
  if (!isIsoInstant(value)) {
    return {
      path,
      message: `must be ${what}, ISO 8601 with a zone, such as "2026-11-20T02:00:00Z"`,
    };
  }
  const at = Date.parse(value);
  if (at < EARLIEST) {
    return {
      path,
      message: `must be ${what}; ${value} is before 2000 — set the clock of the machine that wrote it`,
    };
  }
  if (at - now.getTime() > CLOCK_SKEW_MS) {
    return {
      path,
      message: `must be ${what}; ${value} is ahead of the portal's clock (${now.toISOString()}) — check the clock of the machine that wrote it`,
    };
  }
  return undefined;
}

export function createSentDocumentValidator<T>(options: {
  kind: string;
  /** What the sender is, for the fix: `verify-bundle.sh`. */
  writtenBy: string;
  schema: object;
  /** Rules past the schema, on a document the schema accepted. */
  check: (document: T, now: Date) => EntityFieldError[];
  /**
   * Fields that the schema holds to exactly a hex sha256: a digest has the shape of a hex key
   * and is one by its field, so the secret check leaves these out.
   */
  digestFields: string[];
}): SentDocumentValidator<T> {
  const { kind, writtenBy, check, digestFields } = options;
  const validate = ajv.compile(options.schema);
  return (value: unknown, now: Date): T => {
    const errors: EntityFieldError[] = [];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({
        path: '(document)',
        message: `must be a JSON object of kind ${kind}, got ${describeValue(
          value,
        )}`,
      });
    } else if (!validate(value)) {
      const seen = new Set<string>();
      for (const error of validate.errors ?? ([] as ErrorObject[])) {
        const described = describeSchemaError(error, `a ${kind}`);
        if (!seen.has(described.path)) {
          seen.add(described.path);
          errors.push(described);
        }
      }
    } else {
      errors.push(...check(value as T, now));
      for (const hit of findSecretLikeValues(value)) {
        if (!digestFields.includes(hit.path)) {
          errors.push({
            path: hit.path,
            message: `looks like ${hit.kind} (not shown); a ${kind} carries file names, digests and dates, never secret values — check what wrote it`,
          });
        }
      }
    }
    if (errors.length > 0) {
      const shown = errors
        .slice(0, MAX_ERRORS)
        .map(error => `${error.path}: ${error.message}`);
      if (errors.length > MAX_ERRORS) {
        shown.push(`and ${errors.length - MAX_ERRORS} more errors`);
      }
      throw new Error(
        `not a valid ${kind} (use the one ${writtenBy} wrote): ${shown.join(
          '; ',
        )}`,
      );
    }
    return value as T;
  };
}
