/*
 * The fleet-common functions of issue 13 that helper "plan" is writing on its branch, by the signatures agreed in the brief. Each delegates to fleet-common's export of
 * that name and, until it is merged into main, throws saying so. Deleted, and the imports
 * pointed at '@fleetdeck/plugin-fleet-common', once main has them.
 */
import * as common from '@fleetdeck/plugin-fleet-common';
import type {
  CustomerDeploymentEntity,
  PlanFile,
  UpgradeEvaluationOptions,
  UpgradePlan,
} from '@fleetdeck/plugin-fleet-common';

interface PendingFunctions {
  planUpgrade(options: UpgradeEvaluationOptions): UpgradePlan;
  renderUpgradePlan(
    plan: UpgradePlan,
    options: {
      entity: CustomerDeploymentEntity;
      releaseNotes?: string;
      collector?: PlanFile;
    },
  ): PlanFile[];
  releaseNotesBetween(changelog: string, from: string, to: string): string;
}

function pending<K extends keyof PendingFunctions>(
  name: K,
): PendingFunctions[K] {
  const found = (common as unknown as Partial<PendingFunctions>)[name];
  if (!found) {
    throw new Error(
      `${name} is not in @fleetdeck/plugin-fleet-common yet (issue 13, being merged)`,
    );
  }
  return found;
}

export const planUpgrade: PendingFunctions['planUpgrade'] = options =>
  pending('planUpgrade')(options);
export const renderUpgradePlan: PendingFunctions['renderUpgradePlan'] = (
  plan,
  options,
) => pending('renderUpgradePlan')(plan, options);
export const releaseNotesBetween: PendingFunctions['releaseNotesBetween'] = (
  changelog,
  from,
  to,
) => pending('releaseNotesBetween')(changelog, from, to);
