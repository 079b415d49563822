import { blobKey, copySource, normalizePrefix, temporaryKey } from './keys';

describe('keys', () => {
  it('makes a prefix a folder', () => {
    expect(normalizePrefix(undefined)).toBe('');
    expect(normalizePrefix('')).toBe('');
    expect(normalizePrefix('/')).toBe('');
    expect(normalizePrefix('journals')).toBe('journals/');
    expect(normalizePrefix('/fleet/journals/')).toBe('fleet/journals/');
  });

  it('spreads blobs over folders named by their first two hex digits', () => {
    const hash = 'ab'.padEnd(64, '0');
    expect(blobKey('journals/', hash)).toBe(`journals/sha256/ab/${hash}`);
  });

  it('gives every upload its own temporary key', () => {
    const first = temporaryKey('journals/');
    expect(first).toMatch(/^journals\/tmp\/[0-9a-f-]{36}$/);
    expect(temporaryKey('journals/')).not.toBe(first);
  });

  it('encodes a copy source but keeps its slashes', () => {
    expect(copySource('fleet', 'a b/tmp/ü+1')).toBe(
      'fleet/a%20b/tmp/%C3%BC%2B1',
    );
  });
});
