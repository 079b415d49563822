import {
  COLLECTOR_VERSION,
  renderCollectStatus as renderCollectStatusFor,
} from '@fleetdeck/plugin-fleet-common';
import type { OnboardingAnswers } from '../answers/schema';

// The collector lives in fleet-common, where the fleet backend also puts it in upgrade plans;
// this module's export of its version stays for the packages that read it here.
export { COLLECTOR_VERSION };

/**
 * Renders `collect-status.sh` for the deployment being onboarded: the fleet's collector
 * (see `renderCollectStatus` in `@fleetdeck/plugin-fleet-common`) for its name and namespace.
 *
 * @public
 */
export function renderCollectStatus(answers: OnboardingAnswers): string {
  return renderCollectStatusFor({
    deploymentName: answers.deployment.name,
    namespace: answers.deployment.namespace,
  });
}
