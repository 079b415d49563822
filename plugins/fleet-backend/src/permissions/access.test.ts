import fs from 'node:fs';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { FLEET_REGISTRATIONS_LOCATION } from '@fleetdeck/plugin-fleet-common';
import request from 'supertest';
import { fleetPlugin } from '../plugin';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
  EXAMPLE_STATUS_REPORT,
  loadExampleEntities,
} from '../__testUtils__/examples';
import {
  examplePolicyModule,
  exampleUserInfoFactory,
  onBehalfOfHttpAuthFactory,
  PEOPLE,
} from '../__testUtils__/examplePolicy';
import { schedulerOfFleet } from '../__testUtils__/schedulerOfFleet';
import { journal } from '../journals/__testUtils__/fixtures';
import { registrationRequest } from '../registrations/__testUtils__/registration';
import { STATUS_REFRESH_TASK_ID } from '../service/tasks/statusRefreshTask';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

/** Owned by solutions-east (the owner's team); not by solutions-west. */
const OWNED = 'harbor-trust-bank-prod';
/** Registered through the portal in the test, owned by solutions-east too. */
const REGISTERED = 'acme-prod';

type Person = keyof typeof PEOPLE;
type Outcome = 'ok' | 403;

/**
 * The same requests as each person under the example policy. `ok` is a 2xx; a refusal is a
 * 403 naming the permission, whether the deployment exists or not.
 */
const MATRIX: Array<{
  request: string;
  permission: string;
  expected: Record<Person, Outcome>;
}> = [
  // request                      permission             owner  nonOwner billing admin
  {
    request: 'one deployment',
    permission: 'fleet.deployment.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'journals list',
    permission: 'fleet.journal.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 'ok', admin: 'ok' },
  },
  {
    request: 'journal download',
    permission: 'fleet.journal.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 'ok', admin: 'ok' },
  },
  {
    request: 'journal upload',
    permission: 'fleet.journal.create',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'status report',
    permission: 'fleet.report.create',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'artifacts list',
    permission: 'fleet.artifact.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'artifacts archive',
    permission: 'fleet.artifact.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'artifact file',
    permission: 'fleet.artifact.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'upgrade plan',
    permission: 'fleet.deployment.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'upgrade plan files',
    permission: 'fleet.artifact.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'values upload',
    permission: 'fleet.report.create',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'bundle hand-out',
    permission: 'fleet.artifact.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'backups list',
    permission: 'fleet.deployment.read',
    expected: { owner: 'ok', nonOwner: 403, billing: 403, admin: 'ok' },
  },
  {
    request: 'registrations list',
    permission: 'fleet.registration.read',
    expected: { owner: 'ok', nonOwner: 'ok', billing: 403, admin: 'ok' },
  },
];

const EAST = 'group:default/solutions-east';
const WEST = 'group:default/solutions-west';

/**
 * What each person sees of the example fleet (16 deployments + the registered one): how
 * many, whose, and which registrations (or the status of the registrations list).
 */
const VISIBLE: Record<
  Person,
  { deployments: number; owners: string[]; registrations: string[] | 403 }
> = {
  owner: { deployments: 5, owners: [EAST], registrations: [REGISTERED] },
  nonOwner: { deployments: 6, owners: [WEST], registrations: [] },
  billing: { deployments: 0, owners: [], registrations: 403 },
  admin: {
    deployments: 17,
    owners: [
      EAST,
      WEST,
      'group:default/solutions-emea',
      'group:default/platform-engineering',
    ],
    registrations: [REGISTERED],
  },
};

const exampleReport = () => fs.readFileSync(EXAMPLE_STATUS_REPORT, 'utf8');

async function startFleet(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const dir = createMockDirectory();
  dir.setContent({ blobs: {} });
  const scheduler = schedulerOfFleet();
  const { server } = await startTestBackend({
    features: [
      fleetPlugin,
      scheduler.module,
      // The real permission framework: the permissions client, the permission backend with
      // the example policy, and the fleet's rules applied over HTTP by apply-conditions.
      permissionBackend,
      examplePolicyModule,
      permissionsServiceFactory,
      exampleUserInfoFactory,
      onBehalfOfHttpAuthFactory,
      // The registered deployment as the fleet's catalog provider puts it in the catalog.
      catalogServiceMock.factory({
        entities: [
          ...loadExampleEntities(),
          {
            ...registrationRequest(REGISTERED).deployment,
            metadata: {
              name: REGISTERED,
              namespace: 'default',
              annotations: {
                [ANNOTATION_LOCATION]: FLEET_REGISTRATIONS_LOCATION,
              },
            },
          },
        ],
      }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory(),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          fleet: {
            releases: {
              index: EXAMPLE_RELEASE_INDEX,
              policy: EXAMPLE_RELEASE_POLICY,
            },
            journals: { blobStore: { path: dir.resolve('blobs') } },
          },
        },
      }),
    ],
  });
  const as = (person: Person) => mockCredentials.user.header(PEOPLE[person]);
  const admin = as('admin');
  const registered = await request(server)
    .post('/api/fleet/registrations')
    .set('Authorization', admin)
    .send(registrationRequest(REGISTERED));
  expect(registered.status).toBe(201);
  await scheduler.trigger(STATUS_REFRESH_TASK_ID);
  const upload = (person: Person, name = OWNED) =>
    request(server)
      .post(
        `/api/fleet/deployments/default/${name}/journals?replica=deepgram-billing-0`,
      )
      .set('Authorization', as(person))
      .set('Content-Type', 'application/octet-stream')
      .send(journal());
  const stored = await upload('admin');
  expect(stored.status).toBe(201);
  const receiptId: string = stored.body.receipts[0].id;

  const deployment = `/api/fleet/deployments/default/${OWNED}`;
  const artifacts = `/api/fleet/deployments/default/${REGISTERED}/artifacts`;
  const get = (person: Person, url: string) =>
    request(server).get(url).set('Authorization', as(person));
  const requests: Record<string, (person: Person) => request.Test> = {
    'one deployment': p => get(p, deployment),
    'journals list': p => get(p, `${deployment}/journals`),
    'journal download': p =>
      get(p, `${deployment}/journals/${receiptId}/content`),
    'journal upload': p => upload(p),
    'status report': p =>
      request(server)
        .post(`${deployment}/reports`)
        .set('Authorization', as(p))
        .set('Content-Type', 'application/json')
        .send(exampleReport()),
    'artifacts list': p => get(p, artifacts),
    'artifacts archive': p => get(p, `${artifacts}.tar.gz`),
    'artifact file': p => get(p, `${artifacts}/values.yaml`),
    'upgrade plan': p => get(p, `${deployment}/upgrade-plan`),
    'upgrade plan files': p => get(p, `${deployment}/upgrade-plan/files`),
    'values upload': p =>
      request(server)
        .put(`${deployment}/values`)
        .set('Authorization', as(p))
        .send({ document: 'scaling:\n  replicas:\n    engine: 4\n' }),
    'bundle hand-out': p =>
      request(server)
        .post(`${deployment}/bundles`)
        .set('Authorization', as(p))
        .send({ target: '0.42.0' }),
    'backups list': p => get(p, `${deployment}/backups`),
    'registrations list': p => get(p, '/api/fleet/registrations'),
  };
  return { get, requests };
}

describe.each(databases.eachSupportedId())(
  'access under the example policy on %p',
  databaseId => {
    let fleet: Awaited<ReturnType<typeof startFleet>>;
    beforeAll(async () => {
      fleet = await startFleet(databaseId);
    });

    const people = Object.keys(PEOPLE) as Person[];

    it.each(MATRIX)(
      '$request: as the matrix says for each person',
      async ({ request: name, permission, expected }) => {
        const outcomes: Record<string, Outcome | number> = {};
        const refusals: Record<string, string | undefined> = {};
        for (const person of people) {
          const response = await fleet.requests[name](person);
          outcomes[person] =
            response.status >= 200 && response.status < 300
              ? 'ok'
              : response.status;
          refusals[person] =
            response.status === 403 ? response.body.error.message : undefined;
        }
        expect(outcomes).toEqual(expected);
        // Each refusal names the permission that is missing.
        const namesIt = expect.stringContaining(`(permission ${permission})`);
        expect(refusals).toEqual(
          Object.fromEntries(
            people.map(person => [
              person,
              expected[person] === 403 ? namesIt : undefined,
            ]),
          ),
        );
      },
    );

    it.each(people)(
      'the list, its tiles and the registrations show %s only what they may read',
      async person => {
        const visible = VISIBLE[person];
        const list = await fleet.get(
          person,
          '/api/fleet/deployments?limit=100',
        );
        expect(list.status).toBe(200);
        expect(list.body.items).toHaveLength(visible.deployments);
        expect(list.body.totalCount).toBe(visible.deployments);
        expect(list.body.summary.total).toBe(visible.deployments);
        const health = list.body.summary.health as Record<string, number>;
        expect(Object.values(health).reduce((a, b) => a + b, 0)).toBe(
          visible.deployments,
        );
        expect(
          [
            ...new Set(list.body.items.map((i: { owner: string }) => i.owner)),
          ].sort(),
        ).toEqual([...visible.owners].sort());

        // A query's filters narrow what the policy lets through, and never widen it.
        const airgapped = await fleet.get(
          person,
          '/api/fleet/deployments?profile=airgapped&limit=100',
        );
        expect(airgapped.body.summary.total).toBe(
          list.body.items.filter(
            (i: { profile: string }) => i.profile === 'airgapped',
          ).length,
        );

        const registrations = await fleet.get(
          person,
          '/api/fleet/registrations',
        );
        expect(
          registrations.status === 200
            ? registrations.body.items.map(
                (r: { entityRef: string }) => r.entityRef.split('/')[1],
              )
            : registrations.status,
        ).toEqual(visible.registrations);
      },
    );

    it('refuses a deployment that does not exist as one that may not be read, but tells an admin it is not there', async () => {
      const url = '/api/fleet/deployments/default/no-such-deployment';
      const nonOwner = await fleet.get('nonOwner', url);
      const hidden = await fleet.get(
        'nonOwner',
        `/api/fleet/deployments/default/${OWNED}`,
      );
      expect(nonOwner.status).toBe(403);
      expect(nonOwner.body.error.message).toBe(hidden.body.error.message);
      expect((await fleet.get('admin', url)).status).toBe(404);
    });
  },
);
