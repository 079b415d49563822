/**
 * Saves `blob` as a file named `fileName` through a temporary object URL and a link with
 * `download`. The journal has to be fetched with the user's token first, so a plain link to the
 * backend would not do.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Some browsers start the download after `click` returns; give them a moment.
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
