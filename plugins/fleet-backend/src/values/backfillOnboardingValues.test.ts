import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';
import { DatabaseFleetStore } from '../database/DatabaseFleetStore';
import { migrateFleetDatabase } from '../database/migrateFleetDatabase';
import { DatabaseRegistrationStore } from '../registrations/DatabaseRegistrationStore';
import { registrationRequest } from '../registrations/__testUtils__/registration';
import { backfillOnboardingValues } from './backfillOnboardingValues';
import { DatabaseValuesStore } from './DatabaseValuesStore';
import { ValuesService } from './ValuesService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

describe.each(databases.eachSupportedId())(
  'backfillOnboardingValues on %p',
  databaseId => {
    it("records each registered deployment's values.yaml once, leaving values on record alone", async () => {
      const knex = await migrateFleetDatabase(
        mockServices.database({
          knex: await databases.init(databaseId as TestDatabaseId),
        }),
      );
      const registrations = new DatabaseRegistrationStore(knex);
      const register = async (name: string, valuesYaml?: string) => {
        const request = registrationRequest(name, `task-${name}`);
        await registrations.register(
          {
            entityRef: `customerdeployment:default/${name}`,
            taskId: request.taskId,
            registeredBy: 'user:default/onboarder',
            deployment: request.deployment,
            artifacts: request.artifacts
              .filter(a => a.name !== 'values.yaml')
              .concat(
                valuesYaml === undefined
                  ? []
                  : [{ name: 'values.yaml', content: valuesYaml }],
              ),
          },
          new Date('2026-11-01T00:00:00Z'),
        );
      };
      await register('acme-prod', 'billing:\n  enabled: true\n');
      await register('acme-dr'); // no values.yaml
      await register('acme-lab', 'just text\n'); // not a values file: skipped
      await register('acme-staging', 'billing:\n  enabled: true\n');

      const store = new DatabaseValuesStore(knex);
      const fleet = new DatabaseFleetStore(knex);
      const logger = mockServices.logger.mock();
      const values = new ValuesService({
        store,
        observations: fleet,
        deployments: { getDeploymentEntity: async () => undefined },
        statuses: { refresh: async () => undefined },
        logger,
      });
      const upload = {
        document: 'scaling: {}\n',
        source: 'upload' as const,
        sha256: 'a'.repeat(64),
        recordedAt: '2026-11-20T00:00:00.000Z',
        recordedBy: 'user:default/se',
      };
      await store.record('customerdeployment:default/acme-staging', upload);

      const options = { registrations, store, values, logger };
      expect(await backfillOnboardingValues(options)).toBe(1);
      expect(
        await store.get('customerdeployment:default/acme-prod'),
      ).toMatchObject({
        source: 'onboarding',
        recordedBy: 'user:default/onboarder',
      });
      const observed = await fleet.getObservations([
        'customerdeployment:default/acme-prod',
      ]);
      expect(
        observed.get('customerdeployment:default/acme-prod')?.valuesKeys,
      ).toEqual(['billing.enabled']);
      expect(
        await store.get('customerdeployment:default/acme-staging'),
      ).toEqual(upload);
      expect(
        await store.get('customerdeployment:default/acme-dr'),
      ).toBeUndefined();
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('acme-lab'),
      );
      // Run again (another instance, a restart): nothing more to do.
      expect(await backfillOnboardingValues(options)).toBe(0);
    });
  },
);
