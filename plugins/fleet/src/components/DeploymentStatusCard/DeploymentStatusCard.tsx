import { describeMoment } from '@fleetdeck/plugin-fleet-common';
import { FactList } from '../shared/FactList';
import { DeploymentStatusCardFrame } from '../shared/DeploymentCardFrame';
import { formatTimestamp } from '../shared/fleetStatus';
import {
  GpuStatusLabel,
  HealthStatusLabel,
  JournalStatusLabel,
  LicenseStatusLabel,
  UpgradeStatusLabel,
} from '../status';

const TITLE = 'Deployment status';

/**
 * A CustomerDeployment's live state as the fleet backend evaluated it: overall health and the
 * four signals (license, journals, GPU, upgrade), each as icon + word + why, and when it was
 * evaluated.
 */
export function DeploymentStatusCard() {
  return (
    <DeploymentStatusCardFrame title={TITLE}>
      {status => {
        const now = new Date();
        const evaluated = describeMoment(status.evaluatedAt, now);
        return (
          <FactList
            facts={[
              {
                label: 'Health',
                value: <HealthStatusLabel health={status.health} />,
              },
              {
                label: 'License',
                value: <LicenseStatusLabel signal={status.license} />,
              },
              {
                label: 'Journals',
                value: <JournalStatusLabel signal={status.journal} now={now} />,
              },
              { label: 'GPU', value: <GpuStatusLabel signal={status.gpu} /> },
              {
                label: 'Upgrade',
                value: <UpgradeStatusLabel signal={status.upgrade} />,
              },
              {
                label: 'Evaluated',
                value: `${formatTimestamp(status.evaluatedAt)}${
                  evaluated ? ` (${evaluated})` : ''
                }`,
              },
            ]}
          />
        );
      }}
    </DeploymentStatusCardFrame>
  );
}
