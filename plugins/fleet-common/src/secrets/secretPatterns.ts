import { shannonEntropy } from './shannonEntropy';

/**
 * One shape of secret value: a stable name (for tests and logs), the words a message uses
 * (`looks like <kind>`), and the test. Each test is a pure function of one string; a value
 * may be a whole file's line, so a test looks for the shape anywhere in it.
 *
 * @public
 */
export interface SecretPattern {
  /** Stable identifier, such as `aws-access-key-id`. */
  name: string;
  /** What a match looks like, in a message's words: `an AWS access key id`. */
  kind: string;
  test: (value: string) => boolean;
}

const hasMixedCaseAndDigit = (run: string) =>
  /[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run);

/**
 * Key names whose value is a secret, at the end of an assignment's key (`db_password`,
 * `clientSecret`, `DEEPGRAM_LICENSE_KEY`, `aws_secret_access_key`; `PGPASSWORD` too). Names of *references*
 * (`deepgramSecretRef`, `secretKey: license.dg`, `passwordSecretName`) end otherwise and pass.
 */
const SECRET_KEY_NAME =
  /(?:pass(?:word|wd)|(?:^|[^a-z])(?:pwd|secret|token|api[_-]?key|secret[_-]?access[_-]?key|license[_-]?key|private[_-]?key))$/i;

/**
 * `key: value`, `key=value`, `"key": "value"`, `export KEY=value` — YAML, INI, env, JSON. The
 * value is one word: an assignment followed by more words is prose, not a credential.
 */
const ASSIGNMENT =
  /(?:^|[\s{,;(])(?:export\s+)?(["']?)([A-Za-z_][\w.-]*)\1\s*[:=]\s*(["']?)([^\s"',;#]+)\3(?=\s*(?:$|[,;#}]))/gm;

/** Values that stand for a secret without being one: `<license-key>`, `${PASSWORD}`, `****`. */
const PLACEHOLDER =
  /^(?:<[^>]*>|\$\{[^}]*\}|\$\([^)]*\)|\$[A-Z_][A-Z0-9_]*|\{\{.*\}\}|\*+|x+|\.+|…|[|>][-+]?|null|none|nil|~|true|false|changeme|redacted|\[redacted.*)$/i;

/** `clientSecret` → `client_Secret`, so a camelCase key ends at a word boundary too. */
const splitCamelCase = (key: string) =>
  key.replace(/([a-z0-9])([A-Z])/g, '$1_$2');

function hasSecretAssignment(value: string): boolean {
  for (const match of value.matchAll(ASSIGNMENT)) {
    if (
      SECRET_KEY_NAME.test(splitCamelCase(match[2])) &&
      !PLACEHOLDER.test(match[4])
    ) {
      return true;
    }
  }
  return false;
}

/** Runs of the base64 alphabets (standard and URL-safe). */
/**
 * Runs of one base64 alphabet: the standard one (`+/`) or the URL-safe one (`-_`), never both —
 * a run that mixes them is a path or a name (`acme-prod/status-YYYYMMDD-HHMMSS.json`).
 */
const BASE64_RUNS = [/[A-Za-z0-9+/=]{32,}/g, /[A-Za-z0-9_=-]{32,}/g];

const base64Runs = (value: string) =>
  BASE64_RUNS.flatMap(pattern => value.match(pattern) ?? []);

/**
 * The shapes refused wherever text enters Fleetdeck, most specific first (the first match
 * names the kind). Legitimate values these must leave alone: entity and secret names
 * (`dg-license-key`), entity refs, license ids (`LIC-ACME-7`), UUIDs, image references with
 * digests (`…@sha256:<hex>`), Kubernetes node names, GPU product labels
 * (`NVIDIA-A100-SXM4-80GB`), MIG resource names, chart versions, cron lines and prose.
 *
 * @public
 */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    name: 'pem-block',
    kind: 'a private key or certificate block',
    test: value => /-----BEGIN [A-Z0-9 ]+-----/.test(value),
  },
  {
    name: 'aws-access-key-id',
    kind: 'an AWS access key id',
    // Long-term (AKIA) and temporary (ASIA) keys, and the other IAM unique-id prefixes.
    test: value =>
      /(?:^|[^A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA)[A-Z0-9]{16}(?![A-Z0-9])/.test(
        value,
      ),
  },
  {
    name: 'github-token',
    kind: 'a GitHub token',
    test: value =>
      /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/.test(
        value,
      ),
  },
  {
    name: 'slack-token',
    kind: 'a Slack token',
    test: value => /\bxox[abposre]-[A-Za-z0-9-]{10,}/.test(value),
  },
  {
    name: 'jwt',
    kind: 'a JSON Web Token',
    test: value => /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/.test(value),
  },
  {
    name: 'url-credentials',
    kind: 'a URL with a password',
    // `scheme://user:password@host`; `user@host` and `user:<password>@host` name no secret.
    test: value =>
      /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:([^\s/@]+)@/i
        .exec(value)
        ?.slice(1)
        .some(password => !PLACEHOLDER.test(password)) ?? false,
  },
  {
    name: 'secret-assignment',
    kind: 'a password or key assignment',
    test: hasSecretAssignment,
  },
  {
    name: 'aws-secret-access-key',
    kind: 'an AWS secret access key',
    // 40 characters of standard base64, `/` and `+` included — a path has words between its
    // slashes and far less entropy.
    test: value =>
      (
        value.match(
          /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g,
        ) ?? []
      ).some(run => hasMixedCaseAndDigit(run) && shannonEntropy(run) >= 4.3),
  },
  {
    name: 'long-hex',
    kind: 'an API or license key',
    // Deepgram API keys are 40 hex characters; license keys are longer hex runs. A hex run
    // behind its algorithm (`@sha256:…`, `sha512:…`) or a `digest` key (Helm's index) is a
    // digest, not a key.
    // A run of few distinct digits (`ddd…`, `0000…`) in a name is not random, hence the entropy bar
    // (random hex carries ~4 bits a character).
    test: value =>
      (
        value.match(
          /(?<![0-9a-f])(?<!(?:sha1|sha256|sha384|sha512|md5):|digest["']?\s*[:=]\s*["']?)[0-9a-f]{32,}(?![0-9a-f])/gi,
        ) ?? []
      ).some(run => shannonEntropy(run.toLowerCase()) >= 3),
  },
  {
    name: 'long-base64',
    kind: 'an encoded key or license',
    // Random base64 carries ~6 bits a character; names and paths of that length far less
    // (paths, with their slashes, a little more: hence the higher bar for them).
    test: value =>
      base64Runs(value).some(
        run =>
          hasMixedCaseAndDigit(run) &&
          shannonEntropy(run) >= (run.includes('/') ? 4.3 : 4.2),
      ),
  },
  {
    name: 'license-file',
    kind: 'a license file',
    // The license file is one line of JSON; its Secret's name is what belongs in Fleetdeck.
    test: value =>
      /^\s*\{.*\}\s*$/s.test(value) &&
      /"(?:license|signature|key)"\s*:/i.test(value),
  },
];
