import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/**
 * Runs one audited action: the audit event is opened first, then marked a success with the
 * meta the action adds, or a failure with the error it throws, which is thrown on for the
 * framework to answer.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: AuditorServiceCreateEventOptions,
  action: () => Promise<{ result: T; meta?: JsonObject }>,
): Promise<T> {
  const auditorEvent = await auditor.createEvent(event);
  try {
    const { result, meta } = await action();
    await auditorEvent.success({ meta });
    return result;
  } catch (error) {
    await auditorEvent.fail({ error: error as Error });
    throw error;
  }
}
