import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import fleetPlugin from '@fleetdeck/plugin-fleet-backend';
import {
  CustomerDeploymentEntity,
  DeploymentListResponse,
  DeploymentObservations,
  evaluateDeployment,
  GPU_STATUSES,
  JOURNAL_STATUSES,
  LICENSE_STATUSES,
  readReleaseIndex,
  readReleasePolicy,
  UPGRADE_STATUSES,
} from '@fleetdeck/plugin-fleet-common';
import {
  EXAMPLES_DIR,
  loadExampleEntities,
} from '../__testUtils__/exampleFiles';
import exampleObservationsModule, {
  mergeJournalReceipts,
  readExampleObservations,
} from './exampleObservations';

jest.setTimeout(60_000);

const now = new Date('2026-11-22T20:00:00Z');
const observationsFile = path.join(EXAMPLES_DIR, 'observations.yaml');

describe('readExampleObservations', () => {
  it('turns days-ago into times before now', () => {
    const patches = readExampleObservations(
      {
        kind: 'ExampleObservations',
        deployments: {
          acme: {
            firstSeenDaysAgo: 10,
            journals: [
              {
                replica: 'deepgram-billing-0',
                receivedDaysAgo: 1.5,
                capturedDaysAgo: 2,
              },
            ],
            reported: { chartVersion: '0.40.2', observedDaysAgo: 0 },
          },
        },
      },
      now,
    );
    expect(patches.get('customerdeployment:default/acme')).toEqual({
      firstSeenAt: '2026-11-12T20:00:00.000Z',
      journals: [
        {
          replica: 'deepgram-billing-0',
          receivedAt: '2026-11-21T08:00:00.000Z',
          capturedAt: '2026-11-20T20:00:00.000Z',
        },
      ],
      reported: {
        chartVersion: '0.40.2',
        observedAt: '2026-11-22T20:00:00.000Z',
      },
    });
  });

  it('names the field it cannot read', () => {
    expect(() =>
      readExampleObservations(
        {
          kind: 'ExampleObservations',
          deployments: {
            acme: { journals: [{ replica: 'x', receivedDaysAgo: 'soon' }] },
          },
        },
        now,
      ),
    ).toThrow(
      'deployments.acme.journals[0].receivedDaysAgo: must be a number of days ≥ 0, got "soon"',
    );
    expect(() => readExampleObservations({ kind: 'Other' }, now)).toThrow(
      'expected kind: ExampleObservations',
    );
  });
});

describe('mergeJournalReceipts', () => {
  it('keeps a journal that really arrived over an older seeded one, per replica', () => {
    const seeded = [
      { replica: 'deepgram-billing-0', receivedAt: '2026-10-13T20:00:00.000Z' },
      { replica: 'deepgram-billing-1', receivedAt: '2026-10-13T20:00:00.000Z' },
    ];
    const uploaded = {
      replica: 'deepgram-billing-0',
      receivedAt: '2026-11-22T19:00:00.000Z',
    };
    expect(mergeJournalReceipts(seeded, [uploaded])).toEqual([
      uploaded,
      seeded[1],
    ]);
    expect(mergeJournalReceipts(seeded)).toEqual(seeded);
  });
});

describe('the example fleet with its observations', () => {
  const entities = loadExampleEntities('fleet/deployments.yaml', now).filter(
    e => e.kind === 'CustomerDeployment',
  ) as CustomerDeploymentEntity[];
  const patches = readExampleObservations(
    parse(fs.readFileSync(observationsFile, 'utf8')),
    now,
  );
  const index = readReleaseIndex(
    parse(
      fs.readFileSync(path.join(EXAMPLES_DIR, 'releases/index.yaml'), 'utf8'),
    ),
  );
  const policy = readReleasePolicy(
    parse(
      fs.readFileSync(path.join(EXAMPLES_DIR, 'releases/policy.yaml'), 'utf8'),
    ),
  );
  const statuses = entities.map(entity =>
    evaluateDeployment(
      entity,
      (patches.get(`customerdeployment:default/${entity.metadata.name}`) ??
        {}) as DeploymentObservations,
      index,
      policy,
      now,
    ),
  );

  it('observes only deployments that exist', () => {
    const refs = new Set(
      entities.map(e => `customerdeployment:default/${e.metadata.name}`),
    );
    expect([...patches.keys()].filter(ref => !refs.has(ref))).toEqual([]);
  });

  it.each([
    [
      'license',
      LICENSE_STATUSES,
      (s: (typeof statuses)[0]) => s.license.status,
    ],
    [
      'journal',
      JOURNAL_STATUSES,
      (s: (typeof statuses)[0]) => s.journal.status,
    ],
    ['gpu', GPU_STATUSES, (s: (typeof statuses)[0]) => s.gpu.status],
    [
      'upgrade',
      UPGRADE_STATUSES,
      (s: (typeof statuses)[0]) => s.upgrade.status,
    ],
  ] as const)('shows every %s status', (_, vocabulary, statusOf) => {
    expect(new Set(statuses.map(statusOf))).toEqual(new Set(vocabulary));
  });
});

describe('the example observations module', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function startPortalFleet(fleet: JsonObject) {
    const { server } = await startTestBackend({
      features: [
        fleetPlugin,
        exampleObservationsModule,
        catalogServiceMock.factory({
          entities: loadExampleEntities('fleet/deployments.yaml', new Date()),
        }),
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: {
            fleet: {
              releases: {
                index: path.join(EXAMPLES_DIR, 'releases/index.yaml'),
                policy: path.join(EXAMPLES_DIR, 'releases/policy.yaml'),
              },
              ...fleet,
            },
          },
        }),
      ],
    });
    const response = await request(server)
      .get('/api/fleet/deployments?limit=500')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return (response.body as DeploymentListResponse).items;
  }

  it('seeds the example fleet through the fleet plugin before its first refresh, so every status shows', async () => {
    const statuses = await startPortalFleet({
      examples: { observations: observationsFile },
    });
    expect(new Set(statuses.map(s => s.license.status))).toEqual(
      new Set(LICENSE_STATUSES),
    );
    expect(new Set(statuses.map(s => s.journal.status))).toEqual(
      new Set(JOURNAL_STATUSES),
    );
    expect(new Set(statuses.map(s => s.gpu.status))).toEqual(
      new Set(GPU_STATUSES),
    );
    expect(new Set(statuses.map(s => s.upgrade.status))).toEqual(
      new Set(UPGRADE_STATUSES),
    );
  });

  it('seeds nothing without fleet.examples.observations', async () => {
    const statuses = await startPortalFleet({});
    expect(statuses.some(s => s.journal.lastReceivedAt)).toBe(false);
  });
});
