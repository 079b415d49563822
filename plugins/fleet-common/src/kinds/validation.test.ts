import type { Entity } from '@backstage/catalog-model';
import {
  formatEntityErrors,
  validateCustomerDeploymentEntity,
  validateCustomerEntity,
} from './validation';
import type { CustomerSpec } from './Customer';
import type { CustomerDeploymentSpec } from './CustomerDeployment';
import { customerDeploymentEntity, customerEntity } from '../testUtils';

// Tests hand the validator wrong values on purpose, which the spec type would refuse.
const deployment = (spec: Record<string, unknown> = {}): Entity =>
  customerDeploymentEntity({ spec: spec as Partial<CustomerDeploymentSpec> });

const base = deployment().spec as Record<string, any>;

const database = {
  name: 'transcripts-db',
  engine: 'postgresql',
  host: 'pg.acme.internal',
  database: 'transcripts',
  credentialsSecretRef: 'transcripts-db-credentials',
};

describe('validateCustomerDeploymentEntity', () => {
  it.each([
    ['the design sketch', deployment()],
    [
      'a connected deployment without license or billing journal',
      deployment({
        profile: 'connected',
        license: undefined,
        billing: { mode: 'license-server' },
        cluster: {
          kubernetesVersion: 'v1.29.3-eks-4d1a2',
          namespace: 'dg',
          name: 'acme-eks-use1',
        },
      }),
    ],
    [
      'a SaaS-adjacent deployment with metered billing and no GPU block',
      deployment({
        profile: 'saas',
        license: undefined,
        billing: { mode: 'metered' },
        gpu: undefined,
      }),
    ],
    [
      'MIG, an existing claim and a monthly return',
      deployment({
        gpu: {
          resourceName: 'nvidia.com/mig-1g.10gb',
          perEngine: 1,
          engineReplicas: 4,
        },
        billing: {
          mode: 'journal',
          replicas: 1,
          journalStorage: 'existing-pvc',
          existingPvcName: 'billing-journal',
          returnEvery: 'P1M',
        },
      }),
    ],
    [
      'an air-gapped deployment whose license is not on file yet',
      deployment({ license: undefined }),
    ],
    [
      'a leap day expiry',
      deployment({ license: { ...base.license, expiresAt: '2028-02-29' } }),
    ],
    [
      'a PostgreSQL database beside billing, its credentials by Secret name',
      deployment({
        databases: [
          {
            name: 'transcripts-db',
            engine: 'postgresql',
            host: 'pg-primary.data.svc.cluster.local',
            port: 5432,
            database: 'transcripts',
            credentialsSecretRef: 'transcripts-db-credentials',
          },
        ],
      }),
    ],
  ])('accepts %s', (_, entity) => {
    const result = validateCustomerDeploymentEntity(entity);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each([
    [
      'replicas written as a word',
      { billing: { ...base.billing, replicas: 'three' } },
      'spec.billing.replicas: must be an integer ≥ 1 (at most 16), got "three"',
    ],
    [
      'zero billing replicas',
      { billing: { ...base.billing, replicas: 0 } },
      'spec.billing.replicas: must be an integer ≥ 1 (at most 16), got 0',
    ],
    [
      'a database host with credentials in it',
      { databases: [{ ...database, host: 'app:pw@pg.acme.internal' }] },
      'spec.databases[0].host: must be a host name such as "pg.acme.internal" (no scheme, no credentials), got "app:pw@pg.acme.internal"',
    ],
    [
      'a database engine other than PostgreSQL',
      { databases: [{ ...database, engine: 'mysql' }] },
      'spec.databases[0].engine: must be "postgresql", got "mysql"',
    ],
    [
      'a database without its credentials Secret',
      { databases: [{ ...database, credentialsSecretRef: undefined }] },
      'spec.databases[0].credentialsSecretRef: is required',
    ],
    [
      'a database component name that is not a Kubernetes name',
      { databases: [{ ...database, name: 'Transcripts DB' }] },
      'spec.databases[0].name: must be a Kubernetes name of up to 40 characters such as "transcripts-db", got "Transcripts DB"',
    ],
    [
      'an unknown profile',
      { profile: 'on-prem' },
      'spec.profile: must be one of saas, connected, airgapped, got "on-prem"',
    ],
    [
      'a missing customer',
      { customer: undefined },
      'spec.customer: is required: the name or entity ref of a Customer, e.g. "acme"',
    ],
    [
      'a chart version that is not semver',
      { chart: { name: 'deepgram-self-hosted', version: 'latest' } },
      'spec.chart.version: must be the installed chart version as semver, e.g. "0.40.2", got "latest"',
    ],
    [
      'a Kubernetes version written as a YAML number',
      { cluster: { kubernetesVersion: 1.3, namespace: 'dg' } },
      'spec.cluster.kubernetesVersion: must be a Kubernetes version such as "1.31" or "v1.29.3-eks-4d1a2" (quote it in YAML), got 1.3',
    ],
    [
      'an uppercase namespace',
      { cluster: { kubernetesVersion: '1.31', namespace: 'DG_Prod' } },
      'spec.cluster.namespace: must be a Kubernetes namespace name (lowercase letters, digits and -, at most 63), got "DG_Prod"',
    ],
    [
      'an impossible expiry date',
      { license: { ...base.license, expiresAt: '2027-02-30' } },
      'spec.license.expiresAt: must be the last valid day as a quoted date "YYYY-MM-DD", got "2027-02-30"',
    ],
    [
      'an expiry in another format',
      { license: { ...base.license, expiresAt: '31/03/2027' } },
      'spec.license.expiresAt: must be the last valid day as a quoted date "YYYY-MM-DD", got "31/03/2027"',
    ],
    [
      'an unknown journal storage',
      { billing: { ...base.billing, journalStorage: 'nfs' } },
      'spec.billing.journalStorage: must be one of ebs, efs, existing-pvc, got "nfs"',
    ],
    [
      'a return period that is not an ISO-8601 duration',
      { billing: { ...base.billing, returnEvery: '30 days' } },
      'spec.billing.returnEvery: must be an ISO-8601 duration such as "P30D" or "P1M", got "30 days"',
    ],
    [
      'a zero return period',
      { billing: { ...base.billing, returnEvery: 'P0D' } },
      'spec.billing.returnEvery: must be an ISO-8601 duration such as "P30D" or "P1M", got "P0D"',
    ],
    [
      'journal billing without storage',
      { billing: { mode: 'journal', replicas: 2, returnEvery: 'P30D' } },
      'spec.billing.journalStorage: is required when spec.billing.mode is journal',
    ],
    [
      'an existing claim without its name',
      { billing: { ...base.billing, journalStorage: 'existing-pvc' } },
      'spec.billing.existingPvcName: is required when spec.billing.journalStorage is existing-pvc: the name of the claim the chart should mount',
    ],
    [
      'an air-gapped deployment billed by a license server',
      { billing: { mode: 'license-server' } },
      'spec.billing.mode: must be journal for an airgapped deployment (usage can only come back as journals), got "license-server"',
    ],
    [
      'an unknown GPU resource',
      { gpu: { ...base.gpu, resourceName: 'amd.com/gpu' } },
      'spec.gpu.resourceName: must be "nvidia.com/gpu" or a MIG resource such as "nvidia.com/mig-1g.10gb", got "amd.com/gpu"',
    ],
    [
      'a fractional GPU count',
      { gpu: { ...base.gpu, perEngine: 0.5 } },
      'spec.gpu.perEngine: must be an integer from 1 to 8 (GPUs per engine pod), got 0.5',
    ],
    [
      'a misspelt field',
      { billing: { ...base.billing, replica: 3 } },
      'spec.billing.replica: is not a field of spec.billing; allowed: mode, replicas, journalStorage, existingPvcName, returnEvery',
    ],
    [
      'a license key pasted as a secret name',
      {
        license: {
          ...base.license,
          keySecretRef: '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c',
        },
      },
      "spec.license.keySecretRef: looks like an API or license key; secret values never belong in the catalog — put it in a Kubernetes Secret and give the Secret's name",
    ],
    [
      'a license file pasted into the spec',
      {
        license: {
          ...base.license,
          fileSecretRef: '{"license":"LIC-ACME-7","signature":"abc"}',
        },
      },
      "spec.license.fileSecretRef: looks like a license file; secret values never belong in the catalog — put it in a Kubernetes Secret and give the Secret's name",
    ],
  ])('rejects %s', (_, spec, message) => {
    const result = validateCustomerDeploymentEntity(deployment(spec));
    expect(result.valid).toBe(false);
    expect(formatEntityErrors(result.errors)).toContain(message);
  });

  it('names every bad field at once, one message each', () => {
    const result = validateCustomerDeploymentEntity(
      deployment({
        profile: 'cloud',
        gpu: { ...base.gpu, engineReplicas: -1 },
      }),
    );
    expect(result.errors.map(error => error.path)).toEqual([
      'spec.profile',
      'spec.gpu.engineReplicas',
    ]);
  });

  it('never repeats a secret value in its messages', () => {
    const key = 'dGhpcyBpcyBhIHZlcnkgc2VjcmV0IGtleSBmb3IgdGVzdHMx9Q';
    const result = validateCustomerDeploymentEntity({
      ...deployment(),
      metadata: { name: 'acme-prod', annotations: { note: key } },
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ path: 'metadata.annotations.note' }),
    ]);
    expect(JSON.stringify(result.errors)).not.toContain(key);
  });

  it.each([
    [
      'metadata.name',
      'an API or license key',
      { name: '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c' },
    ],
    [
      'metadata.tags[1]',
      'an API or license key',
      { tags: ['gpu', '0b8f6e4d2c1a3e5f7091a2b3c4d5e6f708192a3b'] },
    ],
    [
      'metadata.description',
      'a password or key assignment',
      { description: 'db password=Entity-Pa55' },
    ],
    [
      'metadata.annotations.fleetdeck.io/backup-key-id',
      'an AWS access key id',
      { annotations: { 'fleetdeck.io/backup-key-id': 'AKIAZ7ENTITYACME0ID1' } },
    ],
    [
      'metadata.links[0].url',
      'a URL with a password',
      {
        links: [{ url: 'https://acme:Ent1ty-Pa55@registry.example.com' }],
      },
    ],
  ])('refuses a secret in %s as %s', (path, kind, metadata) => {
    const entity = deployment();
    const result = validateCustomerDeploymentEntity({
      ...entity,
      metadata: { ...entity.metadata, ...metadata },
    });
    expect(result.errors).toContainEqual({
      path,
      message: expect.stringContaining(`looks like ${kind};`),
    });
    expect(JSON.stringify(result.errors)).not.toMatch(
      /3f9a1c2b|0b8f6e4d|Entity-Pa55|AKIAZ7ENTITY|Ent1ty-Pa55/,
    );
  });

  it('does not mistake names, refs and links for secrets', () => {
    const result = validateCustomerDeploymentEntity({
      ...deployment(),
      metadata: {
        name: 'acme-prod',
        description: 'Primary transcription cluster in us-east-1 (GPU pool A)',
        annotations: {
          'backstage.io/kubernetes-id': 'acme-prod',
          'backstage.io/source-location':
            'url:https://git.example.com/FleetOps/customer-manifests/tree/main/acme/Prod2024',
        },
      },
    });
    expect(result.errors).toEqual([]);
  });
});

describe("names, by the catalog's rules", () => {
  const named = (metadata: Entity['metadata'], spec = {}) => ({
    ...deployment(spec),
    metadata,
  });

  it.each([
    ['a path traversal', { name: '../../tmp/x' }, 'metadata.name'],
    ['a slash', { name: 'acme/prod' }, 'metadata.name'],
    ['a quote', { name: 'acme"prod' }, 'metadata.name'],
    ['a CR/LF', { name: 'acme\r\nprod' }, 'metadata.name'],
    ['non-ASCII', { name: 'acmé-prod' }, 'metadata.name'],
    ['64 characters', { name: 'a'.repeat(64) }, 'metadata.name'],
    ['a leading dash', { name: '-acme' }, 'metadata.name'],
    [
      'an upper-case namespace',
      { name: 'acme-prod', namespace: 'Default' },
      'metadata.namespace',
    ],
  ])('refuses %s in the deployment', (_, metadata, path) => {
    const result = validateCustomerDeploymentEntity(named(metadata));
    expect(result.valid).toBe(false);
    expect(result.errors[0].path).toBe(path);
    expect(result.errors[0].message).toContain('63');
    expect(result.errors[0].message).not.toMatch(/[\r\n]/);
  });

  it('accepts 63 characters with - _ . inside', () => {
    const name = `a-b_c.${'d'.repeat(57)}`;
    expect(name).toHaveLength(63);
    expect(validateCustomerDeploymentEntity(named({ name })).errors).toEqual(
      [],
    );
  });

  it.each([
    ['spec.customer', { customer: '../acme' }],
    ['spec.customer', { customer: 'customer:default/acme"x' }],
    ['spec.owner', { owner: 'group:default/solutions east' }],
    ['spec.owner', { owner: 'group:Default/solutions-east' }],
  ])('refuses a bad entity ref in %s', (path, spec) => {
    const result = validateCustomerDeploymentEntity(
      named({ name: 'acme-prod' }, spec),
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        path,
        message: expect.stringContaining('must be an entity ref'),
      }),
    ]);
  });

  it('refuses a bad Customer name', () => {
    const result = validateCustomerEntity(
      customerEntity({ metadata: { name: 'acme corp' } }),
    );
    expect(result.errors.map(e => e.path)).toEqual(['metadata.name']);
  });
});

describe('validateCustomerEntity', () => {
  const customer = (spec: Record<string, unknown>): Entity =>
    customerEntity({ spec: spec as Partial<CustomerSpec> });

  it('accepts a customer with a region', () => {
    expect(validateCustomerEntity(customer({ region: 'us-east' }))).toEqual({
      valid: true,
      errors: [],
    });
  });

  it.each([
    [
      'an unknown tier',
      { tier: 'gold' },
      'spec.tier: must be one of strategic, enterprise, standard, got "gold"',
    ],
    [
      'a customer without an account team',
      { owner: undefined },
      'spec.owner: is required: a Group entity ref for the account team, e.g. "group:default/solutions-east"',
    ],
    [
      'an empty region',
      { region: '' },
      'spec.region: must be a region such as "us-east" or "eu-west", got ""',
    ],
  ])('rejects %s', (_, spec, message) => {
    expect(
      formatEntityErrors(validateCustomerEntity(customer(spec)).errors),
    ).toBe(message);
  });
});
