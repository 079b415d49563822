// Turning ajv's errors into `{ path, message }` in words a sender can act on: shared by the
// validators of documents that customers' scripts send back (status reports, bundle
// verifications, backup manifests); not part of the package's API.
import type { ErrorObject } from 'ajv';
import type { EntityFieldError } from '../kinds/validation';
import { describeSecretLike } from '../secrets';

/** An instant with its zone, as `date -u +%Y-%m-%dT%H:%M:%SZ` writes it. */
export const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `value` is an ISO 8601 instant with a zone that is a real time. */
export const isIsoInstant = (value: string): boolean =>
  ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));

type SchemaNode = {
  'x-expect'?: string;
  properties?: Record<string, SchemaNode>;
};

const joinPath = (path: string, field: string) =>
  path ? `${path}.${field}` : field;

/** `/spec/nodes/3/metadata` → `spec.nodes[3].metadata`, with `field` appended. */
export function toPath(instancePath: string, field?: string): string {
  const path = instancePath
    .split('/')
    .filter(Boolean)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (acc, part) =>
        /^\d+$/.test(part) ? `${acc}[${part}]` : joinPath(acc, part),
      '',
    );
  return field === undefined ? path : joinPath(path, field);
}

/** A value as a message shows it: short, escaped, and never a secret-looking one. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'string' && describeSecretLike(value)) {
    return 'a value that looks like a secret (not shown)';
  }
  if (typeof value === 'object' && value !== null) {
    return Array.isArray(value) ? 'a list' : 'a map';
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * One ajv error in words: the schema's `x-expect` says what belongs there, an unknown field
 * is named with the allowed ones. `kind` names the document (`a StatusReport`).
 */
export function describeSchemaError(
  error: ErrorObject,
  kind: string,
): EntityFieldError {
  const node = (error.parentSchema ?? {}) as SchemaNode;
  if (error.keyword === 'required') {
    const field = (error.params as { missingProperty: string }).missingProperty;
    const expect = node.properties?.[field]?.['x-expect'];
    return {
      path: toPath(error.instancePath, field),
      message: `is required${expect ? `: ${expect}` : ''}`,
    };
  }
  if (error.keyword === 'additionalProperties') {
    const field = (error.params as { additionalProperty: string })
      .additionalProperty;
    return {
      path: toPath(error.instancePath, field),
      message: `is not a field of ${kind} here; allowed: ${Object.keys(
        node.properties ?? {},
      ).join(', ')}`,
    };
  }
  return {
    path: toPath(error.instancePath),
    message: `must be ${
      node['x-expect'] ?? error.message ?? 'a valid value'
    }, got ${describeValue(error.data)}`,
  };
}
