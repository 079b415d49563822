/**
 * The value keys of the deepgram-self-hosted chart that onboarding may set, written from the
 * chart's values.yaml (see ../shared/reference in the design notes). A rendered key outside this
 * list is a typo the chart would silently ignore.
 */
export const CHART_VALUE_KEYS = new Set([
  'global.pullSecretRef',
  'global.deepgramSecretRef',
  'global.deepgramLicenseSecretRef',
  'global.initContainer.image.registry',
  'global.initContainer.image.repository',
  'scaling.replicas.engine',
  'api.image.path',
  'engine.image.path',
  'engine.resources.gpuResourceName',
  'engine.resources.requests.gpu',
  'engine.resources.requests.cpu',
  'engine.resources.requests.memory',
  'engine.resources.limits.gpu',
  'engine.resources.limits.cpu',
  'engine.resources.limits.memory',
  'engine.modelManager.volumes.aws.efs.enabled',
  'engine.modelManager.volumes.aws.efs.fileSystemId',
  'engine.modelManager.volumes.aws.efs.namePrefix',
  'licenseProxy.enabled',
  'licenseProxy.image.path',
  'billing.enabled',
  'billing.replicas',
  'billing.image.path',
  'billing.licenseFile.secretRef',
  'billing.licenseFile.secretKey',
  'billing.journal.existingPvcName',
  'billing.journal.storageClass',
  'billing.journal.size',
  'billing.journal.aws.efs.enabled',
]);

/** Every leaf of a values object as a dotted path. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, child]) =>
      leafPaths(child, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [prefix];
}
