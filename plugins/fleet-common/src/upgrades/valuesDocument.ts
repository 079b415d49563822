import { type Document, isMap, parseDocument } from 'yaml';
import { findSecretLikeValues } from '../secrets/secretLikeValues';

// Reading a deployment's Helm values document, as the upgrade checks and the plan do: the YAML
// parsed once, secret-like values refused, values looked up by dotted key.

/**
 * Parses a Helm values document and refuses one that cannot be a safe values file: not YAML,
 * not a mapping at the top, or holding a value that looks like a secret (Fleetdeck keeps
 * Secret *names* only, so such a document must never be stored or rewritten).
 *
 * @throws Error that says what to fix, never echoing the secret-like value.
 * @public
 */
export function parseValuesDocument(text: string): Document {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length) {
    throw new Error(
      `the values document is not YAML: ${
        document.errors[0].message.split('\n')[0]
      }`,
    );
  }
  if (document.contents !== null && !isMap(document.contents)) {
    throw new Error(
      'the values document must be a mapping of Helm values at its top level',
    );
  }
  const secrets = findSecretLikeValues(document.toJS());
  if (secrets.length) {
    throw new Error(
      `the values document holds secret-like values at ${secrets
        .map(hit => `${hit.path} (looks like ${hit.kind})`)
        .join(
          ', ',
        )}: keep secrets in Kubernetes Secrets and set only their names (e.g. global.deepgramLicenseSecretRef)`,
    );
  }
  return document;
}

/** The dotted key's segments: `engine.flux.max_streams` → `engine`, `flux`, `max_streams`. */
export const keyPath = (key: string): string[] => key.split('.');

/**
 * The value at a dotted key in parsed values (plain JavaScript), or undefined when a segment
 * is missing.
 *
 * @public
 */
export function valueAt(values: unknown, key: string): unknown {
  let at: unknown = values;
  for (const segment of keyPath(key)) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) {
      return undefined;
    }
    at = (at as Record<string, unknown>)[segment];
  }
  return at;
}

/**
 * Whether a values switch is on, as a Helm template's `if` reads it: `true`, a non-zero
 * number, a non-empty string, list or map.
 *
 * @public
 */
export function isEnabled(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  if (value !== null && typeof value === 'object') {
    return Object.keys(value).length > 0;
  }
  return Boolean(value);
}

/**
 * Whether a required value is set: present, not null, not empty and not the chart's
 * placeholder (`0` for `fluxTts.maxBatchSize`).
 *
 * @public
 */
export function isValueSet(
  value: unknown,
  placeholder?: string | number | boolean,
): boolean {
  return (
    value !== undefined &&
    value !== null &&
    value !== '' &&
    (placeholder === undefined || value !== placeholder)
  );
}

/**
 * Every dotted key a values object sets, down to its leaves (a list is a leaf).
 *
 * @public
 */
export function dottedValuesKeys(values: unknown, prefix = ''): string[] {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    return prefix ? [prefix] : [];
  }
  const entries = Object.entries(values as Record<string, unknown>);
  if (!entries.length) {
    return prefix ? [prefix] : [];
  }
  return entries.flatMap(([key, value]) =>
    dottedValuesKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}
