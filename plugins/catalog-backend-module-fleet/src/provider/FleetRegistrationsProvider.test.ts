import type { Registration } from '@fleetdeck/plugin-fleet-common';
import { entitiesOfRegistrations } from './FleetRegistrationsProvider';

const registration = (
  name: string,
  registeredAt: string,
  customerTitle?: string,
): Registration => ({
  entityRef: `customerdeployment:default/${name}`,
  taskId: `task-${name}`,
  registeredBy: 'user:default/se',
  registeredAt,
  updatedAt: registeredAt,
  deployment: {
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: 'CustomerDeployment',
    metadata: { name, annotations: { 'backstage.io/kubernetes-id': name } },
    spec: { customer: 'acme' },
  },
  ...(customerTitle
    ? {
        customer: {
          apiVersion: 'fleetdeck.io/v1alpha1',
          kind: 'Customer',
          metadata: { name: 'acme', title: customerTitle },
          spec: {},
        },
      }
    : {}),
});

describe('entitiesOfRegistrations', () => {
  it('emits each deployment and each new customer once, earliest registration first', () => {
    const entities = entitiesOfRegistrations([
      registration('acme-staging', '2026-11-26T12:00:00Z', 'Acme (second)'),
      registration('acme-prod', '2026-11-26T10:00:00Z', 'Acme'),
      registration('acme-dr', '2026-11-26T11:00:00Z'),
    ]);
    expect(
      entities.map(e => `${e.entity.kind}:${e.entity.metadata.name}`),
    ).toEqual([
      'Customer:acme',
      'CustomerDeployment:acme-prod',
      'CustomerDeployment:acme-dr',
      'CustomerDeployment:acme-staging',
    ]);
    expect(entities[0].entity.metadata.title).toBe('Acme');
  });

  it('skips, and reports, registrations whose names an older version stored against the catalog rules', () => {
    const skipped: string[] = [];
    const entities = entitiesOfRegistrations(
      [
        registration('../../tmp/x', '2026-11-26T09:00:00Z', 'Acme'),
        registration('acme"prod', '2026-11-26T09:30:00Z'),
        registration('a'.repeat(64), '2026-11-26T09:40:00Z'),
        registration('acme-prod', '2026-11-26T10:00:00Z', 'Acme'),
      ],
      r => skipped.push(r.deployment.metadata.name),
    );
    expect(skipped).toEqual(['../../tmp/x', 'acme"prod', 'a'.repeat(64)]);
    expect(
      entities.map(e => `${e.entity.kind}:${e.entity.metadata.name}`),
    ).toEqual(['Customer:acme', 'CustomerDeployment:acme-prod']);
  });

  it('marks every entity as managed by fleet:registrations, keeping its own annotations', () => {
    const [deployment] = entitiesOfRegistrations([
      registration('acme-prod', '2026-11-26T10:00:00Z'),
    ]);
    expect(deployment.locationKey).toBe('fleet:registrations');
    expect(deployment.entity.metadata).toEqual({
      name: 'acme-prod',
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': 'acme-prod',
        'backstage.io/managed-by-location': 'fleet:registrations',
        'backstage.io/managed-by-origin-location': 'fleet:registrations',
      },
    });
  });
});
