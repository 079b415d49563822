import { mockServices } from '@backstage/backend-test-utils';
import type { CustomerDeploymentEntity } from '@fleetdeck/plugin-fleet-common';
import { registerFleetPermissions } from './registerFleetPermissions';
import type { FleetDeploymentResource } from './resource';

const STORED: FleetDeploymentResource = {
  entityRef: 'customerdeployment:default/stored',
  owner: 'group:default/solutions-east',
  customer: 'customer:default/acme',
  profile: 'airgapped',
};

/** Registered since the last refresh: only the catalog has it. */
const NEW_ENTITY = {
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'CustomerDeployment',
  metadata: { name: 'fresh', namespace: 'default' },
  spec: {
    customer: 'Globex',
    owner: 'Solutions-West',
    profile: 'connected',
  },
} as unknown as CustomerDeploymentEntity;

describe('registerFleetPermissions', () => {
  it('loads a deployment from its stored status, else from the catalog, else not at all', async () => {
    const registry = mockServices.permissionsRegistry.mock();
    registerFleetPermissions({
      permissionsRegistry: registry,
      store: {
        getDeploymentResources: async refs =>
          new Map(
            refs.filter(r => r === STORED.entityRef).map(r => [r, STORED]),
          ),
      },
      getEntity: async ref =>
        ref === 'customerdeployment:default/fresh' ? NEW_ENTITY : undefined,
    });
    const [{ getResources, rules, permissions }] =
      registry.addResourceType.mock.calls[0];
    expect(rules.map(rule => rule.name).sort()).toEqual([
      'HAS_CUSTOMER',
      'HAS_PROFILE',
      'IS_DEPLOYMENT_OWNER',
    ]);
    expect(permissions?.map(p => p.name).sort()).toEqual([
      'fleet.artifact.read',
      'fleet.deployment.read',
      'fleet.journal.create',
      'fleet.journal.read',
      'fleet.report.create',
    ]);
    expect(
      await getResources!([
        STORED.entityRef,
        'customerdeployment:default/fresh',
        'customerdeployment:default/unknown',
      ]),
    ).toEqual([
      STORED,
      {
        entityRef: 'customerdeployment:default/fresh',
        // Completed and lower-cased as the store keeps them, so the rules compare alike.
        owner: 'group:default/solutions-west',
        customer: 'customer:default/globex',
        profile: 'connected',
      },
      undefined,
    ]);
  });
});
