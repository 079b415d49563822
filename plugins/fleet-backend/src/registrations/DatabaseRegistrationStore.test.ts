import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { DatabaseRegistrationStore } from './DatabaseRegistrationStore';
import { registrationRequest } from './__testUtils__/registration';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const migrationsDir = resolvePackagePath(
  '@fleetdeck/plugin-fleet-backend',
  'migrations',
);

const REF = 'customerdeployment:default/acme-prod';

function newRegistration(taskId = 'task-1') {
  const { deployment, customer, artifacts } = registrationRequest(
    'acme-prod',
    taskId,
  );
  return {
    entityRef: REF,
    taskId,
    registeredBy: 'user:default/mock',
    deployment,
    customer,
    artifacts,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseRegistrationStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const store = await DatabaseRegistrationStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    }

    it('migrates up and down (20261126_registrations)', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('fleet_registrations')).toBe(true);
      expect(await knex.schema.hasTable('fleet_registration_artifacts')).toBe(
        true,
      );

      // By name: later migrations stay applied.
      const [, down] = await knex.migrate.down({
        directory: migrationsDir,
        name: '20261126_registrations.js',
      });
      expect(down).toEqual(['20261126_registrations.js']);
      expect(await knex.schema.hasTable('fleet_registrations')).toBe(false);
      expect(await knex.schema.hasTable('fleet_registration_artifacts')).toBe(
        false,
      );
      // The other migrations are untouched.
      expect(await knex.schema.hasTable('fleet_flags')).toBe(true);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('fleet_registrations')).toBe(true);
    });

    it('stores a registration with its files, and lists them', async () => {
      const { store } = await createStore();
      const now = new Date('2026-11-26T10:00:00Z');
      expect(await store.register(newRegistration(), now)).toEqual({
        created: true,
      });

      const [registration] = await store.list();
      expect(registration).toEqual({
        entityRef: REF,
        taskId: 'task-1',
        registeredBy: 'user:default/mock',
        registeredAt: '2026-11-26T10:00:00.000Z',
        updatedAt: '2026-11-26T10:00:00.000Z',
        deployment: newRegistration().deployment,
        customer: newRegistration().customer,
      });
      expect(await store.listArtifacts(REF)).toEqual([
        {
          name: 'RUNBOOK.md',
          bytes: 21,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
        { name: 'collect-status.sh', bytes: 28, sha256: expect.any(String) },
        {
          name: 'values.yaml',
          bytes: expect.any(Number),
          sha256: expect.any(String),
        },
      ]);
      expect((await store.getArtifacts(REF)).map(a => a.name)).toEqual([
        'RUNBOOK.md',
        'collect-status.sh',
        'values.yaml',
      ]);
    });

    it('lets the same task register again (replacing files), and refuses another task', async () => {
      const { store } = await createStore();
      await store.register(newRegistration(), new Date('2026-11-26T10:00:00Z'));

      const retry = {
        ...newRegistration(),
        artifacts: [{ name: 'RUNBOOK.md', content: 'v2' }],
      };
      expect(
        await store.register(retry, new Date('2026-11-26T10:05:00Z')),
      ).toEqual({
        created: false,
      });
      const registration = await store.get(REF);
      expect(registration?.registeredAt).toBe('2026-11-26T10:00:00.000Z');
      expect(registration?.updatedAt).toBe('2026-11-26T10:05:00.000Z');
      expect(await store.getArtifacts(REF)).toEqual([
        { name: 'RUNBOOK.md', content: 'v2' },
      ]);

      await expect(
        store.register(newRegistration('task-2'), new Date()),
      ).rejects.toThrow(ConflictError);
      expect((await store.get(REF))?.taskId).toBe('task-1');
    });
  },
);
