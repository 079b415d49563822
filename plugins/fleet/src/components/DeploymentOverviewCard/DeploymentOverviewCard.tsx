import { InfoCard } from '@backstage/core-components';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  CustomerDeploymentEntity,
  isCustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import { FactList } from '../shared/FactList';
import { EntityRefOrText } from '../shared/EntityRefOrText';
import { EntityKindFrame } from '../shared/WrongKindCard';
import { customerRefOf, ownerRefOf } from '../shared/relations';
import {
  describeBilling,
  describeChart,
  describeCluster,
  describeGpu,
  describeLicense,
  describeProfile,
} from '../shared/describeDeployment';

const TITLE = 'Deployment overview';

/**
 * The desired state of a CustomerDeployment in words: who it is for and who answers for it,
 * how it is installed, its license, billing and GPUs.
 */
export function DeploymentOverviewCard() {
  return (
    <EntityKindFrame
      title={TITLE}
      expectedKind={CUSTOMER_DEPLOYMENT_KIND}
      isKind={isCustomerDeploymentEntity}
    >
      {entity => <DeploymentOverview entity={entity} />}
    </EntityKindFrame>
  );
}

function DeploymentOverview(props: { entity: CustomerDeploymentEntity }) {
  const { entity } = props;
  const { spec } = entity;
  const now = new Date();
  return (
    <InfoCard title={TITLE}>
      <FactList
        facts={[
          {
            label: 'Customer',
            value: (
              <EntityRefOrText
                entityRef={customerRefOf(entity)}
                fallback={spec.customer}
              />
            ),
          },
          {
            label: 'Owner',
            value: (
              <EntityRefOrText
                entityRef={ownerRefOf(entity)}
                fallback={spec.owner}
              />
            ),
          },
          { label: 'Lifecycle', value: spec.lifecycle },
          { label: 'Profile', value: describeProfile(spec.profile) },
          { label: 'Chart', value: describeChart(spec.chart) },
          { label: 'Kubernetes', value: describeCluster(spec.cluster) },
          { label: 'License', value: describeLicense(spec, now) },
          { label: 'Billing', value: describeBilling(spec.billing) },
          { label: 'GPU', value: describeGpu(spec.gpu) },
        ]}
      />
    </InfoCard>
  );
}
