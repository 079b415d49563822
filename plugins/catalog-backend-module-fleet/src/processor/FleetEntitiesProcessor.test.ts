import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { FleetEntitiesProcessor } from './FleetEntitiesProcessor';

const location = { type: 'file', target: '/fleet/deployments.yaml' };

const deployment: Entity = {
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'CustomerDeployment',
  metadata: { name: 'acme-prod', namespace: 'fleet' },
  spec: {
    customer: 'acme',
    owner: 'group:default/solutions-east',
    lifecycle: 'production',
    profile: 'connected',
    chart: { name: 'deepgram-self-hosted', version: '0.42.0' },
    cluster: { kubernetesVersion: '1.31', namespace: 'dg' },
  },
};

const customer: Entity = {
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'Customer',
  metadata: { name: 'acme' },
  spec: { owner: 'solutions-east', tier: 'strategic' },
};

async function relationsOf(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await new FleetEntitiesProcessor().postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  return emitted.map(result => {
    if (result.type !== 'relation') {
      throw new Error(`unexpected ${result.type}`);
    }
    const { source, type, target } = result.relation;
    return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
  });
}

describe('FleetEntitiesProcessor', () => {
  const processor = new FleetEntitiesProcessor();

  it('relates a deployment to its customer, in its own namespace, and to its owner', async () => {
    expect(await relationsOf(deployment)).toEqual([
      'CustomerDeployment:fleet/acme-prod partOf Customer:fleet/acme',
      'Customer:fleet/acme hasPart CustomerDeployment:fleet/acme-prod',
      'CustomerDeployment:fleet/acme-prod ownedBy group:default/solutions-east',
      'group:default/solutions-east ownerOf CustomerDeployment:fleet/acme-prod',
    ]);
  });

  it('follows a customer given as a full entity ref', async () => {
    const relations = await relationsOf({
      ...deployment,
      spec: { ...deployment.spec, customer: 'customer:partners/acme' },
    });
    expect(relations[0]).toBe(
      'CustomerDeployment:fleet/acme-prod partOf customer:partners/acme',
    );
  });

  it('relates a customer to its account team, defaulting the kind to Group', async () => {
    expect(await relationsOf(customer)).toEqual([
      'Customer:default/acme ownedBy Group:default/solutions-east',
      'Group:default/solutions-east ownerOf Customer:default/acme',
    ]);
  });

  it('leaves other kinds alone', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'web' },
      spec: { owner: 'team-a', type: 'service', lifecycle: 'production' },
    };
    await expect(processor.validateEntityKind(component)).resolves.toBe(false);
    expect(await relationsOf(component)).toEqual([]);
  });

  it('accepts valid entities of both kinds', async () => {
    await expect(processor.validateEntityKind(deployment)).resolves.toBe(true);
    await expect(processor.validateEntityKind(customer)).resolves.toBe(true);
  });

  it('refuses an invalid deployment, naming the entity and every bad field', async () => {
    await expect(
      processor.validateEntityKind({
        ...deployment,
        spec: {
          ...deployment.spec,
          profile: 'hybrid',
          billing: { mode: 'journal', replicas: 'three' },
        },
      }),
    ).rejects.toThrow(
      'Invalid CustomerDeployment "acme-prod": spec.profile: must be one of saas, connected, airgapped, got "hybrid"; spec.billing.replicas: must be an integer ≥ 1 (at most 16), got "three"',
    );
  });
});
