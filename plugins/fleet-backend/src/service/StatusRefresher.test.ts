import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseFleetStore } from '../database/DatabaseFleetStore';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
  loadExampleEntities,
} from '../__testUtils__/examples';
import { DefaultReleaseSource } from './releases/DefaultReleaseSource';
import { ReleaseService } from './releases/ReleaseService';
import { StatusRefresher } from './StatusRefresher';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const NOW = new Date('2026-11-22T12:00:00Z');

function deployment(name: string, spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'fleetdeck.io/v1alpha1',
    kind: 'CustomerDeployment',
    metadata: { name, namespace: 'default' },
    spec: {
      customer: 'acme',
      owner: 'group:default/solutions-east',
      lifecycle: 'production',
      profile: 'airgapped',
      chart: { name: 'deepgram-self-hosted', version: '0.40.2' },
      cluster: { kubernetesVersion: '1.31', namespace: 'dg' },
      license: { id: 'LIC-1', expiresAt: '2027-03-31' },
      billing: {
        mode: 'journal',
        replicas: 2,
        journalStorage: 'ebs',
        returnEvery: 'P30D',
      },
      gpu: { resourceName: 'nvidia.com/gpu', perEngine: 1, engineReplicas: 2 },
      ...spec,
    },
  };
}

async function setup(options: {
  entities?: Entity[];
  catalog?: ReturnType<typeof catalogServiceMock>;
}) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseFleetStore.create({
    database: mockServices.database({ knex }),
  });
  const logger = mockServices.logger.mock();
  const releases = new ReleaseService(
    new DefaultReleaseSource({
      index: EXAMPLE_RELEASE_INDEX,
      policy: EXAMPLE_RELEASE_POLICY,
      urlReader: mockServices.urlReader.mock(),
      workingDirectory: '/',
    }),
    logger,
  );
  const catalog =
    options.catalog ?? catalogServiceMock({ entities: options.entities });
  const refresher = new StatusRefresher({
    catalog,
    auth: mockServices.auth(),
    store,
    releases,
    logger,
    evaluation: { licenseWarningDays: 30 },
    now: () => NOW,
  });
  return { store, refresher, logger, catalog };
}

describe('StatusRefresher', () => {
  it('evaluates the example fleet and records when it first saw each deployment', async () => {
    const entities = loadExampleEntities(NOW);
    const { store, refresher } = await setup({ entities });

    expect(await refresher.refreshAll()).toEqual({ evaluated: 16, failed: [] });

    const page = await store.listStatuses({ limit: 500 });
    expect(page.totalCount).toBe(16);
    expect(page.items.every(s => s.evaluatedAt === NOW.toISOString())).toBe(
      true,
    );
    const refs = page.items.map(s => s.entityRef);
    const observations = await store.getObservations(refs);
    expect([...observations.values()]).toEqual(
      refs.map(() => ({ firstSeenAt: NOW.toISOString() })),
    );
    // Customers are not deployments.
    expect(refs.every(r => r.startsWith('customerdeployment:'))).toBe(true);
  });

  it('reads a large catalog page by page', async () => {
    const entities = Array.from({ length: 1234 }, (_, i) =>
      deployment(`site-${i}`),
    );
    const { store, refresher, catalog } = await setup({ entities });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');

    expect(await refresher.refreshAll()).toEqual({
      evaluated: 1234,
      failed: [],
    });
    expect((await store.summarize({})).total).toBe(1234);
    expect(queryEntities).toHaveBeenCalledTimes(3);
    expect(queryEntities.mock.calls[0][0]).toEqual({
      filter: { kind: 'CustomerDeployment' },
      limit: 500,
    });
  });

  it('logs and skips a deployment that cannot be evaluated, keeping its last status', async () => {
    const good = deployment('good');
    const flaky = deployment('flaky');
    const catalog = catalogServiceMock({ entities: [good, flaky] });
    const { store, refresher, logger } = await setup({ catalog });
    await refresher.refreshAll();
    const before = await store.getStatus('customerdeployment:default/flaky');
    expect(before).toBeDefined();

    // The next read of the catalog returns a version that the evaluator trips over.
    const broken = deployment('flaky', { chart: undefined });
    const missing = deployment('never-evaluated', { chart: undefined });
    jest.spyOn(catalog, 'queryEntities').mockResolvedValueOnce({
      items: [good, broken, missing],
      totalItems: 3,
      pageInfo: {},
    });

    expect(await refresher.refreshAll()).toEqual({
      evaluated: 1,
      failed: [
        'customerdeployment:default/flaky',
        'customerdeployment:default/never-evaluated',
      ],
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not evaluate the status of customerdeployment:default/flaky',
      ),
    );
    expect(await store.getStatus('customerdeployment:default/flaky')).toEqual(
      before,
    );
    expect(
      await store.getStatus('customerdeployment:default/good'),
    ).toBeDefined();
    expect(
      await store.getStatus('customerdeployment:default/never-evaluated'),
    ).toBeUndefined();
  });

  it('keeps the last statuses when the catalog cannot be reached', async () => {
    const catalog = catalogServiceMock({
      entities: [deployment('a'), deployment('b')],
    });
    const { store, refresher, logger } = await setup({ catalog });
    await refresher.refreshAll();

    jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    expect(await refresher.refreshAll()).toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not read CustomerDeployments from the catalog; the last statuses stay: Error: connect ECONNREFUSED',
      ),
    );
    expect((await store.summarize({})).total).toBe(2);
  });

  it('shares a refresh that is already running', async () => {
    const { refresher, catalog } = await setup({
      entities: [deployment('a')],
    });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');
    const [first, second] = await Promise.all([
      refresher.refreshAll(),
      refresher.refreshAll(),
    ]);
    expect(first).toBe(second);
    expect(queryEntities).toHaveBeenCalledTimes(1);
  });

  it('refreshes one deployment, and forgets one that left the catalog', async () => {
    const catalog = catalogServiceMock({ entities: [deployment('a')] });
    const { store, refresher } = await setup({ catalog });

    const status = await refresher.refresh('customerdeployment:default/a');
    expect(status).toMatchObject({
      entityRef: 'customerdeployment:default/a',
      evaluatedAt: NOW.toISOString(),
    });
    expect(await store.getStatus('customerdeployment:default/a')).toEqual(
      status,
    );

    jest.spyOn(catalog, 'getEntityByRef').mockResolvedValueOnce(undefined);
    expect(
      await refresher.refresh('customerdeployment:default/a'),
    ).toBeUndefined();
    expect(
      await store.getStatus('customerdeployment:default/a'),
    ).toBeUndefined();
  });
});
