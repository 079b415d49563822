// The common shape of validating a small document a customer's script sends back: a JSON
// object of one apiVersion and kind, checked against its schema, then by rules a schema cannot
// say (instants, consistency), then for secret-looking strings. Problems are thrown together,
// each naming its field; not part of the package's API.
import Ajv, { type ErrorObject } from 'ajv';
import type { EntityFieldError } from '../kinds/validation';
import { describeSchemaError, describeValue } from '../reports/schemaErrors';
import { findSecretLikeValues } from '../secrets';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
ajv.addKeyword({ keyword: 'x-expect', schemaType: 'string' });

/** A broken document can fail on every list entry; past this many, the rest are counted. */
const MAX_ERRORS = 10;

/** A validator of one document kind, compiled once. */
export interface SentDocumentValidator<T> {
  (value: unknown): T;
}

export function createSentDocumentValidator<T>(options: {
  kind: string;
  /** What the sender is, for the fix: `verify-bundle.sh`. */
  writtenBy: string;
  schema: object;
  /** Rules past the schema, on a document the schema accepted. */
  check: (document: T) => EntityFieldError[];
  /**
   * Fields that the schema holds to exactly a hex sha256: a digest has the shape of a hex key
   * and is one by its field, so the secret check leaves these out.
   */
  digestFields: string[];
}): SentDocumentValidator<T> {
  const { kind, writtenBy, check, digestFields } = options;
  const validate = ajv.compile(options.schema);
  return (value: unknown): T => {
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
      errors.push(...check(value as T));
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
