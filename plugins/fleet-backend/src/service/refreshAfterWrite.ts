import type { LoggerService } from '@backstage/backend-plugin-api';
import type { StatusRefresh } from './seams';

/**
 * Re-evaluates a deployment's status after an observation of it was stored. The observation
 * stays stored when this fails: the next scheduled refresh evaluates it, so the failure is
 * logged rather than answered.
 */
export async function refreshAfterWrite(
  statuses: StatusRefresh,
  logger: LoggerService,
  entityRef: string,
  what: string,
): Promise<void> {
  try {
    await statuses.refresh(entityRef);
  } catch (error) {
    logger.warn(
      `${what} for ${entityRef} stored, but its status could not be re-evaluated now: ${error}`,
    );
  }
}
