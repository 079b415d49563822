/*
 * The fleet-common functions of issue 13 that helpers "plan" and "bundle" are writing on their
 * branches, by the signatures agreed in the brief. Each delegates to fleet-common's export of
 * that name and, until it is merged into main, throws saying so. Deleted, and the imports
 * pointed at '@fleetdeck/plugin-fleet-common', once main has them.
 */
import * as common from '@fleetdeck/plugin-fleet-common';
import type {
  BackupManifest,
  BundleVerification,
  ChartRelease,
  CustomerDeploymentEntity,
  PlanFile,
  ReleasePolicy,
  UpdateBundleManifest,
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
  buildUpdateBundle(options: {
    entity: CustomerDeploymentEntity;
    from: string;
    release: ChartRelease;
    policy?: ReleasePolicy;
    /** The deployment's values document (YAML), for images that run only when a key is set. */
    values?: string;
    releaseNotes: string;
    /** The Helm repository URL `assemble-bundle.sh` pulls the chart from by default. */
    chartRepository?: string;
    now: Date;
  }): { id: string; manifest: UpdateBundleManifest; files: PlanFile[] };
  validateBundleVerification(value: unknown): BundleVerification;
  validateBackupManifest(value: unknown): BackupManifest;
  renderCollectStatus(options: {
    deploymentName: string;
    namespace: string;
  }): string;
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
export const buildUpdateBundle: PendingFunctions['buildUpdateBundle'] =
  options => pending('buildUpdateBundle')(options);
export const validateBundleVerification: PendingFunctions['validateBundleVerification'] =
  value => pending('validateBundleVerification')(value);
export const validateBackupManifest: PendingFunctions['validateBackupManifest'] =
  value => pending('validateBackupManifest')(value);
export const renderCollectStatus: PendingFunctions['renderCollectStatus'] =
  options => pending('renderCollectStatus')(options);
