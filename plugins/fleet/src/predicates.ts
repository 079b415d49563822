import { Entity } from '@backstage/catalog-model';
import { isCustomerDeploymentEntity } from '@fleetdeck/plugin-fleet-common';

/**
 * Whether an entity is a CustomerDeployment that bills by journal
 * (`spec.billing.mode: journal`): the deployments that get the "Journals" tab. For `EntitySwitch.Case` and
 * `EntityLayout.Route` `if` in legacy apps.
 *
 * @public
 */
export function isJournalBillingDeployment(entity: Entity): boolean {
  return (
    isCustomerDeploymentEntity(entity) &&
    entity.spec.billing?.mode === 'journal'
  );
}
