/** Characters kept as they are in the plain `filename`; anything else becomes `_`. */
const SAFE_FILENAME_CHARACTER = /[A-Za-z0-9._-]/;

/**
 * The one way the fleet API names a download: `attachment; filename="<safe>"`, where `<safe>`
 * is plain ASCII letters, digits and `._-` only, so no quote, CR/LF or other byte from a name
 * can reach a header. A name that had to be changed is also given in full, percent-encoded,
 * as RFC 6266's `filename*` (UTF-8), which browsers prefer.
 */
export function attachmentDisposition(fileName: string): string {
  const safe = Array.from(fileName, c =>
    SAFE_FILENAME_CHARACTER.test(c) ? c : '_',
  )
    .join('')
    .replace(/^\.+/, '_')
    .slice(0, 200);
  const plain = `attachment; filename="${safe || 'download'}"`;
  if (safe === fileName) {
    return plain;
  }
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987 does not allow them all.
  const encoded = encodeURIComponent(fileName.slice(0, 200)).replace(
    /['()*!]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${plain}; filename*=UTF-8''${encoded}`;
}
