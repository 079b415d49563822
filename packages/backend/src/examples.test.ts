import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  CustomerDeploymentEntity,
  DAY_MS,
  formatEntityErrors,
  isCustomerDeploymentEntity,
  isCustomerEntity,
  parseCalendarDate,
  readReleasePolicy,
  sizeForLoad,
  validateCustomerDeploymentEntity,
  validateCustomerEntity,
} from '@fleetdeck/plugin-fleet-common';
import {
  EXAMPLES_DIR,
  loadExampleEntities,
} from './__testUtils__/exampleFiles';

/**
 * The example fleet is what a new user sees first and what the end-to-end tests walk through,
 * so it must be valid on any day and must show every state an SE has to recognise.
 */
const today = new Date();
const loadEntities = (file: string) => loadExampleEntities(file, today);

const customers = loadEntities('fleet/customers.yaml');
const deployments = loadEntities(
  'fleet/deployments.yaml',
) as CustomerDeploymentEntity[];
const org = loadEntities('org.yaml');

const daysUntil = (date: string) =>
  Math.round(
    (parseCalendarDate(date)!.getTime() -
      Date.UTC(
        today.getUTCFullYear(),
        today.getUTCMonth(),
        today.getUTCDate(),
      )) /
      DAY_MS,
  );

describe('the example fleet', () => {
  it('has at least 6 customers and 12 deployments, all valid', () => {
    expect(customers.length).toBeGreaterThanOrEqual(6);
    expect(deployments.length).toBeGreaterThanOrEqual(12);
    for (const entity of customers) {
      expect(isCustomerEntity(entity)).toBe(true);
      expect(formatEntityErrors(validateCustomerEntity(entity).errors)).toBe(
        '',
      );
    }
    for (const entity of deployments) {
      expect(isCustomerDeploymentEntity(entity)).toBe(true);
      expect(
        `${entity.metadata.name}: ${formatEntityErrors(
          validateCustomerDeploymentEntity(entity).errors,
        )}`,
      ).toBe(`${entity.metadata.name}: `);
    }
  });

  it('points every deployment at a customer and every owner at a group that exist', () => {
    const customerNames = new Set(customers.map(c => c.metadata.name));
    const groups = new Set(
      org
        .filter(e => e.kind === 'Group')
        .map(g => `group:default/${g.metadata.name}`),
    );
    for (const d of deployments) {
      expect(customerNames).toContain(d.spec.customer);
      expect(groups).toContain(d.spec.owner);
    }
    for (const c of customers) {
      expect(groups).toContain((c.spec as { owner: string }).owner);
    }
    expect(org.filter(e => e.kind === 'User').length).toBeGreaterThanOrEqual(
      groups.size,
    );
  });

  it('covers every profile, journal layout and GPU kind', () => {
    const specs = deployments.map(d => d.spec);
    expect(new Set(specs.map(s => s.profile))).toEqual(
      new Set(['saas', 'connected', 'airgapped']),
    );
    expect(new Set(specs.map(s => s.billing?.journalStorage))).toEqual(
      new Set(['ebs', 'efs', 'existing-pvc', undefined]),
    );
    const ebsReplicas = new Set(
      specs
        .filter(s => s.billing?.journalStorage === 'ebs')
        .map(s => s.billing?.replicas),
    );
    expect([...ebsReplicas].sort()).toEqual(expect.arrayContaining([1, 2, 3]));
    const resources = specs.map(s => s.gpu?.resourceName ?? '');
    expect(resources).toContain('nvidia.com/gpu');
    expect(resources.some(r => r.startsWith('nvidia.com/mig-'))).toBe(true);
  });

  it('spreads chart versions from 0.27.x to 0.42.0, all of them released', () => {
    const index = parseAllDocuments(
      fs.readFileSync(path.join(EXAMPLES_DIR, 'releases/index.yaml'), 'utf8'),
    )[0].toJSON() as {
      entries: Record<string, Array<{ version: string; created: string }>>;
    };
    const released = new Set(
      index.entries['deepgram-self-hosted'].map(entry => entry.version),
    );
    expect(released).toContain('0.27.0');
    expect(released).toContain('0.42.0');
    const versions = deployments.map(d => d.spec.chart.version);
    for (const version of versions) {
      expect(released).toContain(version);
    }
    expect(versions).toContain('0.42.0');
    expect(versions.some(v => v.startsWith('0.27.'))).toBe(true);
  });

  it('shows valid, expiring, expired and missing licenses on any day', () => {
    const airgapped = deployments.filter(d => d.spec.profile === 'airgapped');
    const days = deployments
      .filter(d => d.spec.license)
      .map(d => daysUntil(d.spec.license!.expiresAt));
    expect(days.some(d => d > 30)).toBe(true);
    expect(days.some(d => d >= 0 && d <= 30)).toBe(true);
    expect(days.some(d => d < 0)).toBe(true);
    expect(airgapped.some(d => !d.spec.license)).toBe(true);
    expect(
      deployments.some(d => d.spec.profile !== 'airgapped' && !d.spec.license),
    ).toBe(true);
  });
});

describe('the example release policy', () => {
  const policy = readReleasePolicy(
    parseAllDocuments(
      fs.readFileSync(path.join(EXAMPLES_DIR, 'releases/policy.yaml'), 'utf8'),
    )[0].toJSON(),
  );

  it.each([
    [1, 'light', 1, 12],
    [2, 'light', 1, 12],
    [3, 'medium', 2, 16],
    [10, 'medium', 2, 16],
    [11, 'heavy', 3, 24],
    [200, 'heavy', 3, 24],
  ])(
    'sizes %i concurrent streams as %s: %i engine pods with %i GiB GPU memory each',
    (streams, tier, engineReplicas, gpuMemoryGiB) => {
      expect(sizeForLoad(policy, '0.42.0', streams)?.tier).toMatchObject({
        name: tier,
        engineReplicas,
        gpuMemoryGiB,
      });
    },
  );

  it('has a sizing for every chart version the example fleet runs', () => {
    for (const d of deployments) {
      expect([
        d.metadata.name,
        sizeForLoad(policy, d.spec.chart.version, 1)?.tier.name,
      ]).toEqual([d.metadata.name, 'light']);
    }
  });
});
