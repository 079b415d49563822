import {
  describeSecretLike,
  findSecretLikeValues,
  redactSecretLike,
} from './secretLikeValues';
import { SECRET_PATTERNS } from './secretPatterns';

/** Key shapes that must be found, each with the pattern that must name it. */
const SECRETS: Array<[string, string, string]> = [
  // Deepgram API keys, license keys and license files.
  [
    'long-hex',
    'a 40-hex Deepgram API key',
    '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c',
  ],
  [
    'long-hex',
    'a key after a label',
    'key=3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c',
  ],
  [
    'long-hex',
    'a 64-hex license key',
    'a3f9c2b17d8e4f60a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f809',
  ],
  [
    'long-base64',
    'a base64 license',
    'TGljZW5zZUtleTpBQ01FLTc6MjAyNy0wMy0zMTpzaWduZWQ9WQ',
  ],
  [
    'long-base64',
    'a base64 key with slashes',
    'dGhpcy9pcy9hL2xvbmcrYmFzZTY0L2tleTEyMw/x9Qz+Rk2Lm8Vw3Np7',
  ],
  ['license-file', 'a license file', '{"license":"LIC-1","signature":"xyz"}'],
  [
    'secret-assignment',
    'a license key in env form',
    'DEEPGRAM_LICENSE_KEY=dg-lic-7Hq2',
  ],
  [
    'secret-assignment',
    'an API key in env form',
    'export DEEPGRAM_API_KEY="k9Zt-2"',
  ],
  // AWS.
  ['aws-access-key-id', 'an AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
  [
    'aws-access-key-id',
    'a temporary AWS access key id',
    'ASIAY34FZKBOKMUTVV7A',
  ],
  [
    'aws-access-key-id',
    'an AWS access key id in an INI line',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  ],
  [
    'aws-secret-access-key',
    'an AWS secret access key',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ],
  [
    'aws-secret-access-key',
    'an AWS secret key with +',
    'q8Zr+Jd2Kx9Vt4Lw7Bn3Hm6Pf1Gs5Yc0Ea/UoTiR',
  ],
  [
    'secret-assignment',
    'an aws_secret_access_key line',
    'aws_secret_access_key = example-not-base64',
  ],
  // Passwords and other assignments.
  ['secret-assignment', 'a YAML password line', '  password: hunter2'],
  ['secret-assignment', 'an env password', 'PGPASSWORD=hunter2'],
  ['secret-assignment', 'an INI password', 'password=Tr0ub4dor&3'],
  ['secret-assignment', 'a quoted YAML password', 'db_password: "s3cr3t!"'],
  [
    'secret-assignment',
    'a JSON password after another key',
    '{"user": "svc", "password": "s3cr3t"}',
  ],
  ['secret-assignment', 'a camelCase client secret', 'clientSecret: abc123'],
  ['secret-assignment', 'a token line', 'token: 9f8e7d'],
  ['secret-assignment', 'an apiKey line', 'apiKey: k-123'],
  ['secret-assignment', 'an api_key line', 'api_key=k-123'],
  ['secret-assignment', 'a secret line', 'secret: opensesame'],
  [
    'secret-assignment',
    'a password inside a multi-line text',
    'user: svc\npassword: hunter2\nport: 5432',
  ],
  // Keys, certificates, tokens.
  [
    'pem-block',
    'a PEM private key',
    '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
  ],
  ['pem-block', 'a PEM RSA key line', '-----BEGIN RSA PRIVATE KEY-----'],
  ['pem-block', 'a certificate', '-----BEGIN CERTIFICATE-----'],
  ['jwt', 'a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhY21lIn0.c2lnbmF0dXJl'],
  [
    'jwt',
    'a bearer header',
    'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhY21lIn0.c2ln',
  ],
  [
    'github-token',
    'a GitHub personal token',
    'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  ],
  [
    'github-token',
    'a fine-grained GitHub token',
    'github_pat_11ABCDEFG0123456789_abcdefghijklmnop',
  ],
  [
    'slack-token',
    'a Slack bot token',
    'xoxb-123456789012-1234567890123-AbCdEfGhIjKl',
  ],
  ['slack-token', 'a Slack user token', 'xoxp-1234567890-abcdefghij'],
  // Credentials in URLs.
  [
    'url-credentials',
    'a URL with a password',
    'https://svc:hunter2@registry.example.com/v2',
  ],
  [
    'url-credentials',
    'a database URL with a password',
    'postgresql://postgres:s3cr3t@db:5432/fleet',
  ],
];

/** Values that legitimately enter Fleetdeck and must pass. */
const LEGITIMATE: Array<[string, string]> = [
  [
    "a runbook line naming the collector's report files",
    '  `e2e-mx7ivw12-prod/status-YYYYMMDD-HHMMSS.json` (kubectl only; pods are reduced',
  ],
  ['a long name with a run of one hex digit', `a-b_c.${'d'.repeat(57)}`],
  ['a name padded with zeros', `build-${'0'.repeat(40)}`],
  ['a secret name', 'dg-license-key'],
  ['a license file secret name', 'dg-license-file'],
  ['an entity name', 'northwind-health-transcription-production-eu-west'],
  ['an entity ref', 'group:default/solutions-east'],
  ['a license id', 'LIC-ACME-2027-0007'],
  ['a uuid', '5c0c6a7e-2f6b-4c8f-9d0e-1a2b3c4d5e6f'],
  ['a MIG resource', 'nvidia.com/mig-3g.40gb'],
  ['a GPU product label', 'NVIDIA-A100-SXM4-80GB'],
  ['a GPU product label with MIG', 'NVIDIA-H100-80GB-HBM3-MIG-1g.10gb'],
  ['a chart version', '0.41.0-rc.1'],
  ['a driver version', '550.54.15'],
  ['a Kubernetes version', 'v1.31.4-eks-2d98532'],
  ['a cron line', '0 2 * * *'],
  ['an EKS node name', 'ip-10-0-12-34.eu-west-1.compute.internal'],
  ['a GKE node name', 'gke-acme-prod-gpu-pool-3f9a1c2b-x7kq'],
  ['an AKS node name', 'aks-gpunp-12345678-vmss000000'],
  ['a pod name', 'deepgram-engine-7d9f8c6b5-x2x4k'],
  [
    'an image with a digest',
    'quay.io/deepgram/self-hosted-engine@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945',
  ],
  [
    'a sha256-prefixed digest',
    'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945',
  ],
  [
    "a Helm index's digest",
    '    digest: 05e074fc65b241251826fca53479f01fa161b0a49766ef4eedd8eabf4dbcda22',
  ],
  ['prose', 'Primary cluster for the contact-centre transcription workload'],
  [
    'a scheduler message',
    '0/5 nodes are available: 5 Insufficient nvidia.com/gpu.',
  ],
  [
    'a taint reason',
    'taint nvidia.com/gpu=present:NoSchedule not tolerated by the engine',
  ],
  ['a path', 'plugins/fleet-backend/src/registrations/RegistrationService.ts'],
  ['a secret reference line', 'deepgramLicenseSecretRef: "dg-license-key"'],
  ['a secret key name line', '    secretKey: "license.dg"'],
  [
    'a kubectl create secret with a placeholder',
    "kubectl create secret generic dg-license-key --from-literal=DEEPGRAM_LICENSE_KEY='<license-key>'",
  ],
  ['a password from an env variable', 'password: ${DB_PASSWORD}'],
  ['a password from a template', 'password: {{ .Values.password }}'],
  ['a YAML key with a nested value', 'password:'],
  ['an env var taken from a Secret', '- name: AWS_SECRET_ACCESS_KEY'],
  ['a masked password', 'password: "****"'],
  ['a password in prose', 'The password is kept in the dg-db Secret'],
  ['a URL without a password', 'https://registry.example.com/v2'],
  ['a URL with a user only', 'ssh://git@github.com/acme/fleet.git'],
  [
    'a URL with a placeholder password',
    'https://svc:<password>@registry.example.com',
  ],
  ['a file name', 'journal-deepgram-billing-0-2026-11-20.tar.gz'],
  ['a redacted text', '[redacted: looks like an AWS access key id]'],
];

describe('SECRET_PATTERNS', () => {
  it('names every pattern once', () => {
    const names = SECRET_PATTERNS.map(pattern => pattern.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(SECRETS)('%s finds %s', (name, _, value) => {
    const first = SECRET_PATTERNS.find(pattern => pattern.test(value));
    expect(first?.name).toBe(name);
  });

  it('has a key shape in the table for every pattern', () => {
    const tested = new Set(SECRETS.map(([name]) => name));
    expect(SECRET_PATTERNS.filter(p => !tested.has(p.name))).toEqual([]);
  });
});

describe('describeSecretLike', () => {
  it.each(SECRETS)('flags %s: %s', (_, __, value) => {
    expect(describeSecretLike(value)).toBeDefined();
  });

  it.each(LEGITIMATE)('leaves %s alone', (_, value) => {
    expect(describeSecretLike(value)).toBeUndefined();
  });
});

describe('redactSecretLike', () => {
  it('replaces a secret-like text by its kind', () => {
    expect(
      redactSecretLike('0/5 nodes: pulled with AKIAIOSFODNN7EXAMPLE'),
    ).toBe('[redacted: looks like an AWS access key id]');
  });

  it('keeps other text as it is', () => {
    const message = '0/5 nodes are available: 5 Insufficient nvidia.com/gpu.';
    expect(redactSecretLike(message)).toBe(message);
  });
});

describe('findSecretLikeValues', () => {
  it('reports the path of every hit inside objects and arrays', () => {
    expect(
      findSecretLikeValues({
        spec: {
          license: { keySecretRef: '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c' },
          notes: ['fine', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhY21lIn0.c2ln'],
          backup: { s3: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } },
        },
      }),
    ).toEqual([
      { path: 'spec.license.keySecretRef', kind: 'an API or license key' },
      { path: 'spec.notes[1]', kind: 'a JSON Web Token' },
      { path: 'spec.backup.s3.accessKeyId', kind: 'an AWS access key id' },
    ]);
  });
});
