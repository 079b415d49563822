import { InputError } from '@backstage/errors';
import { describeSecretLike } from '@fleetdeck/plugin-fleet-common';
import { isMap, parseDocument } from 'yaml';

/** A values file larger than this is not a deployment's values (the chart's own is ~40 KiB). */
export const MAX_VALUES_BYTES = 256 * 1024;

/** A values document that passed the checks, with the dotted keys it sets. */
export interface ParsedValues {
  document: string;
  /** Every leaf key, dotted (`scaling.replicas.engine`); a list is one leaf. */
  keys: string[];
  /** The document as plain data, kept in the observations for the upgrade checks. */
  values: Record<string, unknown>;
}

/** Dotted keys of a mapping's leaves; each scalar and list is a leaf. */
function leafKeys(value: unknown, prefix: string): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      return prefix ? [prefix] : [];
    }
    return entries.flatMap(([key, child]) =>
      leafKeys(child, prefix ? `${prefix}.${key}` : key),
    );
  }
  return prefix ? [prefix] : [];
}

/** The first key or value that reads like a secret, by its dotted path and what it looks like. */
function findSecret(
  value: unknown,
  path: string,
  parentKey?: string,
): { path: string; kind: string } | undefined {
  if (typeof value === 'string' || typeof value === 'number') {
    // With its key too: `password: hunter2` reads as a password where `hunter2` alone does not.
    const kind =
      describeSecretLike(String(value)) ??
      (parentKey === undefined
        ? undefined
        : describeSecretLike(`${parentKey}: ${String(value)}`));
    return kind ? { path, kind } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const hit = findSecret(item, `${path}[${index}]`);
      if (hit) {
        return hit;
      }
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const keyKind = describeSecretLike(key);
      if (keyKind) {
        return {
          path: `a key under ${path || 'the top level'}`,
          kind: keyKind,
        };
      }
      const hit = findSecret(child, childPath, key);
      if (hit) {
        return hit;
      }
    }
  }
  return undefined;
}

/**
 * Checks a deployment's Helm values document before it is stored: at most
 * {@link MAX_VALUES_BYTES}, one YAML mapping, and nothing that reads like a secret value — in
 * a value (named by its key) or anywhere else, comments included (named by its line). The
 * chart takes secrets by Secret name (`global.deepgramLicenseSecretRef`,
 * `billing.licenseFile.secretRef`…), so a values file never needs one. Every refusal is an
 * `InputError` that says what to fix and never repeats the value.
 */
export function checkValuesDocument(document: string): ParsedValues {
  const bytes = Buffer.byteLength(document, 'utf8');
  if (bytes > MAX_VALUES_BYTES) {
    throw new InputError(
      `The values document is ${bytes} bytes, more than ${MAX_VALUES_BYTES}; send the deployment's own values file, not the chart's defaults or a rendered manifest`,
    );
  }
  const parsed = parseDocument(document, { uniqueKeys: true });
  if (parsed.errors.length > 0) {
    const [error] = parsed.errors;
    const line = error.linePos?.[0].line;
    throw new InputError(
      `The values document is not valid YAML${line ? ` (line ${line})` : ''}: ${
        error.code
      }; send the values file you pass to helm with -f`,
    );
  }
  if (!isMap(parsed.contents)) {
    throw new InputError(
      'The values document must be a YAML mapping of values keys (such as `scaling:`), as the file you pass to helm with -f',
    );
  }
  const values: unknown = parsed.toJS({ maxAliasCount: 100 });
  const secret = findSecret(values, '');
  if (secret) {
    throw new InputError(
      `The values document's ${secret.path} looks like ${secret.kind} (not shown); values name Secrets (for example global.deepgramLicenseSecretRef), never hold their values`,
    );
  }
  const lines = document.split('\n');
  for (const [index, line] of lines.entries()) {
    const kind = describeSecretLike(line);
    if (kind) {
      throw new InputError(
        `The values document's line ${
          index + 1
        } looks like ${kind} (not shown); remove it, values name Secrets and never hold their values`,
      );
    }
  }
  return {
    document,
    keys: leafKeys(values, ''),
    values: values as Record<string, unknown>,
  };
}
