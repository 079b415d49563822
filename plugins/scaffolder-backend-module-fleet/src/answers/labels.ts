/**
 * The form's words for each answer, so a refusal names what the SE sees on the page.
 * Kept beside the template's field titles (examples/templates/new-customer-deployment).
 */
export const FIELD_LABELS: Record<string, string> = {
  'customer.name': 'Customer',
  'customer.tier': 'Customer tier',
  'deployment.name': 'Deployment name',
  'deployment.lifecycle': 'Environment',
  'deployment.namespace': 'Namespace',
  'deployment.kubernetesVersion': 'Kubernetes version',
  owner: 'Owner',
  profile: 'Profile',
  cloud: 'Cloud',
  'chart.version': 'Chart version',
  'registry.host': 'Private registry host',
  'registry.pullSecretName': 'Image pull secret name',
  'billing.journals': 'Billing journals',
  'billing.replicas': 'Billing replicas',
  'billing.journalStorage': 'Journal storage',
  'billing.storageClass': 'Journal storage class',
  'billing.size': 'Journal volume size',
  'billing.existingPvcName': 'Existing journal PVC',
  'billing.efsFileSystemId': 'EFS file system id',
  'backup.target': 'Backup target',
  'backup.schedule': 'Backup schedule',
  'backup.image': 'Backup image',
  'backup.s3.bucket': 'S3 bucket',
  'backup.s3.region': 'S3 region',
  'backup.s3.roleArn': 'IAM role ARN (IRSA)',
  'backup.s3.credentialsSecretName': 'S3 credentials secret name',
  'backup.s3.databasePrefix': 'S3 prefix of the database dumps',
  'backup.nfs.server': 'NFS server',
  'backup.nfs.path': 'NFS path',
  'backup.pvc.claimName': 'Backup PVC',
  databases: 'Databases',
  'gpu.engineReplicas': 'Engine replicas',
  'gpu.perEngine': 'GPUs per engine',
  'gpu.resourceName': 'GPU resource name',
  'gpu.expectedStreams': 'Expected concurrent streams',
  'gpu.engineMemoryGiB': 'GPU memory per engine (GiB)',
  'gpu.engineResources.cpu': 'CPU per engine',
  'gpu.engineResources.memory': 'Memory per engine',
  'license.id': 'License id',
  'license.expiresAt': 'License expiry',
  'license.proxy': 'License proxy',
};

/** The form's words for the fields of one database of the `databases` list. */
const DATABASE_FIELD_LABELS: Record<string, string> = {
  name: 'name',
  host: 'host',
  port: 'port',
  database: 'database name',
  credentialsSecretRef: 'credentials secret name',
  postgresVersion: 'PostgreSQL major version',
};

/** `databases.0.host` or `databases[0].host` → `Database 1 host`. */
function databaseLabelOf(path: string): string | undefined {
  const match = /^databases(?:\.|\[)(\d+)\]?(?:\.(\w+))?$/.exec(path);
  if (!match) {
    return undefined;
  }
  const field = match[2] ? DATABASE_FIELD_LABELS[match[2]] ?? match[2] : '';
  return `Database ${Number(match[1]) + 1}${field ? ` ${field}` : ''}`;
}

/** `Backup schedule (backup.schedule)`, or the path alone when the form has no such field. */
export function labelOf(path: string): string {
  const label = FIELD_LABELS[path] ?? databaseLabelOf(path);
  return label ? `${label} (${path})` : path;
}
