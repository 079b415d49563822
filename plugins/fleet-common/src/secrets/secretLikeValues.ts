/**
 * Heuristics for values that must never be in an entity: a pasted API key, license key, license
 * file, token or private key. Entities hold secret *names*; anything that reads like the secret
 * itself is refused, and the value is never echoed back.
 */

const PATTERNS: Array<{ kind: string; test: (value: string) => boolean }> = [
  {
    kind: 'a private key or certificate block',
    test: value => /-----BEGIN [A-Z ]+-----/.test(value),
  },
  {
    kind: 'a JSON Web Token',
    test: value => /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/.test(value),
  },
  {
    // Deepgram API keys are 40 hex characters; license keys and digests are longer hex runs.
    kind: 'an API or license key',
    test: value => /(?:^|[^0-9a-f])[0-9a-f]{32,}(?:$|[^0-9a-f])/i.test(value),
  },
  {
    // Random base64 carries ~6 bits a character; names and paths of that length carry far less.
    kind: 'an encoded key or license',
    test: value =>
      (value.match(/[A-Za-z0-9+_=-]{32,}/g) ?? []).some(
        run =>
          /[a-z]/.test(run) &&
          /[A-Z]/.test(run) &&
          /\d/.test(run) &&
          shannonEntropy(run) >= 4.2,
      ),
  },
  {
    // The license file is one line of JSON; its name is what belongs in the entity.
    kind: 'a license file',
    test: value =>
      /^\s*\{.*\}\s*$/s.test(value) &&
      /"(?:license|signature|key)"\s*:/i.test(value),
  },
];

/**
 * A place in an entity holding what looks like a secret value.
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
  return PATTERNS.find(pattern => pattern.test(value))?.kind;
}

function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
