import {
  CustomerDeploymentEntity,
  describeDays,
  LicenseSignal,
} from '@fleetdeck/plugin-fleet-common';
import Typography from '@mui/material/Typography';
import { Fact, FactList } from '../shared/FactList';
import { DeploymentStatusCardFrame } from '../shared/DeploymentCardFrame';
import { LicenseStatusLabel } from '../status';

const TITLE = 'License';

/** `12 days`, `0 days (today is the last valid day)`, `none, expired 9 days ago`. */
export function describeDaysLeft(daysLeft: number | undefined): string {
  if (daysLeft === undefined) {
    return 'Unknown';
  }
  if (daysLeft < 0) {
    return `None, expired ${describeDays(-daysLeft)} ago`;
  }
  if (daysLeft === 0) {
    return '0 days (today is the last valid day)';
  }
  return describeDays(daysLeft);
}

function licenseFacts(
  signal: LicenseSignal,
  entity: CustomerDeploymentEntity,
): Fact[] {
  const license = entity.spec.license;
  const status: Fact = {
    label: 'Status',
    value: <LicenseStatusLabel signal={signal} />,
  };
  if (!license) {
    return [status, { label: 'License ID', value: 'None on file' }];
  }
  return [
    status,
    { label: 'License ID', value: license.id },
    { label: 'Expires', value: signal.expiresAt ?? license.expiresAt },
    { label: 'Days left', value: describeDaysLeft(signal.daysLeft) },
    {
      label: 'Key secret',
      value: license.keySecretRef ?? 'Not named',
    },
    {
      label: 'File secret',
      value: license.fileSecretRef ?? 'Not named',
    },
  ];
}

/**
 * A CustomerDeployment's license: status as the fleet backend evaluated it (inside the warning
 * window it is `expiring`), id, last valid day, days left, and the names of the Kubernetes
 * Secrets that hold the key and the license file. Never the key itself.
 */
export function LicenseCard() {
  return (
    <DeploymentStatusCardFrame title={TITLE}>
      {(status, entity) => (
        <>
          <FactList facts={licenseFacts(status.license, entity)} />
          {entity.spec.license ? (
            <Typography
              variant="caption"
              color="text.secondary"
              component="p"
              sx={{ mt: 2 }}
            >
              Only the names of the Secrets are shown; the license key never
              enters the portal.
            </Typography>
          ) : null}
        </>
      )}
    </DeploymentStatusCardFrame>
  );
}
