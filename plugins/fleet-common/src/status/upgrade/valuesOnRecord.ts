// The deployment's values document as the values-reading checks see it: parsed, or the
// finding that says why it cannot be judged. Not part of the package's API.

import { parseValuesDocument } from '../../upgrades/valuesDocument';
import type { Finding, UpgradeContext } from './context';

export type ValuesOnRecord =
  | { values: unknown; finding?: undefined }
  | { values?: undefined; finding: Finding };

export function valuesOnRecord(ctx: UpgradeContext): ValuesOnRecord {
  const recorded = ctx.observations.values;
  if (!recorded) {
    return {
      finding: {
        outcome: 'unknown',
        message: 'no values document on record for this deployment',
        fix: "upload the deployment's values file on its page (Secret names and refs only, no secret values)",
      },
    };
  }
  if (recorded.parsed) {
    // parsed and checked for secrets when it was recorded
    return { values: recorded.parsed };
  }
  try {
    return { values: parseValuesDocument(recorded.document).toJS() ?? {} };
  } catch (error) {
    return {
      finding: {
        outcome: 'unknown',
        message: `the values document on record (${recorded.source}, ${
          recorded.recordedAt
        }) cannot be read: ${(error as Error).message}`,
        fix: "upload the deployment's current values file again on its page",
      },
    };
  }
}
