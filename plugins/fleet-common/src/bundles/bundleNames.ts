// The rules for what a bundle puts into file paths and shell scripts: names come from the
// release policy and the Helm index, which an operator edits, so each is checked before it
// becomes `images/<component>-<tag>.tar` or a word of `assemble-bundle.sh`.

/**
 * A name that is safe as one path segment and as a single-quoted shell word: ASCII letters,
 * digits, `.`, `_`, `+`, `-`, starting with a letter or digit, at most 128 characters, no `..`.
 */
const SAFE_NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** The rule in words, for messages. */
export const SAFE_NAME_RULE =
  '1 to 128 ASCII letters, digits, ".", "_", "+" or "-", starting with a letter or digit, without ".."';

/**
 * An image repository as a container reference names it: an optional registry host (with a
 * port), then lowercase path components (`quay.io/deepgram/self-hosted-engine`).
 */
const IMAGE_REPOSITORY =
  /^(?=.{1,255}$)([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/** An image digest: `sha256:` and 64 lowercase hex digits. */
export const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A hex SHA-256, as `sha256sum` prints it and Helm's index records a chart's `digest`. */
export const HEX_SHA256 = /^[0-9a-f]{64}$/;

export const isSafeName = (value: unknown): value is string =>
  typeof value === 'string' && SAFE_NAME.test(value);

export const isImageRepository = (value: unknown): value is string =>
  typeof value === 'string' && IMAGE_REPOSITORY.test(value);
