import { InfoCard } from '@backstage/core-components';
import {
  CUSTOMER_KIND,
  CustomerEntity,
  isCustomerEntity,
} from '@fleetdeck/plugin-fleet-common';
import { FactList } from '../shared/FactList';
import { EntityRefOrText } from '../shared/EntityRefOrText';
import { EntityKindFrame } from '../shared/WrongKindCard';
import { deploymentRefsOf, ownerRefOf } from '../shared/relations';
import { plural } from '@fleetdeck/plugin-fleet-common';

const TITLE = 'Customer overview';

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** A Customer at a glance: account team, tier, region and how many deployments it runs. */
export function CustomerOverviewCard() {
  return (
    <EntityKindFrame
      title={TITLE}
      expectedKind={CUSTOMER_KIND}
      isKind={isCustomerEntity}
    >
      {entity => <CustomerOverview entity={entity} />}
    </EntityKindFrame>
  );
}

function CustomerOverview(props: { entity: CustomerEntity }) {
  const { entity } = props;
  const { spec } = entity;
  const deployments = deploymentRefsOf(entity).length;
  return (
    <InfoCard title={TITLE}>
      <FactList
        facts={[
          {
            label: 'Owner',
            value: (
              <EntityRefOrText
                entityRef={ownerRefOf(entity)}
                fallback={spec.owner}
              />
            ),
          },
          {
            label: 'Tier',
            value: spec.tier ? capitalise(spec.tier) : 'Not set',
          },
          { label: 'Region', value: spec.region ?? 'Not set' },
          {
            label: 'Deployments',
            value:
              deployments === 0
                ? 'No deployments yet'
                : plural(deployments, 'deployment'),
          },
        ]}
      />
    </InfoCard>
  );
}
