import { MAX_VALUES_BYTES, checkValuesDocument } from './checkValuesDocument';

describe('checkValuesDocument', () => {
  it.each([
    ['nested keys', 'a:\n  b: 1\n  c:\n    d: x\n', ['a.b', 'a.c.d']],
    [
      'a list is one leaf',
      'models:\n  add:\n    - one\n    - two\n',
      ['models.add'],
    ],
    ['an empty mapping is a leaf', 'scaling: {}\n', ['scaling']],
    [
      'Secret names are not secrets',
      'global:\n  deepgramLicenseSecretRef: dg-license-key\n  pullSecretRef: dg-regcred\n',
      ['global.deepgramLicenseSecretRef', 'global.pullSecretRef'],
    ],
  ])('lists the dotted keys: %s', (_, document, keys) => {
    expect(checkValuesDocument(document)).toMatchObject({ document, keys });
  });

  it('keeps the document as plain data, for the upgrade checks to read without parsing YAML', () => {
    expect(
      checkValuesDocument(
        'scaling:\n  replicas:\n    engine: 3\nfluxTts:\n  enabled: false\n',
      ).values,
    ).toEqual({
      scaling: { replicas: { engine: 3 } },
      fluxTts: { enabled: false },
    });
  });

  it.each([
    [
      'a key-shaped value',
      'api:\n  token: ghp_0123456789abcdefghijABCDEFGHIJ012345\n',
      /api\.token looks like/,
    ],
    [
      'a password by its key',
      'db:\n  password: Winter2026-Prod\n',
      /db\.password looks like/,
    ],
    [
      'a secret in a comment',
      '# AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\na: 1\n',
      /line 1 looks like/,
    ],
    [
      'a duplicate key',
      'a: 1\na: 2\n',
      /not valid YAML \(line 2\): DUPLICATE_KEY/,
    ],
    ['a scalar', 'just text\n', /must be a YAML mapping/],
    [
      'too many bytes',
      `a: "${'x'.repeat(MAX_VALUES_BYTES)}"\n`,
      /more than 262144/,
    ],
  ])('refuses %s without repeating it', (_, document, message) => {
    let error: Error | undefined;
    try {
      checkValuesDocument(document);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toMatch(/ghp_|Winter2026|wJalrXUt/);
  });
});
