import { SECRET_PATTERNS } from './secretPatterns';

/**
 * Heuristics for values that must never enter Fleetdeck: a pasted API key, license key,
 * license file, password, cloud credential, token or private key. Fleetdeck holds secret
 * *names*; anything that reads like the secret itself is refused (or, in free text, redacted),
 * and the value is never echoed back. The shapes are `SECRET_PATTERNS`.
 */

/**
 * A place in a value holding what looks like a secret value.
 *
 * @public
 */
export interface SecretLikeValue {
  /** Dotted path such as `spec.license.keySecretRef`. */
  path: string;
  /** What it looks like, e.g. `an API or license key`. */
  kind: string;
}

/**
 * Finds every string in `value` that looks like a secret value, with its path.
 *
 * @public
 */
export function findSecretLikeValues(
  value: unknown,
  path: string = '',
): SecretLikeValue[] {
  if (typeof value === 'string') {
    const hit = describeSecretLike(value);
    return hit ? [{ path, kind: hit }] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      findSecretLikeValues(item, `${path}[${index}]`),
    );
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      findSecretLikeValues(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/**
 * What a string looks like if it looks like a secret value, else undefined.
 *
 * @public
 */
export function describeSecretLike(value: string): string | undefined {
  return SECRET_PATTERNS.find(pattern => pattern.test(value))?.kind;
}

/**
 * The text itself, or `[redacted: looks like <kind>]` when it looks like a secret value — for
 * free text that is informational (a scheduler's message), where losing the words is better
 * than refusing everything that came with them.
 *
 * @public
 */
export function redactSecretLike(text: string): string {
  const kind = describeSecretLike(text);
  return kind ? `[redacted: looks like ${kind}]` : text;
}

/**
 * A copy of `value` with every string — and every object key — that looks like a secret
 * value replaced as by `redactSecretLike`; for what is read from a cluster, where there is
 * no sender to refuse.
 *
 * @public
 */
export function redactSecretLikeValues<T>(value: T): T {
  if (typeof value === 'string') {
    return redactSecretLike(value) as T;
  }
  if (Array.isArray(value)) {
    return value.map(redactSecretLikeValues) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        redactSecretLike(key),
        redactSecretLikeValues(item),
      ]),
    ) as T;
  }
  return value;
}
