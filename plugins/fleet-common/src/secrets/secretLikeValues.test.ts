import { describeSecretLike, findSecretLikeValues } from './secretLikeValues';

describe('describeSecretLike', () => {
  it.each([
    ['a 40-hex API key', '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c'],
    ['a key after a label', 'key=3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhY21lIn0.c2lnbmF0dXJl'],
    ['a base64 license', 'TGljZW5zZUtleTpBQ01FLTc6MjAyNy0wMy0zMTpzaWduZWQ9WQ'],
    [
      'a PEM block',
      '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
    ],
    ['a license file', '{"license":"LIC-1","signature":"xyz"}'],
  ])('flags %s', (_, value) => {
    expect(describeSecretLike(value)).toBeDefined();
  });

  it.each([
    ['a secret name', 'dg-license-key'],
    ['an entity ref', 'group:default/solutions-east'],
    ['a license id', 'LIC-ACME-2027-0007'],
    ['a uuid', '5c0c6a7e-2f6b-4c8f-9d0e-1a2b3c4d5e6f'],
    ['a MIG resource', 'nvidia.com/mig-3g.40gb'],
    ['prose', 'Primary cluster for the contact-centre transcription workload'],
    ['a long kebab name', 'northwind-health-transcription-production-eu-west'],
  ])('leaves %s alone', (_, value) => {
    expect(describeSecretLike(value)).toBeUndefined();
  });
});

describe('findSecretLikeValues', () => {
  it('reports the path of every hit inside objects and arrays', () => {
    expect(
      findSecretLikeValues({
        spec: {
          license: { keySecretRef: '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c' },
          notes: ['fine', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhY21lIn0.c2ln'],
        },
      }),
    ).toEqual([
      { path: 'spec.license.keySecretRef', kind: 'an API or license key' },
      { path: 'spec.notes[1]', kind: 'a JSON Web Token' },
    ]);
  });
});
