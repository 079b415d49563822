import Ajv, { type ErrorObject } from 'ajv';
import type { EntityFieldError } from '../kinds/validation';
import { findSecretsInStatusReport } from './findSecretsInStatusReport';
import {
  describeSchemaError,
  describeValue,
  isIsoInstant,
} from './schemaErrors';
import schemaV1alpha1 from './schema/StatusReport.v1alpha1.schema.json';
import {
  STATUS_REPORT_API_VERSIONS,
  STATUS_REPORT_KIND,
  type StatusReport,
} from './StatusReport';

/**
 * The outcome of validating a status report: the typed report when valid, else one error per
 * bad field (`spec.nodes[3].metadata.name: is required: …`).
 *
 * @public
 */
export type StatusReportValidationResult =
  | { valid: true; report: StatusReport; errors: [] }
  | { valid: false; errors: EntityFieldError[] };

/** A broken report can fail on every node; past this many, the rest are counted. */
const MAX_ERRORS = 20;

// As for the entity kinds, `x-expect` carries the words of the message.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
ajv.addKeyword({ keyword: 'x-expect', schemaType: 'string' });
const validators: Record<string, ReturnType<typeof ajv.compile>> = {
  'fleetdeck.io/v1alpha1': ajv.compile(schemaV1alpha1),
};

const describeError = (error: ErrorObject) =>
  describeSchemaError(error, 'a StatusReport');

/**
 * Validates a status report (parsed JSON) against the schema of its `apiVersion`. An
 * `apiVersion` this portal does not read is refused as such, before anything else is
 * checked. A kept field (a name, a GPU label, a version) that looks like a secret value is
 * refused, naming its path and what it looks like; messages never echo such a value.
 *
 * @public
 */
export function validateStatusReport(
  value: unknown,
): StatusReportValidationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      valid: false,
      errors: [
        {
          path: '(report)',
          message: `must be a JSON object of kind ${STATUS_REPORT_KIND}, got ${describeValue(
            value,
          )}`,
        },
      ],
    };
  }
  const { apiVersion } = value as { apiVersion?: unknown };
  const validate =
    typeof apiVersion === 'string' ? validators[apiVersion] : undefined;
  if (!validate) {
    return {
      valid: false,
      errors: [
        {
          path: 'apiVersion',
          message: `${
            apiVersion === undefined
              ? 'is required'
              : `${describeValue(apiVersion)} is not a report version`
          }; this portal reads ${STATUS_REPORT_API_VERSIONS.join(
            ', ',
          )} — use a collector made for this portal`,
        },
      ],
    };
  }

  const errors: EntityFieldError[] = [];
  const seen = new Set<string>();
  if (!validate(value)) {
    for (const error of validate.errors ?? []) {
      const described = describeError(error);
      if (!seen.has(described.path)) {
        seen.add(described.path);
        errors.push(described);
      }
    }
  } else {
    const { generatedAt } = (value as StatusReport).metadata;
    if (!isIsoInstant(generatedAt)) {
      errors.push({
        path: 'metadata.generatedAt',
        message: `must be the time the collector ran, ISO 8601 with a zone, such as "2026-11-20T02:00:00Z", got ${describeValue(
          generatedAt,
        )}`,
      });
    }
    // What is kept of a report is shown to every reader of the deployment: no secret there.
    for (const hit of findSecretsInStatusReport(value as StatusReport)) {
      if (!seen.has(hit.path)) {
        seen.add(hit.path);
        errors.push({
          path: hit.path,
          message: `looks like ${hit.kind} (not shown); a status report carries names, GPU labels and versions, never secret values — check what the collector wrote there`,
        });
      }
    }
  }
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_ERRORS);
    if (errors.length > MAX_ERRORS) {
      shown.push({
        path: '(report)',
        message: `and ${errors.length - MAX_ERRORS} more errors`,
      });
    }
    return { valid: false, errors: shown };
  }
  return { valid: true, report: value as StatusReport, errors: [] };
}

/**
 * The JSON schemas of status reports, by `apiVersion`, for collectors and documentation.
 *
 * @public
 */
export const statusReportSchemas = {
  'fleetdeck.io/v1alpha1': schemaV1alpha1,
} as const;
