import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RegistrationStore } from '../registrations/RegistrationStore';
import type { ValuesService } from './ValuesService';
import type { ValuesStore } from './ValuesStore';

/**
 * Gives each deployment registered before the portal kept values (and any whose values were
 * not recorded at registration) its onboarding `values.yaml` as its values. Idempotent: a
 * deployment with values on record is left alone, so every instance may run it at start-up.
 * A document that is not a values file is logged and skipped. Returns how many were recorded.
 */
export async function backfillOnboardingValues(options: {
  registrations: Pick<RegistrationStore, 'list' | 'getArtifacts'>;
  store: Pick<ValuesStore, 'get'>;
  values: Pick<ValuesService, 'recordOnboarding'>;
  logger: LoggerService;
}): Promise<number> {
  const { registrations, store, values, logger } = options;
  let recorded = 0;
  for (const registration of await registrations.list()) {
    const { entityRef } = registration;
    if (await store.get(entityRef)) {
      continue;
    }
    const document = (await registrations.getArtifacts(entityRef)).find(
      artifact => artifact.name === 'values.yaml',
    )?.content;
    if (!document) {
      continue;
    }
    try {
      await values.recordOnboarding(
        entityRef,
        document,
        registration.registeredBy,
      );
      recorded++;
    } catch (error) {
      logger.warn(
        `The values.yaml registered for ${entityRef} was not recorded as its values; upload them on its page: ${error}`,
      );
    }
  }
  if (recorded > 0) {
    logger.info(
      `Recorded the onboarding values.yaml of ${recorded} registered deployments as their values`,
    );
  }
  return recorded;
}
