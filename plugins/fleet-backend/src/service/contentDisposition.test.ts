import { attachmentDisposition } from './contentDisposition';

describe('attachmentDisposition', () => {
  it('keeps a plain name as it is', () => {
    expect(attachmentDisposition('acme-prod-onboarding.tar.gz')).toBe(
      'attachment; filename="acme-prod-onboarding.tar.gz"',
    );
  });

  it.each([
    ['a quote', 'a"b.yaml'],
    ['CR/LF', 'a\r\nSet-Cookie: x=1.yaml'],
    ['a backslash', 'a\\b.yaml'],
    ['a semicolon', 'a;b.yaml'],
    ['non-ASCII', 'acmé.yaml'],
    ['a slash', '../../etc/passwd'],
  ])('never lets %s into the header', (_, name) => {
    const header = attachmentDisposition(name);
    // A header value Node accepts and that a client parses as one parameter list.
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    const plain = header.match(/filename="([^"]*)"/)![1];
    expect(plain).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(plain.startsWith('.')).toBe(false);
    const full = header.match(/filename\*=UTF-8''(\S+)$/)![1];
    expect(decodeURIComponent(full)).toBe(name);
  });
});
