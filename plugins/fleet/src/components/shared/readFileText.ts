/**
 * The text of a file the user chose (UTF-8), through `FileReader`, which every browser and
 * jsdom offer. Rejects with the reader's error when the file cannot be read.
 */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () =>
      reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file);
  });
}
