/**
 * Bits of information per character of `text` (Shannon entropy over its characters). Random
 * base64 carries close to 6 bits a character at length; words, names and paths far less.
 */
export function shannonEntropy(text: string): number {
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
