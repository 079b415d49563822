import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  CUSTOMER_KIND,
  isCustomerEntity,
} from '@fleetdeck/plugin-fleet-common';
import { FactList } from '../shared/FactList';
import { EntityRefOrText } from '../shared/EntityRefOrText';
import { WrongKindCard } from '../shared/WrongKindCard';
import { deploymentRefsOf, ownerRefOf } from '../shared/relations';
import { plural } from '@fleetdeck/plugin-fleet-common';

const TITLE = 'Customer overview';

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** A Customer at a glance: account team, tier, region and how many deployments it runs. */
export function CustomerOverviewCard() {
  const { entity } = useEntity();
  if (!isCustomerEntity(entity)) {
    return (
      <WrongKindCard
        title={TITLE}
        expectedKind={CUSTOMER_KIND}
        entity={entity}
      />
    );
  }
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
