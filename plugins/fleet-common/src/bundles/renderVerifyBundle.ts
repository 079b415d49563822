import type { UpdateBundleManifest } from './types';
import { bundleFilesOf } from './bundleFiles';

/** At most this many failed files are reported; the validator refuses more. */
export const MAX_FAILED_FILES = 100;

/**
 * Renders `verify-bundle.sh`: run by the customer inside the air gap, with POSIX sh and
 * coreutils only; it reads the bundle folder and nothing else, and fetches nothing. It checks
 * that `MANIFEST.json` is the one the portal handed out (its sha256 is the id written into the
 * script), that every file the manifest names is present and listed in `SHA256SUMS`, that the
 * chart's line carries the Helm index's digest, and `sha256sum -c` on those lines. It writes
 * `bundle-verification.json` (a `BundleVerification`) and exits non-zero when anything failed.
 *
 * Every value written into the script has passed the bundle's name checks (no quotes, spaces
 * or `$`), so single quotes hold them.
 */
export function renderVerifyBundle(options: {
  id: string;
  manifest: UpdateBundleManifest;
}): string {
  const { id, manifest } = options;
  const { chart } = manifest.spec;
  return `#!/bin/sh
# Checks the offline update bundle for ${manifest.metadata.deployment}:
# ${chart.name} ${manifest.spec.from} -> ${chart.version}, bundle ${id}.
# Run inside the air gap: POSIX sh and coreutils only; it reads the bundle folder and nothing
# else. Usage:
#   sh verify-bundle.sh [bundle folder]      (default: the folder holding this script)
# Writes bundle-verification.json into the current folder (RESULT_FILE=... to change) and
# exits non-zero when a file is missing or differs, or the manifest is not the one handed out.
# Send bundle-verification.json back with the journals.
set -eu

BUNDLE_ID='${id}'
CHART_FILE='${chart.file}'
CHART_DIGEST='${chart.digest ?? ''}'
# Every file MANIFEST.json names.
EXPECTED_FILES='${bundleFilesOf(manifest).join('\n')}'
MAX_FAILED=${MAX_FAILED_FILES}

RESULT_FILE="\${RESULT_FILE:-$PWD/bundle-verification.json}"
cd "\${1:-$(dirname "$0")}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/failed"
: > "$work/listed"
: > "$work/sums"
printf '%s\\n' "$EXPECTED_FILES" > "$work/expected"

fail() {
  printf '%s\\n' "$1" >> "$work/failed"
  echo "FAILED: $1 ($2)" >&2
}

# Only a plain bundle path goes into the result; a hostile line in SHA256SUMS is reported as
# SHA256SUMS itself.
is_bundle_path() {
  printf '%s\\n' "$1" | grep -Eqx '[A-Za-z0-9][A-Za-z0-9._+-]*(/[A-Za-z0-9][A-Za-z0-9._+-]*)*' &&
    ! printf '%s\\n' "$1" | grep -Fq '..'
}

is_expected() {
  grep -Fxq -e "$1" "$work/expected"
}

# The manifest is the bundle: its sha256 must be the id the portal recorded.
if [ -f MANIFEST.json ]; then
  if [ "$(sha256sum MANIFEST.json | cut -d' ' -f1)" != "$BUNDLE_ID" ]; then
    fail MANIFEST.json "its sha256 is not the bundle id $BUNDLE_ID: it was changed, or belongs to another bundle"
  fi
fi

chart_sum=''
if [ -f SHA256SUMS ]; then
  sums_sha=$(sha256sum SHA256SUMS | cut -d' ' -f1)
  malformed=0
  while IFS=' ' read -r sum path || [ -n "$sum" ]; do
    path=\${path#\\*}
    if [ \${#sum} -ne 64 ] || printf '%s' "$sum" | grep -q '[^0-9a-f]'; then
      malformed=1
    elif is_expected "$path"; then
      printf '%s  %s\\n' "$sum" "$path" >> "$work/sums"
      printf '%s\\n' "$path" >> "$work/listed"
      if [ "$path" = "$CHART_FILE" ]; then
        chart_sum=$sum
      fi
    elif is_bundle_path "$path"; then
      fail "$path" "listed in SHA256SUMS but not part of this bundle"
    else
      malformed=1
    fi
  done < SHA256SUMS
  if [ "$malformed" -ne 0 ]; then
    fail SHA256SUMS "has lines that are not '<sha256>  <file of this bundle>'"
  fi
else
  # Nothing to bind the result to: the sha256 of no bytes.
  sums_sha=$(printf '' | sha256sum | cut -d' ' -f1)
  fail SHA256SUMS "missing"
fi

checked=0
while IFS= read -r file; do
  checked=$((checked + 1))
  if [ ! -f "$file" ]; then
    fail "$file" "missing"
  elif ! grep -Fxq -e "$file" "$work/listed"; then
    fail "$file" "not listed in SHA256SUMS"
  fi
done < "$work/expected"

if [ -n "$CHART_DIGEST" ] && [ -n "$chart_sum" ] && [ "$chart_sum" != "$CHART_DIGEST" ]; then
  fail "$CHART_FILE" "SHA256SUMS gives another sha256 than the chart's digest in the Helm index"
fi

if [ -s "$work/sums" ]; then
  sha256sum -c "$work/sums" > "$work/check" 2>/dev/null || true
  sed -n 's/: FAILED.*$//p' "$work/check" | while IFS= read -r file; do
    fail "$file" "its sha256 is not the one in SHA256SUMS"
  done
fi

if [ -s "$work/failed" ]; then
  result=failed
else
  result=verified
fi
failed_json=$(sort -u "$work/failed" | head -n "$MAX_FAILED" | sed 's/.*/"&"/' | paste -sd, -)
checked_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat > "$RESULT_FILE.partial" <<RESULT
{"apiVersion":"fleetdeck.io/v1alpha1","kind":"BundleVerification","spec":{"manifestSha256":"$BUNDLE_ID","sumsSha256":"$sums_sha","result":"$result","failed":[$failed_json],"checked":$checked,"checkedAt":"$checked_at"}}
RESULT
mv "$RESULT_FILE.partial" "$RESULT_FILE"
echo "bundle $result: $checked files checked; wrote $RESULT_FILE" >&2
if [ "$result" != verified ]; then
  exit 1
fi
`;
}
